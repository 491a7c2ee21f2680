#include "http/router.h"
#include "store/section_store.h"
#include "web/feeds.h"
#include "web/page_frame.h"
#include "web/pages.h"

namespace nz::web {

void add_site_routes(http::Router& router, const SiteServices& services) {
  auto bind = [&services](http::Response (*page)(const SiteServices&, const http::Request&)) {
    return [&services, page](http::Request& request) { return page(services, request); };
  };
  router.get("/", bind(home_page));
  router.get("/healthz", bind(health_check));
  router.get("/static/{file}", bind(static_file));
  router.get("/topics/{topic}", bind(topic_page));
  router.get("/robots.txt", bind(robots_txt));
  router.get("/sitemap.xml", bind(sitemap_index));
  router.get("/sitemaps/{file}", bind(sitemap_file));
  router.get("/search", bind(search_page));
  router.get("/feeds/sections/{file}", bind(section_feed));
  router.get("/feeds/topics/{file}", bind(topic_feed));
  router.get("/feeds/{file}", bind(site_feed));
  router.get("/api/v1/search", bind(search_api));
  router.get("/{section}/", bind(section_page));
  router.get("/{section}/{article}", bind(article_page));
  // "/china-news-zone" without the slash is the section too; anything else is a 404.
  router.get("/{section}", [&services](http::Request& request) {
    auto section = services.sections.find_section_by_slug(request.param("section"));
    if (!section) return error_page_for(services, section.error());
    return http::Response::redirect(301, "/" + section->slug + "/");
  });
  router.set_not_found([&services](http::Request&) {
    return error_page_for(services, Error::NotFound("no route"));
  });
}

}  // namespace nz::web
