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
  // Sections, zones, partners and sources (sections_page.cpp, partners_page.cpp,
  // sources_page.cpp). "new" and "preview" before "{id}".
  router.get("/admin/sections", route(sections_page));
  router.get("/admin/sections/new", route(new_section_page));
  router.post("/admin/sections", route(save_section));
  router.post("/admin/sections/preview", route(preview_section));
  router.get("/admin/sections/{id}", route(section_edit_page));
  router.post("/admin/sections/{id}", route(save_section));
  router.get("/admin/partners", route(partners_page));
  router.post("/admin/partners", route(add_partner));
  router.get("/admin/partners/{id}", route(partner_edit_page));
  router.post("/admin/partners/{id}", route(save_partner));
  router.get("/admin/sources", route(sources_page));
  router.post("/admin/sources", route(add_source_submit));
  router.get("/admin/sources/{id}", route(source_page));
  router.post("/admin/sources/{id}", route(save_source));
  router.post("/admin/sources/{id}/pause", route(pause_source));
  router.post("/admin/sources/{id}/resume", route(resume_source));
  router.post("/admin/sources/{id}/test", route(test_source));
  router.get("/partner/", route(partner_page));
  router.post("/partner/tokens", route(create_token));
  router.post("/partner/tokens/{id}/revoke", route(revoke_token));
  // Moderation and articles (issue 8).
  router.get("/admin/queue", route(queue_page));
  router.post("/admin/queue", route(queue_submit));
  router.get("/admin/articles", route(articles_page));
  router.get("/admin/articles/{id}", route(article_page));
  router.post("/admin/articles/{id}/{action}", route(article_action));
  router.post("/admin/articles/{id}/tags/{topic}/remove", route(remove_article_topic));
  router.get("/partner/articles", route(partner_articles_page));
  router.get("/partner/articles/{id}", route(partner_article_page));
  // Issue 8: the partner's delivery log; password reset links and the form they open.
  router.get("/partner/deliveries", route(partner_deliveries));
  router.post("/admin/users/{id}/reset-link", route(make_reset_link));
  router.get("/admin/reset", route(reset_form));
  router.post("/admin/reset", route(reset_submit));
  // Issue 8: an admin's or editor's own API tokens.
  router.get("/admin/tokens", route(tokens_page));
  router.post("/admin/tokens", route(create_user_token_submit));
  router.post("/admin/tokens/{id}/revoke", route(revoke_user_token_submit));
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
