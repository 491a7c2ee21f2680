// The indexer keeps a SearchIndex in step with the store: it reads the articles changed since
// the index's last applied change sequence number and applies them in batches, each batch one
// commit. Run at start and every second by `serve`, and from nothing by `newszone reindex`.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/result.h"
#include "search/search_index.h"

namespace nz::store {
class ArticleStore;
class SectionStore;
class TopicStore;
}  // namespace nz::store

namespace nz::search {

struct IndexerSources {
  store::ArticleStore& articles;
  store::SectionStore& sections;
  store::TopicStore& topics;
};

// Changes per commit, for a catch-up and a rebuild alike. Bigger commits merge posting lists
// less often, but Xapian's in-memory buffer gets slower per document as it grows: 2,000 or
// 10,000 per commit cost more CPU per article than 500 (docs/benchmarks.md, "Search
// (issue 5)").
inline constexpr int64_t kIndexBatch = 500;

// Called after each committed batch with the number of changes applied so far.
using IndexProgress = std::function<void(int64_t applied)>;

// Applies every change after index.last_applied_seq(): listed articles (published, not a
// near-duplicate) are added or replaced, all others removed. Returns the number of changes
// applied. A store or index failure stops it; the batches committed before it stay, and the
// next call carries on from there.
Result<int64_t> catch_up(SearchIndex& index, const IndexerSources& sources,
                         const IndexProgress& progress = {});

// Builds a new generation of the index in `dir` from every article in the store, then makes
// it the current one (see SearchIndex). A server on the same folder keeps searching the old
// generation meanwhile and moves over at its next catch-up. Returns the number of articles
// in the new generation.
Result<int64_t> rebuild(const std::string& dir, const IndexerSources& sources,
                        const IndexProgress& progress = {});

}  // namespace nz::search
