// SearchIndex: the Xapian full-text index of listed articles (issue 5). Xapian stays inside
// search_index.cpp; this header is all the rest of the code sees.
//
// The store is the source of truth. The index holds one document per listed article
// (published, not a near-duplicate; an embargo is kept as "visible from" and applied at query
// time) and records, in the same commit as the documents, the store's change sequence number
// it has applied up to (store::ArticleStore::list_changed_articles). After a crash it simply
// carries on from that number (search/indexer.h).
//
// On disk, `dir` holds generations: dir/gen-1, dir/gen-2, ... and a symlink dir/current naming
// the one in use. A rebuild (newszone reindex) fills a new generation beside the live one and
// then switches the symlink in one rename; a server notices at its next catch-up and moves
// over, so searching never stops.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "model/article.h"
#include "model/section.h"
#include "model/topic.h"

namespace nz::search {

// What the index keeps of one article: the text to search and the fields to filter on.
struct IndexedArticle {
  model::ArticleId id = 0;
  model::SectionId section_id = 0;
  // BCP 47; picks the Snowball stemmer ("en", "fi", "sv", ...); a query reads each article
  // with its own language's stemmer. Languages Snowball lacks (Chinese) are not stemmed.
  std::string language;
  std::string headline;
  std::string standfirst;
  std::string body_text;  // plain text (sanitize::html_to_text)
  std::string author;
  std::string section_title;
  std::vector<std::pair<model::TopicId, std::string>> topics;  // id and name
  core::Timestamp published{};
  std::optional<core::Timestamp> embargo_until;
};

struct SearchQuery {
  std::string text;  // the reader's words: phrases in quotes, AND, OR, NOT, -word, +word
  std::optional<model::SectionId> section;
  std::optional<model::TopicId> topic;
  std::optional<core::Timestamp> from;  // published at or after
  std::optional<core::Timestamp> to;    // published at or before
  int64_t offset = 0;
  int64_t limit = 10;  // 1..100
};

struct SearchHit {
  model::ArticleId id = 0;
  // Up to about 200 characters of the article's text around the words found, HTML-escaped,
  // with those words in <mark>...</mark>: safe to write into a page as it is.
  std::string snippet_html;
  double score = 0;
};

struct SearchResults {
  std::vector<SearchHit> hits;
  int64_t total_estimate = 0;  // Xapian's estimate of all matches, for "About N results"
  // A spelling correction of the query when it found little ("did you mean"), else empty.
  std::string suggestion;
  // Set when the query was not searched exactly as typed: cut to kMaxQueryBytes, or read as
  // plain words because its operators did not make sense. Tells the reader what happened.
  std::string notice;
};

inline constexpr size_t kMaxQueryBytes = 500;

struct IndexOptions {
  // Relevance (BM25) plus recency_boost * 2^(-age / recency_half_life): a story's recency
  // counts as much as a strong extra word match when it is new and half that a month later.
  double recency_boost = 2.0;
  std::chrono::seconds recency_half_life = std::chrono::days(30);
};

// How a generation is opened for writing.
enum class Durability {
  // Every commit is on disk when apply() returns: the generation in use.
  kEachCommit,
  // Commits are not forced to disk (no fsync) until sync(): for a rebuild's new generation,
  // which nobody reads before switch_current, and which the next rebuild deletes if a crash
  // stops this one.
  kAtSync,
};

class SearchIndex {
 public:
  // Opens the index in `dir`, creating dir and its first generation when missing.
  // kUnavailable when it cannot be created or opened (the message names the path), kCorrupt
  // when what is there is not a readable index (`newszone reindex` rebuilds it).
  static Result<std::unique_ptr<SearchIndex>> open(const std::string& dir,
                                                   IndexOptions options = {});
  // Opens a generation directory itself, not following dir/current (used by rebuilds).
  static Result<std::unique_ptr<SearchIndex>> open_generation(
      const std::string& gen_dir, IndexOptions options = {},
      Durability durability = Durability::kEachCommit);
  ~SearchIndex();
  SearchIndex(const SearchIndex&) = delete;
  SearchIndex& operator=(const SearchIndex&) = delete;

  // The store change sequence number the index has applied up to; 0 for a new index.
  int64_t last_applied_seq() const;
  // Listed articles in the index.
  int64_t document_count() const;
  // The generation directory in use.
  std::string generation_dir() const;

  // Adds or replaces `upserts`, deletes `removals` (absent ones are fine) and records
  // `applied_seq`, all in one commit: after a crash the index holds either all of it or none.
  // Called from one thread at a time (the indexer). kUnavailable when the disk fails.
  Status apply(const std::vector<IndexedArticle>& upserts,
               const std::vector<model::ArticleId>& removals, int64_t applied_seq);

  // Forces all that was committed to disk: every file of the generation and its directory,
  // fsync'ed. Needed only with Durability::kAtSync, before switch_current. kUnavailable when
  // the disk fails.
  Status sync();

  // When dir/current names another generation than the one in use (a rebuild finished),
  // moves the writer and readers over to it. Returns whether it moved. Same thread as apply.
  Result<bool> follow_current();

  // Runs a query, at `now` (embargoed articles stay hidden until their time). Thread-safe:
  // any number of searches may run at once, also while apply() runs. An empty query text
  // finds nothing. Never fails on what a reader typed (see SearchResults::notice);
  // kUnavailable when the index cannot be read.
  Result<SearchResults> search(const SearchQuery& query, core::Timestamp now) const;

 private:
  struct Impl;
  explicit SearchIndex(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Makes a new generation in `dir` and returns its path, for a rebuild to fill. Older
// generations but the one in use are removed first.
Result<std::string> new_generation(const std::string& dir);
// Points dir/current at `gen_dir` in one atomic rename.
Status switch_current(const std::string& dir, const std::string& gen_dir);

}  // namespace nz::search
