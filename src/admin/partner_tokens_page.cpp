// POST /partner/tokens and /partner/tokens/{id}/revoke: a partner user makes and revokes
// their own partner's API tokens. Each change goes through admin/tokens.h, which writes the
// audit log in the same transaction. The partner is always the signed-in user's own: no
// form field names one.

#include "admin/page.h"
#include "admin/pages.h"
#include "admin/tokens.h"
#include "store/store.h"

namespace nz::admin {
http::Response create_token(const AdminServices& services, const http::Request& request) {
  const Form form = parse_form(request.body);
  auto who = require(services, request, {model::Role::kPartner}, &form);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Principal& principal = std::get<Principal>(who);
  const model::PartnerId partner_id = *principal.user.partner_id;  // the store's CHECK
  auto made = create_partner_token(services.store, services.site.clock, partner_id,
                                   field(form, "name"),
                                   Actor::user(principal.user, request.remote_address));
  if (!made) return admin_error_for(services, made.error(), &principal);
  auto context = web::load_page_context(services.site);
  if (!context) return admin_error_for(services, context.error(), &principal);
  // The only page that ever shows the token; admin_page marks it Cache-Control: no-store.
  render::View view = admin_frame(services, *context, "New API token", &principal, "");
  view.set("name", made->stored.name)
      .set("token", made->token)
      .set("display", made->stored.prefix);
  return admin_page(services, "partner_token_created", view);
}

http::Response revoke_token(const AdminServices& services, const http::Request& request) {
  const Form form = parse_form(request.body);
  auto who = require(services, request, {model::Role::kPartner}, &form);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Principal& principal = std::get<Principal>(who);
  auto id = positive_id(request.param("id"));
  if (!id) return admin_error(services, 404, "There is no such token.", &principal);
  auto revoked = revoke_partner_token(services.store, services.site.clock,
                                      *principal.user.partner_id, *id,
                                      Actor::user(principal.user, request.remote_address));
  if (!revoked) {
    if (revoked.error().code == ErrorCode::kNotFound) {
      return admin_error(services, 404, "There is no such token.", &principal);
    }
    return admin_error_for(services, revoked.error(), &principal);
  }
  return see_other("/partner/");
}

}  // namespace nz::admin
