// POST /admin/users/{id}/reset-link (admins): a one-time link for a user to set a new
// password, shown once. GET and POST /admin/reset: the form the link opens, for anybody
// holding the link, signed in or not (admin/password_reset.h).
//
// The reset form has its own CSRF token in a double-submit cookie, as the sign-in form does:
// its user has no session. The token of the link travels in the query string of the GET only
// (the access log writes paths without their query) and in the form's body; every answer is
// no-store and sends no Referer, so the link does not leave the page either.

#include <spdlog/spdlog.h>

#include "admin/page.h"
#include "admin/pages.h"
#include "admin/password_reset.h"
#include "core/rfc3339.h"
#include "crypto/password.h"
#include "store/store.h"

namespace nz::admin {
namespace {

inline constexpr std::string_view kResetCookie = "nz_reset";
// The longest password field read; check_password_strength says what is allowed.
constexpr size_t kMaxFieldBytes = 4096;

// The reset pages' headers on top of make_private's: the URL holds the token, so no
// Referer at all, not even to this site.
http::Response guarded(http::Response response) {
  response.set_header("Referrer-Policy", "no-referrer");
  return response;
}

int refusal_status(const Error& error) {
  switch (error.code) {
    case ErrorCode::kInvalidInput: return 400;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kConflict: return 410;
    default: return 500;
  }
}

// The link was refused: its message, nothing changed.
http::Response refused(const AdminServices& services, const Error& error) {
  if (refusal_status(error) >= 500) return guarded(admin_error_for(services, error, nullptr));
  return guarded(admin_error(services, refusal_status(error), error.message));
}

http::Response reset_form_page(const AdminServices& services, const OpenReset& open,
                               std::string_view token, int status, std::string_view message) {
  auto context = web::load_page_context(services.site);
  if (!context) return guarded(admin_error_for(services, context.error(), nullptr));
  const std::string form_token = crypto::random_urlsafe();
  render::View view = admin_frame(services, *context, "Choose a new password", nullptr, "");
  view.set("form", true)
      .set("reset_csrf", form_token)
      .set("token", std::string(token))
      .set("email", open.user.email)
      .set("expires", core::format_rfc3339(open.reset.expires))
      .set("message", message.empty() ? render::View(false) : render::View(std::string(message)));
  http::Response response = admin_page(services, "admin_reset", view, status);
  response.headers.emplace_back(
      "Set-Cookie", set_cookie(kResetCookie, form_token, "/admin/reset",
                               services.settings.reset_link_life, services.settings));
  return guarded(std::move(response));
}

}  // namespace

http::Response reset_form(const AdminServices& services, const http::Request& request) {
  const std::string token(request.query_param("token").value_or(""));
  auto open = check_reset_link(services.store, services.site.clock, token);
  if (!open) return refused(services, open.error());
  return reset_form_page(services, *open, token, 200, "");
}

http::Response reset_submit(const AdminServices& services, const http::Request& request) {
  if (!same_origin(request)) {
    return guarded(admin_error(services, 403,
                               "This form was sent from another site, so it was not accepted."));
  }
  const Form form = parse_form(request.body);
  const std::string token = field(form, "token");
  auto open = check_reset_link(services.store, services.site.clock, token);
  if (!open) return refused(services, open.error());
  auto expected = cookie_value(request, kResetCookie);
  if (!expected || !csrf_matches(form, *expected)) {
    return reset_form_page(services, *open, token, 403,
                           "The form had expired or did not come from this site, so nothing "
                           "was changed. Please enter the new password again.");
  }
  const std::string password = field(form, "password");
  if (password.size() > kMaxFieldBytes || field(form, "confirm").size() > kMaxFieldBytes) {
    return reset_form_page(services, *open, token, 422,
                           "That password is far too long. Please choose a shorter one.");
  }
  if (password != field(form, "confirm")) {
    return reset_form_page(services, *open, token, 422,
                           "The two passwords differ. Please type the same one twice.");
  }
  auto done = complete_reset(services.store, services.site.clock, *open, password,
                             request.remote_address);
  if (!done) {
    if (done.error().code == ErrorCode::kInvalidInput) {
      return reset_form_page(services, *open, token, 422, done.error().message);
    }
    return refused(services, done.error());
  }
  spdlog::info("admin: {} set a new password with a reset link from {}", done->email,
               request.remote_address);
  auto context = web::load_page_context(services.site);
  if (!context) return guarded(admin_error_for(services, context.error(), nullptr));
  render::View view = admin_frame(services, *context, "Password changed", nullptr, "");
  view.set("form", false).set("email", done->email).set("message", false);
  http::Response response = admin_page(services, "admin_reset", view, 200);
  response.headers.emplace_back(
      "Set-Cookie",
      set_cookie(kResetCookie, "", "/admin/reset", std::chrono::seconds{0}, services.settings));
  return guarded(std::move(response));
}

http::Response make_reset_link(const AdminServices& services, const http::Request& request) {
  const Form form = parse_form(request.body);
  auto who = require(services, request, {model::Role::kAdmin}, &form);
  if (auto* refused_now = std::get_if<http::Response>(&who)) return std::move(*refused_now);
  const Principal& principal = std::get<Principal>(who);
  auto id = positive_id(request.param("id"));
  if (!id) return admin_error(services, 404, "There is no such user.", &principal);
  auto made = create_reset_link(services.store, services.site.clock, *id,
                                services.settings.reset_link_life,
                                Actor::user(principal.user, request.remote_address));
  if (!made) {
    if (made.error().code == ErrorCode::kNotFound) {
      return admin_error(services, 404, "There is no such user.", &principal);
    }
    if (made.error().code == ErrorCode::kConflict) {
      return admin_error(services, 409, made.error().message, &principal);
    }
    return admin_error_for(services, made.error(), &principal);
  }
  auto context = web::load_page_context(services.site);
  if (!context) return admin_error_for(services, context.error(), &principal);
  // The only page that ever shows the link.
  render::View view = admin_frame(services, *context, "Password reset link", &principal, "");
  view.set("email", made->user.email)
      .set("link", context->site.base_url + reset_path(made->token))
      .set("expires", core::format_rfc3339(made->stored.expires));
  return guarded(admin_page(services, "admin_reset_link", view));
}

}  // namespace nz::admin
