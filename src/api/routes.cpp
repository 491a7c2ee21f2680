#include "api/api.h"
#include "http/router.h"

namespace nz::api {

void add_api_routes(http::Router& router, const ApiServices& services) {
  router.post("/api/v1/zones/{zone}/articles",
              [&services](http::Request& request) { return push_articles(services, request); });
  router.get("/api/v1/openapi.json", [](http::Request&) { return openapi_document(); });
  // The read side for partner tokens (issue 8).
  auto route = [&services](http::Response (*handler)(const ApiServices&,
                                                     const http::Request&)) {
    return [&services, handler](http::Request& request) { return handler(services, request); };
  };
  router.get("/api/v1/zones", route(list_zones));
  router.get("/api/v1/articles", route(list_articles));
  router.get("/api/v1/articles/{id}", route(get_article));
  router.get("/api/v1/deliveries", route(list_deliveries));
  router.get("/api/v1/sources", route(list_sources));
  // The editors' operations, for editors' and admins' tokens (issue 8, editor_api.cpp).
  router.get("/api/v1/queue", route(list_queue));
  router.post("/api/v1/articles/{id}/approve", route(approve_article));
  router.post("/api/v1/articles/{id}/reject", route(reject_article));
  router.post("/api/v1/articles/{id}/withdraw", route(withdraw_article));
  router.post("/api/v1/articles/{id}/restore", route(restore_article));
  router.patch("/api/v1/articles/{id}", route(patch_article));
  router.get("/api/v1/sections", route(list_sections));
  router.post("/api/v1/sections", route(create_section));
  router.get("/api/v1/sections/{id}", route(get_section));
  router.patch("/api/v1/sections/{id}", route(patch_section));
  router.get("/api/v1/partners", route(list_partners));
  router.post("/api/v1/partners", route(create_partner));
  router.patch("/api/v1/partners/{id}", route(patch_partner));
  router.post("/api/v1/sources", route(create_source));
  router.patch("/api/v1/sources/{id}", route(patch_source));
  router.set_not_found("/api/", [](http::Request& request) {
    return http::Response::json(
        404, "{\"error\":{\"status\":404,\"message\":\"no API endpoint at this path; see "
             "/api/v1/openapi.json\"}}\n");
  });
  router.get("/websub/{source}",
             [&services](http::Request& request) { return websub_verify(services, request); });
  router.post("/websub/{source}",
              [&services](http::Request& request) { return websub_deliver(services, request); });
}

}  // namespace nz::api
