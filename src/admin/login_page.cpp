// GET and POST /admin/login, POST /admin/logout.
#include <spdlog/spdlog.h>

#include "admin/accounts.h"
#include "admin/login_limits.h"
#include "admin/page.h"
#include "admin/pages.h"
#include "crypto/digest.h"
#include "crypto/password.h"
#include "store/store.h"

namespace nz::admin {
namespace {

// How long the sign-in form stays usable: its token lives in a cookie this long.
constexpr std::chrono::seconds kLoginFormLife{3600};

// One message for a wrong email and a wrong password, so the form never tells which
// accounts exist.
constexpr std::string_view kWrongCredentials =
    "The email address or the password is not right. Please try again.";

std::string minutes_text(std::chrono::seconds s) {
  auto minutes = (s.count() + 59) / 60;
  return minutes <= 1 ? "a minute" : std::to_string(minutes) + " minutes";
}

// A hash to verify against when the account does not exist, so that a wrong email takes as
// long as a wrong password. Made once, with the same limits real hashes have.
const std::string& decoy_hash() {
  static const std::string hash = [] {
    auto made = crypto::hash_password(crypto::random_urlsafe());
    return made ? *made : std::string();
  }();
  return hash;
}

http::Response form_response(const AdminServices& services, const http::Request& request,
                             int status, std::string_view message, std::string_view email) {
  auto context = web::load_page_context(services.site);
  if (!context) return admin_error_for(services, context.error(), nullptr);
  // A fresh form token each time the form is shown: the double-submit cookie below and the
  // hidden field must match when it comes back.
  const std::string token = crypto::random_urlsafe();
  render::View view = admin_frame(services, *context, "Sign in", nullptr, "/admin/login");
  view.set("login_csrf", token)
      .set("email", std::string(email))
      .set("message", message.empty() ? render::View(false) : render::View(std::string(message)));
  http::Response response = admin_page(services, "admin_login", view, status);
  response.headers.emplace_back(
      "Set-Cookie",
      set_cookie(kLoginCookie, token, "/admin/login", kLoginFormLife, services.settings));
  (void)request;
  return response;
}

}  // namespace

http::Response login_form(const AdminServices& services, const http::Request& request) {
  auto who = current_principal(services, request);
  if (!who) return admin_error_for(services, who.error(), nullptr);
  if (*who) return see_other(std::string(landing_path((*who)->user)));
  return form_response(services, request, 200, "", "");
}

http::Response login_submit(const AdminServices& services, const http::Request& request) {
  if (!same_origin(request)) {
    return admin_error(services, 403,
                       "This form was sent from another site, so it was not accepted.");
  }
  const Form form = parse_form(request.body);
  auto expected = cookie_value(request, kLoginCookie);
  if (!expected || !csrf_matches(form, *expected)) {
    return form_response(services, request, 403,
                         "The sign-in form had expired. Please enter your details again.",
                         field(form, "email"));
  }
  const std::string email = field(form, "email");
  const std::string password = field(form, "password");
  const std::string account = normalize_email(email);
  const core::Timestamp now = services.site.clock.now();
  const AdminSettings& settings = services.settings;
  store::Store& store = services.store;

  auto user = store.find_user_by_email(account);
  if (!user && user.error().code != ErrorCode::kNotFound) {
    return admin_error_for(services, user.error(), nullptr);
  }
  auto counts = store.count_login_failures(account, request.remote_address,
                                           now - settings.login_window);
  if (!counts) return admin_error_for(services, counts.error(), nullptr);
  bool known = false;
  if (user && counts->account >= settings.account_failures) {
    auto is_known = store.is_known_address(user->id, request.remote_address,
                                           now - settings.known_address_for);
    if (!is_known) return admin_error_for(services, is_known.error(), nullptr);
    known = *is_known;
  }
  GateDecision gate = login_gate(*counts, known, now, settings);
  if (gate.gate != LoginGate::kOpen) {
    // Refused before the password is looked at, and not counted: a lock cannot be prolonged.
    std::string message =
        gate.gate == LoginGate::kAddressLimited
            ? "Too many failed sign-ins from your network. Please try again in " +
                  minutes_text(gate.retry_after) + "."
            : "Too many failed sign-ins for this account. Please try again in " +
                  minutes_text(gate.retry_after) + ", or sign in from where you usually do.";
    http::Response response = form_response(services, request, 429, message, email);
    response.set_header("Retry-After", std::to_string(gate.retry_after.count()));
    return response;
  }

  const bool exists = static_cast<bool>(user);
  const bool matches = crypto::verify_password(exists ? user->password_hash : decoy_hash(),
                                               password);
  if (!exists || !matches || user->disabled) {
    if (auto recorded = store.record_login_failure(account, request.remote_address, now,
                                                   now - settings.login_window);
        !recorded) {
      return admin_error_for(services, recorded.error(), nullptr);
    }
    spdlog::info("admin: failed sign-in for \"{}\" from {}", account, request.remote_address);
    return form_response(services, request, 401, kWrongCredentials, email);
  }
  if (auto cleared = store.clear_login_failures(account); !cleared) {
    return admin_error_for(services, cleared.error(), nullptr);
  }
  if (auto known_now = store.record_login_success(user->id, request.remote_address, now);
      !known_now) {
    return admin_error_for(services, known_now.error(), nullptr);
  }
  auto started = start_session(services, *user, request);
  if (!started) return admin_error_for(services, started.error(), nullptr);
  spdlog::info("admin: {} signed in from {}", user->email, request.remote_address);
  http::Response response = see_other(std::string(landing_path(*user)));
  response.headers.emplace_back("Set-Cookie", started->set_cookie);
  response.headers.emplace_back(
      "Set-Cookie",
      set_cookie(kLoginCookie, "", "/admin/login", std::chrono::seconds{0}, settings));
  return response;
}

http::Response logout(const AdminServices& services, const http::Request& request) {
  const Form form = parse_form(request.body);
  auto who = require(services, request,
                     {model::Role::kAdmin, model::Role::kEditor, model::Role::kPartner}, &form);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Principal& principal = std::get<Principal>(who);
  auto cleared = end_session(services, principal);
  if (!cleared) return admin_error_for(services, cleared.error(), &principal);
  spdlog::info("admin: {} signed out", principal.user.email);
  http::Response response = see_other("/admin/login");
  response.headers.emplace_back("Set-Cookie", *cleared);
  return response;
}

}  // namespace nz::admin
