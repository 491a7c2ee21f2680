#include "api/api.h"
#include "http/router.h"

namespace nz::api {

void add_api_routes(http::Router& router, const ApiServices& services) {
  router.post("/api/v1/zones/{zone}/articles",
              [&services](http::Request& request) { return push_articles(services, request); });
  router.set_not_found("/api/", [](http::Request& request) {
    return http::Response::json(
        404, "{\"error\":{\"status\":404,\"message\":\"no API endpoint at this path; see "
             "POST /api/v1/zones/{zone}/articles\"}}\n");
  });
  router.get("/websub/{source}",
             [&services](http::Request& request) { return websub_verify(services, request); });
  router.post("/websub/{source}",
              [&services](http::Request& request) { return websub_deliver(services, request); });
}

}  // namespace nz::api
