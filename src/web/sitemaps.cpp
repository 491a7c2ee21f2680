// /robots.txt, /sitemap.xml (the index), /sitemaps/YYYY-MM[-N].xml (a month's articles) and
// /sitemaps/news.xml (Google News: the last 48 hours). What they list is the store's
// "listed" articles of sections whose noindex is off (store::ArticleStore, "Sitemaps").
#include <algorithm>
#include <chrono>

#include <spdlog/spdlog.h>

#include "core/clock.h"
#include "core/rfc3339.h"
#include "store/article_store.h"
#include "store/site_store.h"
#include "web/surrogate_keys.h"
#include "web/page_frame.h"
#include "web/pages.h"
#include "web/sitemap_files.h"
#include "web/urls.h"
#include "web/xml_text.h"

namespace nz::web {
namespace {

constexpr std::string_view kXmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
// A news:title longer than this is cut (at a character boundary): Google shows far less, and
// it keeps 1,000 entries far below 50 MB whatever a partner sends.
constexpr size_t kMaxNewsTitleBytes = 1000;

http::Response xml_response(std::string body) {
  http::Response response;
  response.status = 200;
  response.body = std::move(body);
  response.set_header("Content-Type", "application/xml; charset=utf-8");
  response.cache_as = "sitemap";  // Cache-Control: cache::CachePolicy
  SurrogateKeys().add(std::string(kSitemapsKey)).apply(response);
  return response;
}

// The absolute URL of an entry's article page, or nullopt when its section is unknown.
std::optional<std::string> entry_url(const PageContext& context, const store::SitemapEntry& e) {
  const model::Section* section = context.section(e.section_id);
  if (!section) return std::nullopt;
  model::Article article;
  article.id = e.id;
  article.slug = e.slug;
  return context.site.base_url + article_path(*section, article);
}

}  // namespace

http::Response robots_txt(const SiteServices& services, const http::Request&) {
  auto site = services.site.get_site();
  if (!site) return error_page_for(services, site.error());
  // Search result pages and the JSON API are not for crawlers; everything else is. The
  // rules are prefixes: "/search?" leaves a section such as /searchlight/ alone.
  std::string body =
      "User-agent: *\n"
      "Disallow: /search?\n"
      "Disallow: /api/\n"
      "\n"
      "Sitemap: " + site->base_url + "/sitemap.xml\n"
      "Sitemap: " + site->base_url + "/sitemaps/news.xml\n";
  http::Response response = http::Response::text(200, std::move(body));
  response.cache_as = "robots";
  return response;
}

http::Response sitemap_index(const SiteServices& services, const http::Request&) {
  auto site = services.site.get_site();
  if (!site) return error_page_for(services, site.error());
  auto months = services.articles.list_sitemap_months();
  if (!months) return error_page_for(services, months.error());
  std::string body(kXmlDeclaration);
  body += "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  const std::string base = xml_escape(site->base_url);
  int64_t files = 0;
  for (const store::SitemapMonth& m : *months) {
    const std::string lastmod = core::format_rfc3339(m.lastmod);
    for (int64_t part = 1, parts = sitemap_parts(m.listed, services.sitemap_urls_per_file);
         part <= parts && files < kMaxUrlsPerSitemap; ++part, ++files) {
      body += "<sitemap><loc>" + base + "/sitemaps/" +
              sitemap_file_name({.month = m.month, .part = part}) + "</loc><lastmod>" +
              lastmod + "</lastmod></sitemap>\n";
    }
  }
  body += "</sitemapindex>\n";
  return xml_response(std::move(body));
}

namespace {

http::Response month_sitemap(const SiteServices& services, const PageContext& context,
                             const SitemapFile& file) {
  auto months = services.articles.list_sitemap_months();
  if (!months) return error_page_for(services, months.error());
  const store::SitemapMonth* month = nullptr;
  for (const auto& m : *months) {
    if (m.month == file.month) month = &m;
  }
  const int64_t per_file = std::clamp<int64_t>(services.sitemap_urls_per_file, 1,
                                               kMaxUrlsPerSitemap);
  if (!month || file.part > sitemap_parts(month->listed, per_file)) {
    return error_page_for(services, Error::NotFound("no such sitemap"));
  }
  auto [from, to] = month_range(month->month);
  auto entries = services.articles.list_sitemap_entries(from, to, (file.part - 1) * per_file,
                                                        per_file);
  if (!entries) return error_page_for(services, entries.error());

  std::string body(kXmlDeclaration);
  body += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (const store::SitemapEntry& e : *entries) {
    auto url = entry_url(context, e);
    if (!url) continue;
    std::string loc = xml_escape(*url);
    if (loc.size() > kMaxSitemapLocBytes) {
      spdlog::warn("sitemap {}: article {} left out, its URL is {} bytes", file.month, e.id,
                   loc.size());
      continue;
    }
    body += "<url><loc>" + loc + "</loc><lastmod>" +
            core::format_rfc3339(std::max(e.updated, e.published)) + "</lastmod></url>\n";
  }
  body += "</urlset>\n";
  return xml_response(std::move(body));
}

// Google News sitemap: https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap
http::Response news_sitemap(const SiteServices& services, const PageContext& context) {
  const core::Timestamp since =
      services.clock.now() - std::chrono::hours(kNewsSitemapHours);
  auto entries = services.articles.list_recent_sitemap_entries(since, kMaxNewsSitemapUrls);
  if (!entries) return error_page_for(services, entries.error());
  const std::string name = xml_escape(context.site.name);
  std::string body(kXmlDeclaration);
  body += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
          "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n";
  for (const store::SitemapEntry& e : *entries) {
    auto url = entry_url(context, e);
    if (!url) continue;
    std::string loc = xml_escape(*url);
    if (loc.size() > kMaxSitemapLocBytes) continue;
    const std::string& language = e.language.empty() ? context.site.language : e.language;
    body += "<url><loc>" + loc + "</loc><news:news><news:publication><news:name>" + name +
            "</news:name><news:language>" + xml_escape(language, 35) +
            "</news:language></news:publication><news:publication_date>" +
            core::format_rfc3339(e.published) + "</news:publication_date><news:title>" +
            xml_escape(e.headline, kMaxNewsTitleBytes) + "</news:title></news:news></url>\n";
  }
  body += "</urlset>\n";
  auto response = xml_response(std::move(body));
  // The oldest story leaves the news sitemap when it turns two days old, with no write then;
  // a story it left out for the URL limit may come in at the same moment.
  if (!entries->empty()) {
    auto oldest = std::min_element(entries->begin(), entries->end(),
                                   [](const auto& a, const auto& b) {
                                     return a.published < b.published;
                                   });
    response.fresh_until = oldest->published + std::chrono::hours(kNewsSitemapHours);
  }
  return response;
}

}  // namespace

http::Response sitemap_file(const SiteServices& services, const http::Request& request) {
  auto context = load_page_context(services);
  if (!context) return error_page_for(services, context.error());
  const std::string& name = request.param("file");
  if (name == "news.xml") return news_sitemap(services, *context);
  auto file = parse_sitemap_file_name(name);
  if (!file) return error_page_for(services, Error::NotFound("no such sitemap"));
  return month_sitemap(services, *context, *file);
}

}  // namespace nz::web
