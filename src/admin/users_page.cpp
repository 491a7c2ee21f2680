// /admin/users (list, add, disable, enable) and /admin/audit: admins only. Every change goes
// through admin/accounts.h, which writes the audit log in the same transaction.

#include "admin/accounts.h"
#include "admin/audit_changes.h"
#include "admin/page.h"
#include "admin/pages.h"
#include "core/rfc3339.h"
#include "store/store.h"

namespace nz::admin {
namespace {

constexpr int kAuditShown = 100;

http::Response render_users(const AdminServices& services, const Principal& principal,
                            int status, std::string_view message, const Form& form) {
  auto context = web::load_page_context(services.site);
  if (!context) return admin_error_for(services, context.error(), &principal);
  auto users = services.store.list_users();
  if (!users) return admin_error_for(services, users.error(), &principal);
  render::View rows = render::View::list();
  for (const auto& u : *users) {
    const model::Partner* partner = nullptr;
    if (u.partner_id) {
      auto it = context->partners.find(*u.partner_id);
      if (it != context->partners.end()) partner = &it->second;
    }
    rows.push(render::View()
                  .set("id", std::to_string(u.id))
                  .set("email", u.email)
                  .set("role", std::string(model::to_string(u.role)))
                  .set("partner", partner ? render::View(partner->name) : render::View(false))
                  .set("created", core::format_date(u.created))
                  .set("disabled", u.disabled)
                  .set("action", std::string(u.disabled ? "enable" : "disable"))
                  .set("action_label", std::string(u.disabled ? "Enable" : "Disable"))
                  .set("is_self", u.id == principal.user.id));
  }
  render::View partners = render::View::list();
  for (const auto& [id, p] : context->partners) {
    partners.push(render::View()
                      .set("slug", p.slug)
                      .set("name", p.name)
                      .set("selected", field(form, "partner") == p.slug));
  }
  const std::string role = field(form, "role");
  render::View view = admin_frame(services, *context, "Users", &principal, "/admin/users");
  view.set("users", std::move(rows))
      .set("partners", std::move(partners))
      .set("message", message.empty() ? render::View(false) : render::View(std::string(message)))
      .set("email", field(form, "email"))
      .set("role_admin", role == "admin")
      .set("role_editor", role.empty() || role == "editor")
      .set("role_partner", role == "partner");
  return admin_page(services, "admin_users", view, status);
}

http::Response change_disabled(const AdminServices& services, const http::Request& request,
                               bool disabled) {
  const Form form = parse_form(request.body);
  auto who = require(services, request, {model::Role::kAdmin}, &form);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Principal& principal = std::get<Principal>(who);
  auto id = positive_id(request.param("id"));
  if (!id) return admin_error(services, 404, "There is no such user.", &principal);
  if (*id == principal.user.id && disabled) {
    return render_users(services, principal, 409,
                        "You cannot disable your own account: another admin has to.", {});
  }
  auto changed = set_user_disabled(services.store, services.site.clock, *id, disabled,
                                   Actor::user(principal.user, request.remote_address));
  if (!changed) return admin_error_for(services, changed.error(), &principal);
  return see_other("/admin/users");
}

}  // namespace

http::Response users_page(const AdminServices& services, const http::Request& request) {
  auto who = require(services, request, {model::Role::kAdmin});
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  return render_users(services, std::get<Principal>(who), 200, "", {});
}

http::Response add_user(const AdminServices& services, const http::Request& request) {
  const Form form = parse_form(request.body);
  auto who = require(services, request, {model::Role::kAdmin}, &form);
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Principal& principal = std::get<Principal>(who);
  auto role = model::parse_role(field(form, "role"));
  if (!role) return render_users(services, principal, 422, "Choose a role.", form);
  NewUser request_user{.email = field(form, "email"),
                       .role = *role,
                       .partner = *role == model::Role::kPartner ? field(form, "partner") : "",
                       .password = field(form, "password")};
  auto added = create_user(services.store, services.site.clock, request_user,
                           Actor::user(principal.user, request.remote_address));
  if (!added) {
    const ErrorCode code = added.error().code;
    if (code == ErrorCode::kInvalidInput || code == ErrorCode::kConflict ||
        code == ErrorCode::kNotFound) {
      return render_users(services, principal, 422, added.error().message, form);
    }
    return admin_error_for(services, added.error(), &principal);
  }
  return see_other("/admin/users");
}

http::Response disable_user(const AdminServices& services, const http::Request& request) {
  return change_disabled(services, request, true);
}

http::Response enable_user(const AdminServices& services, const http::Request& request) {
  return change_disabled(services, request, false);
}

http::Response audit_page(const AdminServices& services, const http::Request& request) {
  auto who = require(services, request, {model::Role::kAdmin});
  if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
  const Principal& principal = std::get<Principal>(who);
  auto context = web::load_page_context(services.site);
  if (!context) return admin_error_for(services, context.error(), &principal);
  std::optional<int64_t> before;
  if (auto text = request.query_param("before")) {
    before = positive_id(*text);
    if (!before) return admin_error(services, 400, "before= takes an entry's number.", &principal);
  }
  auto entries = services.store.list_audit({.before_id = before, .limit = kAuditShown});
  if (!entries) return admin_error_for(services, entries.error(), &principal);
  render::View rows = render::View::list();
  for (const auto& e : *entries) {
    render::View changes = render::View::list();
    for (auto& c : changed_fields(e.before_json, e.after_json)) {
      changes.push(render::View()
                       .set("field", std::move(c.field))
                       .set("before", web::text_or_false(c.before))
                       .set("after", web::text_or_false(c.after)));
    }
    const bool is_update = !e.before_json.empty() && !e.after_json.empty();
    const bool has_changes = !changes.empty_list();
    rows.push(render::View()
                  .set("changes", std::move(changes))
                  .set("has_changes", has_changes)
                  .set("is_update", is_update)
                  .set("id", std::to_string(e.id))
                  .set("at", core::format_rfc3339(e.at))
                  .set("actor", e.actor_label)
                  .set("actor_kind", std::string(model::to_string(e.actor_kind)))
                  .set("action", e.action)
                  .set("target", e.target)
                  .set("before", web::text_or_false(e.before_json))
                  .set("after", web::text_or_false(e.after_json))
                  .set("address", web::text_or_false(e.address)));
  }
  render::View view = admin_frame(services, *context, "Audit log", &principal, "/admin/audit");
  view.set("entries", std::move(rows))
      .set("entries_none", entries->empty())
      .set("older_url", entries->size() == static_cast<size_t>(kAuditShown)
                            ? render::View("/admin/audit?before=" +
                                           std::to_string(entries->back().id))
                            : render::View(false));
  return admin_page(services, "admin_audit", view);
}

}  // namespace nz::admin
