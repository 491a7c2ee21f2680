// /admin/partners: every partner with its zones; adding one and changing its name or home
// page (admin/partner_changes.h checks and audits both). Admins and editors.

#include "admin/page.h"
#include "admin/pages.h"
#include "admin/partner_changes.h"
#include "core/slug.h"
#include "store/store.h"
#include "web/urls.h"

namespace nz::admin {
namespace {

std::string form_label(std::string_view key) {
  if (key == "name") return "Name";
  if (key == "url") return "Home page";
  if (key == "slug") return "Slug";
  return std::string(key);
}

bool is_form_error(const Error& error) {
  return error.code == ErrorCode::kInvalidInput || error.code == ErrorCode::kConflict;
}

// The list with the "Add a partner" form under it (`form` refilled after an error).
http::Response render_partners(const AdminServices& services, const Principal& principal,
                               int status, const std::string& message, const Form& form) {
  auto context = web::load_page_context(services.site);
  if (!context) return admin_error_for(services, context.error(), &principal);
  render::View rows = render::View::list();
  for (const auto& [id, p] : context->partners) {
    render::View zones = render::View::list();
    for (const auto& s : context->sections) {
      if (s.partner_id != id) continue;
      zones.push(render::View().set("title", s.title).set("id", std::to_string(s.id)));
    }
    const bool none = zones.empty_list();
    rows.push(render::View()
                  .set("id", std::to_string(id))
                  .set("name", p.name)
                  .set("slug", p.slug)
                  .set("url", web::text_or_false(p.url))
                  .set("zones", std::move(zones))
                  .set("zones_none", none));
  }
  render::View view = admin_frame(services, *context, "Partners", &principal, "/admin/partners");
  view.set("partners", std::move(rows))
      .set("partners_none", context->partners.empty())
      .set("message", web::text_or_false(message))
      .set("name", field(form, "name"))
      .set("slug", field(form, "slug"))
      .set("url", field(form, "url"))
      .set("max_name", std::to_string(kMaxPartnerName))
      .set("max_url", std::to_string(kMaxPartnerUrl))
      .set("max_slug", std::to_string(kMaxSlug));
  return admin_page(services, "admin_partners", view, status);
}

http::Response render_partner_form(const AdminServices& services, const Principal& principal,
                                   const model::Partner& partner, int status,
                                   const std::string& message, const std::string& notice,
                                   const Form& form) {
  auto context = web::load_page_context(services.site);
  if (!context) return admin_error_for(services, context.error(), &principal);
  render::View zones = render::View::list();
  for (const auto& s : context->sections) {
    if (s.partner_id != partner.id) continue;
    zones.push(render::View()
                   .set("title", s.title)
                   .set("id", std::to_string(s.id))
                   .set("url", web::section_path(s)));
  }
  const bool none = zones.empty_list();
  render::View view = admin_frame(services, *context, "Partner: " + partner.name, &principal,
                                  "/admin/partners");
  view.set("id", std::to_string(partner.id))
      .set("partner_name", partner.name)
      .set("slug", partner.slug)
      .set("name", field(form, "name"))
      .set("url", field(form, "url"))
      .set("zones", std::move(zones))
      .set("zones_none", none)
      .set("message", web::text_or_false(message))
      .set("notice", web::text_or_false(notice))
      .set("max_name", std::to_string(kMaxPartnerName))
      .set("max_url", std::to_string(kMaxPartnerUrl));
  return admin_page(services, "admin_partner_edit", view, status);
}

}  // namespace

http::Response partners_page(const AdminServices& services, const http::Request& request) {
  auto who = require(services, request, {model::Role::kAdmin, model::Role::kEditor});
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  return render_partners(services, std::get<Principal>(who), 200, "", {});
}

http::Response add_partner(const AdminServices& services, const http::Request& request) {
  const Form form = parse_form(request.body);
  auto who = require(services, request, {model::Role::kAdmin, model::Role::kEditor}, &form);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Principal& principal = std::get<Principal>(who);
  model::Partner partner{.slug = field(form, "slug"),
                         .name = field(form, "name"),
                         .url = field(form, "url")};
  if (partner.slug.empty()) partner.slug = core::slugify(partner.name);
  auto added = create_partner(services.store, services.site.clock, partner,
                              Actor::user(principal.user, request.remote_address), form_label);
  if (!added) {
    if (!is_form_error(added.error())) return admin_error_for(services, added.error(), &principal);
    return render_partners(services, principal, 422, added.error().message, form);
  }
  return see_other("/admin/partners");
}

http::Response partner_edit_page(const AdminServices& services, const http::Request& request) {
  auto who = require(services, request, {model::Role::kAdmin, model::Role::kEditor});
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Principal& principal = std::get<Principal>(who);
  auto id = positive_id(request.param("id"));
  if (!id) return admin_error(services, 404, "There is no such partner.", &principal);
  auto partner = services.store.find_partner(*id);
  if (!partner) return admin_error_for(services, partner.error(), &principal);
  Form form{{"name", partner->name}, {"url", partner->url}};
  return render_partner_form(services, principal, *partner, 200, "",
                             request.query_param("saved") ? "Saved." : "", form);
}

http::Response save_partner(const AdminServices& services, const http::Request& request) {
  const Form form = parse_form(request.body);
  auto who = require(services, request, {model::Role::kAdmin, model::Role::kEditor}, &form);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Principal& principal = std::get<Principal>(who);
  auto id = positive_id(request.param("id"));
  if (!id) return admin_error(services, 404, "There is no such partner.", &principal);
  auto partner = services.store.find_partner(*id);
  if (!partner) return admin_error_for(services, partner.error(), &principal);
  auto saved = update_partner(services.store, services.site.clock, *id,
                              {.name = field(form, "name"), .url = field(form, "url")},
                              Actor::user(principal.user, request.remote_address), form_label);
  if (!saved) {
    if (!is_form_error(saved.error())) return admin_error_for(services, saved.error(), &principal);
    return render_partner_form(services, principal, *partner, 422, saved.error().message, "",
                               form);
  }
  return see_other("/admin/partners/" + std::to_string(*id) + "?saved=1");
}

}  // namespace nz::admin
