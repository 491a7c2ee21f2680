// ArticleStore keeps articles and every version of them. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "model/article.h"

namespace nz::store {

struct PageRequest {
  int64_t offset = 0;
  int64_t limit = 20;  // 1..200
  // Count the matching articles of all pages (ArticlePage::total). The count walks every
  // match, so blocks that show a few stories (More News, Related, feeds) leave it off.
  bool count_total = true;
};

struct ArticlePage {
  std::vector<model::Article> articles;
  int64_t total = 0;  // matching articles in all pages; 0 when not asked for
};

enum class SaveOutcome {
  kCreated,    // a new article, version 1
  kNewVersion, // its content changed: version n+1 stored, the old ones kept
  kUnchanged,  // same content as the current version: nothing written
};

// Which articles a listing covers: a section's, a topic's, or every section's (the host's
// only, when include_zones is false).
struct ArticleScope {
  std::optional<model::SectionId> section;
  std::optional<model::TopicId> topic;
  bool include_zones = true;
};

// One article as it stands after its latest change, with that change's sequence number.
struct ArticleChange {
  model::Article article;
  int64_t change_seq = 0;
};

struct SaveResult {
  model::Article article;  // as stored, with id, slug and version
  SaveOutcome outcome = SaveOutcome::kCreated;
};

// A month of the sitemaps: how many articles of indexable sections (noindex off) it lists,
// and the newest update among them.
struct SitemapMonth {
  std::string month;  // "2024-05", of the publication time in UTC
  int64_t listed = 0;
  core::Timestamp lastmod{};
};

// What a sitemap says about one listed article: enough to build its URL, and for the news
// sitemap its headline and language. No body: a sitemap holds up to 50,000 of these.
struct SitemapEntry {
  model::ArticleId id = 0;
  model::SectionId section_id = 0;
  std::string slug;
  std::string headline;  // filled by list_recent_sitemap_entries only
  std::string language;  // filled by list_recent_sitemap_entries only
  core::Timestamp published{};
  core::Timestamp updated{};
};

// What find_articles selects (the admin's article search, the moderation queue, a partner's
// list of its zones' articles); every filter is optional.
struct ArticleQuery {
  std::vector<model::SectionId> sections;  // any of these sections; empty: every section
  std::optional<model::ArticleStatus> status;
  std::string headline_contains;  // case-insensitive (ASCII letters) substring; "": any
};

// The most entries one sitemap query returns: the sitemaps protocol's limit per file.
inline constexpr int64_t kMaxSitemapEntries = 50000;

class ArticleStore {
 public:
  virtual ~ArticleStore() = default;

  // Stores an article in one transaction, identified by (section_id, guid): new ones get an
  // id, a slug unique in the section (from the headline unless article.slug is set) and
  // version 1; a known one whose content differs gets a new version (every earlier version is
  // kept, with the delivery it came in) and its status, published time, embargo and simhash
  // from the argument, and as updated time the argument's when that is later than the stored
  // one, else now (a correction always moves "Updated" forward). Two exceptions keep an editor's decisions: an article an
  // editor withdrew stays withdrawn (a tombstone: the new version is kept, not shown), and
  // duplicate_of is only ever set when the article is created. Unchanged content writes
  // nothing but a changed embargo. An empty guid gets one made from the slug. kNotFound when
  // the section does not exist; kInvalidInput on an empty headline.
  virtual Result<SaveResult> save_article(const model::Article& article) = 0;
  // Changes the status only (e.g. publish, withdraw), recording who did it; kNotFound when
  // there is no such article. An editor's withdrawal is a tombstone (model::Actor).
  virtual Status set_article_status(model::ArticleId id, model::ArticleStatus status,
                                    model::Actor by) = 0;

  virtual Result<model::Article> find_article(model::ArticleId id) = 0;  // kNotFound
  // The article of the section with this guid; kNotFound when there is none.
  virtual Result<model::Article> find_article_by_guid(model::SectionId section,
                                                      std::string_view guid) = 0;
  // Every version, oldest first.
  virtual Result<std::vector<model::ArticleVersion>> list_versions(model::ArticleId id) = 0;

