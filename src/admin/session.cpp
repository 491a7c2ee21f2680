#include "admin/session.h"

#include "crypto/password.h"
#include "store/store.h"

namespace nz::admin {
namespace {

// last_seen is written at most this often, so that browsing the admin is not a write per
// request; the idle limit is hours, so a minute's slack does not matter.
constexpr std::chrono::seconds kTouchEvery{60};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<std::string> cookie_value(const http::Request& request, std::string_view name) {
  for (const auto& [header, value] : request.headers) {
    if (header != "cookie") continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      size_t end = rest.find(';');
      std::string_view pair = trim(rest.substr(0, end));
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
      size_t eq = pair.find('=');
      if (eq == std::string_view::npos) continue;
      if (trim(pair.substr(0, eq)) == name) return std::string(trim(pair.substr(eq + 1)));
    }
  }
  return std::nullopt;
}

std::string set_cookie(std::string_view name, std::string_view value, std::string_view path,
                       std::chrono::seconds max_age, const AdminSettings& settings) {
  std::string out = std::string(name) + "=" + std::string(value) + "; Path=" +
                    std::string(path) + "; Max-Age=" + std::to_string(max_age.count()) +
                    "; HttpOnly; SameSite=Strict";
  if (settings.secure_cookies) out += "; Secure";
  return out;
}

SessionState session_state(const model::Session& session, core::Timestamp now,
                           const AdminSettings& settings) {
  if (now >= session.expires) return SessionState::kEnded;
  if (now - session.last_seen >= settings.session_idle) return SessionState::kIdle;
  return SessionState::kLive;
}

Result<std::optional<Principal>> current_principal(const AdminServices& services,
                                                   const http::Request& request) {
  using Found = std::optional<Principal>;
  auto cookie = cookie_value(request, kSessionCookie);
  if (!cookie || !crypto::looks_like_session_secret(*cookie)) return Found();
  const std::string hash = crypto::secret_hash(*cookie);
  auto session = services.store.find_session(hash);
  if (!session) {
    if (session.error().code == ErrorCode::kNotFound) return Found();
    return session.error();
  }
  const core::Timestamp now = services.site.clock.now();
  if (session_state(*session, now, services.settings) != SessionState::kLive) {
    if (auto deleted = services.store.delete_session(hash); !deleted) return deleted.error();
    return Found();
  }
  auto user = services.store.find_user(session->user_id);
  if (!user) return user.error();
  if (user->disabled) return Found();
  if (now - session->last_seen >= kTouchEvery) {
    if (auto touched = services.store.touch_session(hash, now); !touched) return touched.error();
    session->last_seen = now;
  }
  return Found(Principal{.user = std::move(*user), .session = std::move(*session)});
}

Result<StartedSession> start_session(const AdminServices& services, const model::User& user,
                                     const http::Request& request) {
  if (auto old = cookie_value(request, kSessionCookie);
      old && crypto::looks_like_session_secret(*old)) {
    if (auto deleted = services.store.delete_session(crypto::secret_hash(*old)); !deleted) {
      return deleted.error();
    }
  }
  const core::Timestamp now = services.site.clock.now();
  crypto::NewSecret secret = crypto::make_session_secret();
  model::Session session{.id_hash = secret.hash,
                         .user_id = user.id,
                         .csrf_token = crypto::random_urlsafe(),
                         .created = now,
                         .expires = now + services.settings.session_max,
                         .last_seen = now,
                         .address = request.remote_address};
  if (auto added = services.store.add_session(session); !added) return added.error();
  return StartedSession{
      .principal = {.user = user, .session = session},
      .set_cookie = set_cookie(kSessionCookie, secret.value, "/", services.settings.session_max,
                               services.settings)};
}

Result<std::string> end_session(const AdminServices& services, const Principal& principal) {
  if (auto deleted = services.store.delete_session(principal.session.id_hash); !deleted) {
    return deleted.error();
  }
  return set_cookie(kSessionCookie, "", "/", std::chrono::seconds{0}, services.settings);
}

std::string_view landing_path(const model::User& user) {
  return user.role == model::Role::kPartner ? "/partner/" : "/admin/";
}

}  // namespace nz::admin
