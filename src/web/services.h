// SiteServices: what the reader-facing pages need, handed in by the composition root.
// Every member outlives the router that holds it.
#pragma once

#include <cstdint>
#include <string>

namespace nz::core { class Clock; }
namespace nz::render { class Renderer; }
namespace nz::search { class SearchIndex; }
namespace nz::store {
class ArticleStore;
class PartnerStore;
class SectionStore;
class SiteStore;
class TopicStore;
}  // namespace nz::store

namespace nz::web {

class PageContextCache;
class StaticFiles;

// The site's choices for its feeds (web/feeds.h), from the config's [feeds] table.
struct FeedSettings {
  bool full_content = true;              // whole articles, or standfirsts only
  bool include_partner_content = false;  // partner zones' items in the site-wide feeds
  int64_t items = 50;                    // newest first
  std::string websub_hub;                // named in every feed when set
};

struct SiteServices {
  store::SiteStore& site;
  store::PartnerStore& partners;
  store::SectionStore& sections;
  store::TopicStore& topics;
  store::ArticleStore& articles;
  const render::Renderer& renderer;
  const core::Clock& clock;
  const StaticFiles& static_files;
  // The search index; nullptr when it could not be opened (search pages then answer 503).
  const search::SearchIndex* search = nullptr;
  // URLs per monthly sitemap file, 1..50,000 (app::Config::sitemap_urls_per_file).
  int64_t sitemap_urls_per_file = 50000;
  FeedSettings feeds{};
  // Keeps the site, sections and partners between pages while nothing is committed
  // (web/page_frame.h); nullptr: read them for every page.
  PageContextCache* context_cache = nullptr;
};

}  // namespace nz::web