  // "Listed" below means: published, past any embargo, and not a near-duplicate.
  // Listed articles of a section, newest published first (ties: higher id first).
  virtual Result<ArticlePage> list_section_articles(model::SectionId section,
                                                    PageRequest page) = 0;
  // Listed articles tagged with the topic, from every section, newest first, leaving out
  // `exclude` when given.
  virtual Result<ArticlePage> list_topic_articles(model::TopicId topic, PageRequest page,
                                                  std::optional<model::ArticleId> exclude) = 0;
  // The newest listed articles of every section, or of the host's editorial sections only
  // when include_zones is false, newest published first (ties: higher id first), at most
  // `limit` (1..200): the site's feeds.
  virtual Result<std::vector<model::Article>> list_recent_articles(int64_t limit,
                                                                   bool include_zones) = 0;
  // (id, simhash) of the section's articles that have one and are not duplicates, most
  // recently ingested first, at most `limit`: the candidates a new article may duplicate.
  virtual Result<std::vector<std::pair<model::ArticleId, uint64_t>>> list_fingerprints(
      model::SectionId section, int64_t limit) = 0;
  // Number of stored articles in every status, for health checks and CLI summaries.
  virtual Result<int64_t> count_articles() = 0;
  // Ids of stored articles in every status, above `after`, ascending, at most `limit`
  // (1..10,000): for walking the whole store in batches (newszone retag).
  virtual Result<std::vector<model::ArticleId>> list_article_ids(model::ArticleId after,
                                                                 int64_t limit) = 0;
  // Every article in every status whose latest change (a save that wrote something, a status
  // change, a tag change) has a sequence number above `after`, in ascending sequence order, at
  // most `limit` (1..10,000). Sequence numbers grow with every change in commit order, so a
  // reader that remembers the last one it applied (a search index) misses nothing by asking
  // for what came after it; an article changed twice shows up once, as it stands now.
  virtual Result<std::vector<ArticleChange>> list_changed_articles(int64_t after,
                                                                   int64_t limit) = 0;
  // Published articles withdrawn at or after `since` (Article::withdrawn_at), in `scope`,
  // most recently withdrawn first, at most `limit` (1..200): the tombstones of feeds.
  virtual Result<std::vector<model::Article>> list_withdrawn_articles(const ArticleScope& scope,
                                                                      core::Timestamp since,
                                                                      int64_t limit) = 0;
  // How many articles carry the topic, in any status, read off an index: how common a topic
  // is, for ranking (web/related.h), without walking the articles.
  virtual Result<int64_t> count_topic_tags(model::TopicId topic) = 0;
  // The newest change sequence number; 0 when there are no articles.
  virtual Result<int64_t> last_change_seq() = 0;
  // An embargo ending changes what is listed without any write. The earliest embargo end
  // after `after` among published articles; nullopt when none is due.
  virtual Result<std::optional<core::Timestamp>> next_embargo_end(core::Timestamp after) = 0;
  // Published articles whose embargo ends in (after, until], soonest first, at most `limit`
  // (1..10,000).
  virtual Result<std::vector<model::ArticleId>> list_embargo_ends(core::Timestamp after,
                                                                  core::Timestamp until,
                                                                  int64_t limit) = 0;

  // Articles in any status matching `query`, most recently received (ingested) first, ties:
  // higher id first. total counts all matches when page.count_total. (The same declaration
  // as helper h20's, whose implementation is the same too: keep one at merge.)
  virtual Result<ArticlePage> find_articles(const ArticleQuery& query, PageRequest page) = 0;

  // Sitemaps. Only listed articles of sections whose noindex is off count: not withdrawn,
  // pending or draft ones, not near-duplicates, not embargoed ones (list_ only; the counts
  // include an embargoed article from the start, so a month's count may exceed what is
  // listed until the embargo ends).
  //
  // Every month with at least one such article, oldest first, at most 50,000 (the sitemap
  // index's own limit). Reads a per-month summary the database keeps up to date on every
  // write, so the cost grows with months and sections, not articles.
  virtual Result<std::vector<SitemapMonth>> list_sitemap_months() = 0;
  // The listed articles of indexable sections published in [from, to), newest first (ties:
  // higher id first), skipping `offset`, at most `limit` (1..kMaxSitemapEntries).
  virtual Result<std::vector<SitemapEntry>> list_sitemap_entries(core::Timestamp from,
                                                                 core::Timestamp to,
                                                                 int64_t offset,
                                                                 int64_t limit) = 0;
  // The same for articles published from `since` up to now, with headline and language,
  // newest first, at most `limit` (1..1,000): the Google News sitemap.
  virtual Result<std::vector<SitemapEntry>> list_recent_sitemap_entries(core::Timestamp since,
                                                                        int64_t limit) = 0;
};

}  // namespace nz::store
