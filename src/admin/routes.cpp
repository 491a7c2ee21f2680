#include "admin/admin.h"
#include "admin/page.h"
#include "admin/pages.h"
#include "http/router.h"

namespace nz::admin {

void add_admin_routes(http::Router& router, const AdminServices& services) {
  auto route = [&services](http::Response (*handler)(const AdminServices&,
                                                     const http::Request&)) {
    return [&services, handler](http::Request& request) { return handler(services, request); };
  };
  router.get("/admin/login", route(login_form));
  router.post("/admin/login", route(login_submit));
  router.post("/admin/logout", route(logout));
  router.get("/admin/", route(dashboard_page));
  router.get("/admin/users", route(users_page));
  router.post("/admin/users", route(add_user));
  router.post("/admin/users/{id}/disable", route(disable_user));
  router.post("/admin/users/{id}/enable", route(enable_user));
  router.get("/admin/audit", route(audit_page));
  router.get("/partner/", route(partner_page));
  router.post("/partner/tokens", route(create_token));
  router.post("/partner/tokens/{id}/revoke", route(revoke_token));
  // Issue 8: the partner's delivery log; password reset links and the form they open.
  router.get("/partner/deliveries", route(partner_deliveries));
  router.post("/admin/users/{id}/reset-link", route(make_reset_link));
  router.get("/admin/reset", route(reset_form));
  router.post("/admin/reset", route(reset_submit));
  // /admin and /partner without the slash, and anything unknown below them, never reach the
  // reader pages ("/{section}/{article}" would take /admin/x): the same checks as every admin
  // page, then a private 404.
  router.get("/admin", [](http::Request&) { return see_other("/admin/"); });
  router.get("/partner", [](http::Request&) { return see_other("/partner/"); });
  auto unknown = [&services](http::Request& request) {
    auto who = require(services, request,
                       {model::Role::kAdmin, model::Role::kEditor, model::Role::kPartner});
    if (auto* refused = std::get_if<http::Response>(&who)) return std::move(*refused);
    return admin_error(services, 404, "There is no such page here.", &std::get<Principal>(who));
  };
  for (const char* prefix : {"/admin/", "/partner/"}) {
    router.get(std::string(prefix) + "{page}", unknown);
    router.get(std::string(prefix) + "{page}/{more}", unknown);
    router.set_not_found(prefix, unknown);
  }
}

}  // namespace nz::admin
