#include "admin/password_reset.h"

#include <boost/json.hpp>

#include "core/clock.h"
#include "core/rfc3339.h"
#include "store/store.h"

namespace nz::admin {
namespace {

constexpr std::string_view kAskAgain = " Ask the site's administrator for a new link.";

// Why an existing link no longer works at `now`; empty while it does.
std::string refusal(const model::PasswordReset& reset, const model::User& user,
                    core::Timestamp now) {
  if (reset.used) return "This link has been used already: a link works only once.";
  if (reset.replaced) return "A newer link was made for this account, so this one no longer works.";
  if (now >= reset.expires) return "This link has expired.";
  if (user.disabled) return "This account is disabled, so its password cannot be set.";
  return "";
}

std::string link_json(const model::PasswordReset& reset, const model::User& user) {
  boost::json::object o;
  o["link"] = reset.id;
  o["user_id"] = user.id;
  o["email"] = user.email;
  o["expires"] = core::format_rfc3339(reset.expires);
  return boost::json::serialize(o);
}

}  // namespace

std::string reset_path(std::string_view token) {
  return "/admin/reset?token=" + std::string(token);
}

Result<MadeResetLink> create_reset_link(store::Store& store, const core::Clock& clock,
                                        model::UserId user_id, std::chrono::seconds life,
                                        const Actor& actor) {
  crypto::NewSecret secret = crypto::make_session_secret();
  MadeResetLink out{.token = std::move(secret.value)};
  Status done = store.atomically([&]() -> Status {
    auto user = store.find_user(user_id);
    if (!user) return user.error();
    if (user->disabled) {
      return Error::Conflict(user->email + " is disabled: enable the account before making a "
                                           "reset link for it");
    }
    out.user = *user;
    const core::Timestamp now = clock.now();
    auto added = store.add_password_reset(
        {.user_id = user->id, .token_hash = secret.hash, .created = now, .expires = now + life});
    if (!added) return added.error();
    out.stored = *added;
    return record_change(store, clock, actor, "user.reset_link",
                         "user:" + std::to_string(user->id), "", link_json(out.stored, out.user));
  });
  if (!done) return done.error();
  return out;
}

Result<OpenReset> check_reset_link(store::Store& store, const core::Clock& clock,
                                   std::string_view token) {
  if (!crypto::looks_like_session_secret(token)) {
    return Error::InvalidInput("This link is not complete: copy the whole link you were given." +
                               std::string(kAskAgain));
  }
  auto reset = store.find_password_reset(crypto::secret_hash(token));
  if (!reset) {
    if (reset.error().code != ErrorCode::kNotFound) return reset.error();
    return Error::NotFound("This link is not one this site made." + std::string(kAskAgain));
  }
  auto user = store.find_user(reset->user_id);
  if (!user) return user.error();
  if (std::string why = refusal(*reset, *user, clock.now()); !why.empty()) {
    return Error::Conflict(why + std::string(kAskAgain));
  }
  return OpenReset{.reset = std::move(*reset), .user = std::move(*user)};
}

Result<model::User> complete_reset(store::Store& store, const core::Clock& clock,
                                   const OpenReset& open, std::string_view password,
                                   std::string address, const crypto::PasswordLimits& limits) {
  if (auto strong = crypto::check_password_strength(password, open.user.email); !strong) {
    return strong.error();
  }
  // Hashing takes a moment and much memory: before the transaction, not inside it.
  auto hash = crypto::hash_password(password, limits);
  if (!hash) return hash.error();
  model::User user;
  Status done = store.atomically([&]() -> Status {
    auto reset = store.find_password_reset(open.reset.token_hash);
    if (!reset) return reset.error();
    auto current = store.find_user(reset->user_id);
    if (!current) return current.error();
    const core::Timestamp now = clock.now();
    if (std::string why = refusal(*reset, *current, now); !why.empty()) {
      return Error::Conflict(why + std::string(kAskAgain));
    }
    if (auto used = store.use_password_reset(reset->id, now); !used) {
      // Another request used it between the check above and this one.
      if (used.error().code != ErrorCode::kConflict) return used;
      return Error::Conflict("This link has been used already: a link works only once." +
                             std::string(kAskAgain));
    }
    if (auto set = store.set_user_password(current->id, *hash); !set) return set;
    auto ended = store.delete_user_sessions(current->id);
    if (!ended) return ended.error();
    if (auto cleared = store.clear_login_failures(normalize_email(current->email)); !cleared) {
      return cleared;
    }
    user = *current;
    boost::json::object after = boost::json::parse(user_json(user)).as_object();
    after["password"] = "changed";
    after["reset_link"] = reset->id;
    after["sessions_ended"] = *ended;
    return record_change(store, clock, Actor::user(user, std::move(address)),
                         "user.password_reset", "user:" + std::to_string(user.id),
                         user_json(user), boost::json::serialize(after));
  });
  if (!done) return done.error();
  return user;
}

}  // namespace nz::admin
