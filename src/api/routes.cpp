#include "api/api.h"
#include "http/router.h"

namespace nz::api {

void add_api_routes(http::Router& router, const ApiServices& services) {
  router.post("/api/v1/zones/{zone}/articles",
              [&services](http::Request& request) { return push_articles(services, request); });
  router.get("/api/v1/openapi.json", [](http::Request&) { return openapi_document(); });
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
