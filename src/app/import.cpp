#include "app/import.h"

#include <string>

#include "topics/topic_spec.h"
#include "ingest/store_item.h"
#include "ingest/tagging.h"

namespace nz::app {

Result<store::SaveResult> import_article(store::Store& store, const ArticleImport& item) {
  auto section = store.find_section_by_slug(item.section_slug);
  if (!section) return section.error().with_context("section \"" + item.section_slug + "\"");
  // Resolve topics before writing, so that a bad spec writes nothing.
  std::vector<model::Topic> topics;
  for (const auto& spec : item.topics) {
    auto topic = topics::parse_topic_spec(spec);
    if (!topic) return topic.error();
    topics.push_back(std::move(*topic));
  }
  // The article, its topics and what the tagger finds beside them: all or nothing.
  Result<store::SaveResult> saved = Error::Internal("not run");
  Status done = store.atomically([&]() -> Status {
    saved = ingest::store_item(store, *section, item.article, topics);
    if (!saved) return saved.error();
    if (saved->outcome == store::SaveOutcome::kUnchanged) return Ok();
    ingest::TopicIds ids(store);
    if (auto tagged = ingest::retag_article(store, saved->article, ids); !tagged) {
      return tagged.error();
    }
    return Ok();
  });
  if (!done) return done.error();
  return saved;
}

Result<ImportReport> import_json_lines(store::Store& store, std::istream& in,
                                       const core::Clock& clock,
                                       const ImportCallbacks& callbacks) {
  ImportReport report;
  std::string line;
  int64_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto item = article_from_json_text(line, clock.now());
    Result<store::SaveResult> saved =
        item ? import_article(store, *item) : Result<store::SaveResult>(item.error());
    if (!saved) {
      if (saved.error().code == ErrorCode::kUnavailable ||
          saved.error().code == ErrorCode::kCorrupt) {
        return saved.error().with_context("line " + std::to_string(number));
      }
      ++report.failed;
      if (callbacks.on_error) callbacks.on_error(number, saved.error());
      continue;
    }
    switch (saved->outcome) {
      case store::SaveOutcome::kCreated: ++report.created; break;
      case store::SaveOutcome::kNewVersion: ++report.new_versions; break;
      case store::SaveOutcome::kUnchanged: ++report.unchanged; break;
    }
    if (callbacks.on_saved) callbacks.on_saved(number, *saved);
  }
  return report;
}

}  // namespace nz::app
