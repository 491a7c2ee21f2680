// Storing imported articles: resolve the section, apply the zone's moderation policy, save
// (new article or new version) and tag with the zone's topic and the listed ones.
#pragma once

#include <functional>
#include <istream>

#include "app/article_json.h"
#include "core/clock.h"
#include "store/store.h"

namespace nz::app {

// Saves one article and its tags. A zone that holds articles for review gets them as pending.
// kNotFound when the section does not exist; topic spec errors as topics::parse_topic_spec.
Result<store::SaveResult> import_article(store::Store& store, const ArticleImport& item);

struct ImportReport {
  int64_t created = 0;
  int64_t new_versions = 0;
  int64_t unchanged = 0;
  int64_t failed = 0;  // lines with an error; each was reported to on_error
};

struct ImportCallbacks {
  // After each committed article: the line number and what happened. Called after the
  // transaction commits, so whatever it reports survives a crash.
  std::function<void(int64_t line, const store::SaveResult&)> on_saved;
  // For each line that could not be imported; the import goes on with the next line.
  std::function<void(int64_t line, const Error&)> on_error;
};

// Imports JSON lines (one article object per line; blank lines skipped). A bad line is
// reported and skipped, never fatal: the rest still arrives. Fails only when the store fails.
Result<ImportReport> import_json_lines(store::Store& store, std::istream& in,
                                       const core::Clock& clock, const ImportCallbacks& callbacks);

}  // namespace nz::app
