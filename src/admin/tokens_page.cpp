// /admin/tokens: an admin's or editor's own API tokens (issue 8). A token acts as its user in
// the JSON API, with the user's role, for as long as the user is enabled. GET lists the
// signed-in user's tokens (never the tokens themselves) with the form to make one; POST makes
// one and shows it once; POST /admin/tokens/{id}/revoke revokes one. Each change goes through
// admin/tokens.h, which writes the audit log (without the secret) in the same transaction.
// No form field names a user: the tokens are always the signed-in user's own.

#include "admin/page.h"
#include "admin/pages.h"
#include "admin/tokens.h"
#include "core/rfc3339.h"
#include "store/store.h"

namespace nz::admin {
namespace {

// The page: the user's tokens and the form, with `message` and the typed name on a refusal.
http::Response render_tokens(const AdminServices& services, const Principal& principal,
                             const std::string& message, const std::string& name,
                             int status = 200) {
  auto context = web::load_page_context(services.site);
  if (!context) return admin_error_for(services, context.error(), &principal);
  auto tokens = services.store.list_user_tokens(principal.user.id);
  if (!tokens) return admin_error_for(services, tokens.error(), &principal);
  render::View view = admin_frame(services, *context, "API tokens", &principal, "/admin/tokens");
  view.set("tokens", token_rows(*tokens))
      .set("tokens_none", tokens->empty())
      .set("role", std::string(model::to_string(principal.user.role)))
      .set("message", web::text_or_false(message))
      .set("name", name);
  return admin_page(services, "admin_tokens", view, status);
}

}  // namespace

http::Response tokens_page(const AdminServices& services, const http::Request& request) {
  auto who = require(services, request, {model::Role::kAdmin, model::Role::kEditor});
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  return render_tokens(services, std::get<Principal>(who), "", "");
}

http::Response create_user_token_submit(const AdminServices& services,
                                        const http::Request& request) {
  const Form form = parse_form(request.body);
  auto who = require(services, request, {model::Role::kAdmin, model::Role::kEditor}, &form);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Principal& principal = std::get<Principal>(who);
  auto made = create_user_token(services.store, services.site.clock, principal.user.id,
                                field(form, "name"),
                                Actor::user(principal.user, request.remote_address));
  if (!made) {
    if (made.error().code == ErrorCode::kInvalidInput) {
      return render_tokens(services, principal, made.error().message, field(form, "name"), 422);
    }
    return admin_error_for(services, made.error(), &principal);
  }
  auto context = web::load_page_context(services.site);
  if (!context) return admin_error_for(services, context.error(), &principal);
  // The only page that ever shows the token; admin_page marks it Cache-Control: no-store.
  render::View view = admin_frame(services, *context, "New API token", &principal, "");
  view.set("name", made->stored.name)
      .set("token", made->token)
      .set("display", made->stored.prefix)
      .set("email", principal.user.email)
      .set("role", std::string(model::to_string(principal.user.role)));
  return admin_page(services, "admin_token_created", view);
}

http::Response revoke_user_token_submit(const AdminServices& services,
                                        const http::Request& request) {
  const Form form = parse_form(request.body);
  auto who = require(services, request, {model::Role::kAdmin, model::Role::kEditor}, &form);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Principal& principal = std::get<Principal>(who);
  auto id = positive_id(request.param("id"));
  if (!id) return admin_error(services, 404, "There is no such token.", &principal);
  auto revoked = revoke_user_token(services.store, services.site.clock, principal.user.id, *id,
                                   Actor::user(principal.user, request.remote_address));
  if (!revoked) {
    if (revoked.error().code == ErrorCode::kNotFound) {
      return admin_error(services, 404, "There is no such token.", &principal);
    }
    return admin_error_for(services, revoked.error(), &principal);
  }
  return see_other("/admin/tokens");
}

}  // namespace nz::admin
