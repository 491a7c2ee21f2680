#include "store/article_store.h"
#include "web/pages.h"

namespace nz::web {

// For load balancers and monitors: 200 when the store answers, 503 when it does not.
http::Response health_check(const SiteServices& services, const http::Request& request) {
  auto count = services.articles.count_articles();
  http::Response response =
      count ? http::Response::json(200, "{\"status\":\"ok\",\"articles\":" +
                                            std::to_string(*count) + "}\n")
            : http::Response::json(503, "{\"status\":\"unavailable\"}\n");
  response.set_header("Cache-Control", "no-store");
  return response;
}

}  // namespace nz::web
