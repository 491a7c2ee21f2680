// SiteServices: what the reader-facing pages need, handed in by the composition root.
// Every member outlives the router that holds it.
#pragma once

#include <cstdint>

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

class StaticFiles;

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
};

}  // namespace nz::web
