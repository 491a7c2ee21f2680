#include "search/indexer.h"

#include <map>

#include "sanitize/html_text.h"
#include "store/article_store.h"
#include "store/section_store.h"
#include "store/topic_store.h"

namespace nz::search {
namespace {

bool is_searchable(const model::Article& article) {
  return article.status == model::ArticleStatus::kPublished && !article.duplicate_of;
}

Result<IndexedArticle> to_indexed(const model::Article& article, const std::string& section_title,
                                  store::TopicStore& topics) {
  auto tags = topics.topics_of(article.id);
  if (!tags) return tags.error();
  IndexedArticle out{.id = article.id,
                     .section_id = article.section_id,
                     .language = article.content.language,
                     .headline = article.content.headline,
                     .standfirst = article.content.standfirst,
                     .body_text = sanitize::html_to_text(article.content.body_html),
                     .author = article.content.author,
                     .section_title = section_title,
                     .published = article.published,
                     .embargo_until = article.embargo_until};
  for (const auto& topic : *tags) out.topics.emplace_back(topic.id, topic.name);
  return out;
}

}  // namespace

Result<int64_t> catch_up(SearchIndex& index, const IndexerSources& sources,
                         const IndexProgress& progress) {
  std::map<model::SectionId, std::string> section_titles;
  auto load_sections = [&]() -> Status {
    auto sections = sources.sections.list_sections();
    if (!sections) return sections.error();
    section_titles.clear();
    for (const auto& section : *sections) section_titles[section.id] = section.title;
    return {};
  };
  int64_t applied = 0;
  int64_t after = index.last_applied_seq();
  while (true) {
    auto changes = sources.articles.list_changed_articles(after, kIndexBatch);
    if (!changes) return changes.error().with_context("search index catch-up");
    if (changes->empty()) return applied;
    std::vector<IndexedArticle> upserts;
    std::vector<model::ArticleId> removals;
    for (const auto& change : *changes) {
      const model::Article& article = change.article;
      if (!is_searchable(article)) {
        removals.push_back(article.id);
        continue;
      }
      if (!section_titles.contains(article.section_id)) {
        if (auto loaded = load_sections(); !loaded) return loaded.error();
      }
      auto indexed = to_indexed(article, section_titles[article.section_id], sources.topics);
      if (!indexed) return indexed.error().with_context("search index catch-up");
      upserts.push_back(std::move(*indexed));
    }
    after = changes->back().change_seq;
    if (auto done = index.apply(upserts, removals, after); !done) return done.error();
    applied += static_cast<int64_t>(changes->size());
    if (progress) progress(applied);
  }
}

Result<int64_t> rebuild(const std::string& dir, const IndexerSources& sources,
                        const IndexProgress& progress) {
  auto gen = new_generation(dir);
  if (!gen) return gen.error();
  int64_t count = 0;
  {
    // Not forced to disk commit by commit: nobody reads this generation before
    // switch_current, and the next rebuild deletes it if this one does not finish.
    auto index = SearchIndex::open_generation(*gen, {}, Durability::kAtSync);
    if (!index) return index.error();
    auto applied = catch_up(**index, sources, progress);
    if (!applied) return applied.error();
    if (auto synced = (*index)->sync(); !synced) return synced.error();
    count = (*index)->document_count();
  }  // closed, so that a server can open it for writing
  if (auto switched = switch_current(dir, *gen); !switched) return switched.error();
  return count;
}

}  // namespace nz::search
