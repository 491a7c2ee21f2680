// The reader-facing pages, one handler per page type (each in its own file), and the routes
// that reach them.
#pragma once

#include "http/message.h"
#include "web/services.h"

namespace nz::http { class Router; }

namespace nz::web {

http::Response home_page(const SiteServices& services, const http::Request& request);
http::Response section_page(const SiteServices& services, const http::Request& request);
http::Response article_page(const SiteServices& services, const http::Request& request);
http::Response topic_page(const SiteServices& services, const http::Request& request);
// /search, and /api/v1/search with the same parameters as JSON (search_page.cpp).
http::Response search_page(const SiteServices& services, const http::Request& request);
http::Response search_api(const SiteServices& services, const http::Request& request);
http::Response health_check(const SiteServices& services, const http::Request& request);
http::Response static_file(const SiteServices& services, const http::Request& request);
// /robots.txt, /sitemap.xml and /sitemaps/{file} (sitemaps.cpp).
http::Response robots_txt(const SiteServices& services, const http::Request& request);
http::Response sitemap_index(const SiteServices& services, const http::Request& request);
http::Response sitemap_file(const SiteServices& services, const http::Request& request);

// Adds every reader route to the router, and the site's 404 page for everything else.
// services must outlive the router.
void add_site_routes(http::Router& router, const SiteServices& services);

}  // namespace nz::web
