// SqliteStore as store::ArticleStore: articles, their versions, and the listings.
#include <algorithm>
#include <string>

#include "core/slug.h"
#include "store/sqlite/sqlite_store.h"
#include "store/sqlite/store_impl.h"

namespace nz::store::sqlite {
namespace {

constexpr int64_t kMaxPageLimit = 200;

int64_t to_seconds(core::Timestamp t) { return t.time_since_epoch().count(); }
core::Timestamp from_seconds(int64_t s) { return core::Timestamp{std::chrono::seconds{s}}; }

// Column order read_article expects; `a` is the articles table.
constexpr std::string_view kArticleColumns =
    "a.id, a.section_id, a.guid, a.slug, a.headline, a.standfirst, a.body_html, a.author, "
    "a.language, a.original_url, a.metadata_json, a.published, a.updated, a.ingested, "
    "a.status, a.version, a.embargo_until, a.duplicate_of, a.simhash, a.withdrawn_by, "
    "a.withdrawn_at, a.status_reason";
// How many columns kArticleColumns names: a query may add its own after them.
constexpr int kArticleColumnCount = 22;
// The same without the body, for PageRequest::with_body false: body_html reads as "".
constexpr std::string_view kListColumns =
    "a.id, a.section_id, a.guid, a.slug, a.headline, a.standfirst, '', a.author, "
    "a.language, a.original_url, a.metadata_json, a.published, a.updated, a.ingested, "
    "a.status, a.version, a.embargo_until, a.duplicate_of, a.simhash, a.withdrawn_by, "
    "a.withdrawn_at, a.status_reason";

// What makes an article "listed" (store/article_store.h); ?now is bound to the store's now.
constexpr std::string_view kListed =
    "a.status = 'published' AND a.duplicate_of IS NULL"
    " AND (a.embargo_until IS NULL OR a.embargo_until <= ?9)";

constexpr int kContentFields = 7;

model::ArticleContent read_content(const Stmt& s, int first) {
  return {.headline = s.column_text(first),
          .standfirst = s.column_text(first + 1),
          .body_html = s.column_text(first + 2),
          .author = s.column_text(first + 3),
          .language = s.column_text(first + 4),
          .original_url = s.column_text(first + 5),
          .metadata_json = s.column_text(first + 6)};
}

// SQLite integers are signed 64-bit; a simhash is stored with the same bits.
std::optional<int64_t> simhash_to_sql(std::optional<uint64_t> h) {
  if (!h) return std::nullopt;
  return static_cast<int64_t>(*h);
}

Result<model::Article> read_article(const Stmt& s) {
  model::Article a;
  a.id = s.column_int(0);
  a.section_id = s.column_int(1);
  a.guid = s.column_text(2);
  a.slug = s.column_text(3);
  a.content = read_content(s, 4);
  a.published = from_seconds(s.column_int(11));
  a.updated = from_seconds(s.column_int(12));
  a.ingested = from_seconds(s.column_int(13));
  auto status = model::parse_article_status(s.column_text(14));
  if (!status) return Error::Corrupt("article " + std::to_string(a.id) + ": bad status");
  a.status = *status;
  a.version = static_cast<int>(s.column_int(15));
  if (auto embargo = s.column_optional_int(16)) a.embargo_until = from_seconds(*embargo);
  a.duplicate_of = s.column_optional_int(17);
  if (auto h = s.column_optional_int(18)) a.simhash = static_cast<uint64_t>(*h);
  if (auto by = s.column_optional_text(19)) {
    a.withdrawn_by = model::parse_actor(*by);
    if (!a.withdrawn_by) return Error::Corrupt("article " + std::to_string(a.id) + ": bad withdrawn_by");
  }
  if (auto at = s.column_optional_int(20)) a.withdrawn_at = from_seconds(*at);
  a.status_reason = s.column_text(21);
  return a;
}

// Binds the kContentFields content fields to ?first..?first+6.
void bind_content(Stmt& s, int first, const model::ArticleContent& c) {
  s.bind(first, c.headline)
      .bind(first + 1, c.standfirst)
      .bind(first + 2, c.body_html)
      .bind(first + 3, c.author)
      .bind(first + 4, c.language)
      .bind(first + 5, c.original_url)
      .bind(first + 6, c.metadata_json);
}

std::optional<std::string_view> withdrawn_by_sql(const model::Article& a) {
  if (a.status != model::ArticleStatus::kWithdrawn) return std::nullopt;
  return model::to_string(a.withdrawn_by.value_or(model::Actor::kEditor));
}

// The article that `stmt` (already bound) selects, or nullopt when it selects none.
Result<std::optional<model::Article>> one_article(Result<Stmt>& stmt) {
  if (!stmt) return stmt.error();
  auto row = stmt->step();
  if (!row) return row.error();
  if (!*row) return std::optional<model::Article>();
  auto article = read_article(*stmt);
  if (!article) return article.error();
  return std::optional<model::Article>(std::move(*article));
}

Result<std::vector<model::Article>> collect_articles(Stmt& stmt) {
  std::vector<model::Article> out;
  while (true) {
    auto row = stmt.step();
    if (!row) return row.error();
    if (!*row) return out;
    auto article = read_article(stmt);
    if (!article) return article.error();
    out.push_back(std::move(*article));
  }
}

Result<int64_t> count(Stmt& stmt) {
  auto row = stmt.step();
  if (!row) return row.error();
  return *row ? stmt.column_int(0) : 0;
}

PageRequest clamp(PageRequest page) {
  page.offset = std::max<int64_t>(0, page.offset);
  page.limit = std::clamp<int64_t>(page.limit, 1, kMaxPageLimit);
  return page;
}

// The next change sequence number: see articles.change_seq in 001_initial.sql.
constexpr std::string_view kNextChangeSeq =
    "(SELECT coalesce(max(change_seq), 0) + 1 FROM articles)";

// Marks the article's month of the sitemaps as changed at `now` (sitemap_months,
// 004_search_engines.sql): its triggers count articles in and out but have no clock, and an
// article leaving a month changes that month's sitemap as much as one entering it.
Status touch_sitemap_month(Connection& conn, model::SectionId section, core::Timestamp published,
                           core::Timestamp now) {
  auto stmt = conn.prepare(
      "UPDATE sitemap_months SET lastmod = max(lastmod, ?1)"
      " WHERE section_id = ?2 AND month = strftime('%Y-%m', ?3, 'unixepoch')");
  if (!stmt) return stmt.error();
  stmt->bind(1, to_seconds(now)).bind(2, section).bind(3, to_seconds(published));
  return stmt->run();
}

bool is_listed_in_sitemaps(const model::Article& a) {
  return a.status == model::ArticleStatus::kPublished && !a.duplicate_of;
}

Result<bool> slug_taken(Connection& conn, model::SectionId section, std::string_view slug) {
  auto stmt = conn.prepare("SELECT 1 FROM articles WHERE section_id = ?1 AND slug = ?2");
  if (!stmt) return stmt.error();
  stmt->bind(1, section).bind(2, slug);
  return stmt->step();
}

// slugify(headline), or "article" when that is empty, with "-2", "-3", ... appended until
// it is free in the section. Ends: each try is one index lookup and a section holds finitely
// many slugs.
Result<std::string> unique_slug(Connection& conn, model::SectionId section,
                                std::string_view headline) {
  std::string base = core::slugify(headline);
  if (base.empty()) base = "article";
  std::string candidate = base;
  for (int n = 2;; ++n) {
    auto taken = slug_taken(conn, section, candidate);
    if (!taken) return taken.error();
    if (!*taken) return candidate;
    candidate = base + "-" + std::to_string(n);
  }
}

Status insert_version(Connection& conn, model::ArticleId id, int version,
                      const model::ArticleContent& content, core::Timestamp created,
                      std::optional<int64_t> delivery,
                      std::optional<int64_t> editor = std::nullopt) {
  auto stmt = conn.prepare(
      "INSERT INTO article_versions (article_id, version, headline, standfirst, body_html, "
      "author, language, original_url, metadata_json, created, delivery_id, editor_id) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  if (!stmt) return stmt.error();
  stmt->bind(1, id).bind(2, version);
  bind_content(*stmt, 3, content);
  stmt->bind(10, to_seconds(created)).bind(11, delivery).bind(12, editor);
  return stmt->run();
}

// While the current version is an editor's edit, the content of the newest version before
// the edits (what the partner last sent); nullopt when the current version is not an edit.
Result<std::optional<model::ArticleContent>> content_before_edits(Connection& conn,
                                                                  const model::Article& a) {
  auto stmt = conn.prepare(
      "SELECT headline, standfirst, body_html, author, language, original_url, metadata_json "
      "FROM article_versions WHERE article_id = ?1 AND editor_id IS NULL AND "
      "EXISTS (SELECT 1 FROM article_versions c WHERE c.article_id = ?1 AND c.version = ?2 "
      "AND c.editor_id IS NOT NULL) ORDER BY version DESC LIMIT 1");
  if (!stmt) return stmt.error();
  stmt->bind(1, a.id).bind(2, a.version);
  auto row = stmt->step();
  if (!row) return row.error();
  if (!*row) return std::optional<model::ArticleContent>();
  return std::optional<model::ArticleContent>(read_content(*stmt, 0));
}

Result<SaveResult> create_article(Connection& conn, const model::Article& in,
                                  std::string section_slug, core::Timestamp now) {
  model::Article a = in;
  if (!a.slug.empty()) {
    auto taken = slug_taken(conn, a.section_id, a.slug);
    if (!taken) return taken.error();
    if (*taken) {
      return Error::Conflict("section " + section_slug + ": slug \"" + a.slug + "\" is taken");
    }
  } else {
    auto slug = unique_slug(conn, a.section_id, a.content.headline);
    if (!slug) return slug.error();
    a.slug = std::move(*slug);
  }
  if (a.guid.empty()) a.guid = "urn:newszone:" + section_slug + ":" + a.slug;
  if (a.ingested == core::Timestamp{}) a.ingested = now;
  if (a.updated == core::Timestamp{}) a.updated = now;
  a.version = 1;

  if (a.status != model::ArticleStatus::kWithdrawn) a.withdrawn_by.reset();
  if (a.status == model::ArticleStatus::kWithdrawn && !a.withdrawn_by) {
    a.withdrawn_by = model::Actor::kEditor;
  }
  auto stmt = conn.prepare(
      "INSERT INTO articles (section_id, guid, slug, headline, standfirst, body_html, author, "
      "language, original_url, metadata_json, published, updated, ingested, status, version, "
      "embargo_until, duplicate_of, simhash, withdrawn_by, change_seq) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 1, ?15, ?16, ?17, "
      "?18, " + std::string(kNextChangeSeq) + ")");
  if (!stmt) return stmt.error();
  stmt->bind(1, a.section_id).bind(2, a.guid).bind(3, a.slug);
  bind_content(*stmt, 4, a.content);
  std::optional<int64_t> embargo;
  if (a.embargo_until) embargo = to_seconds(*a.embargo_until);
  stmt->bind(11, to_seconds(a.published))
      .bind(12, to_seconds(a.updated))
      .bind(13, to_seconds(a.ingested))
      .bind(14, model::to_string(a.status))
      .bind(15, embargo)
      .bind(16, a.duplicate_of)
      .bind(17, simhash_to_sql(a.simhash))
      .bind(18, withdrawn_by_sql(a));
  if (auto done = stmt->run(); !done) return done.error();
  a.id = conn.last_insert_rowid();
  if (auto done = insert_version(conn, a.id, 1, a.content, now, a.delivery_id); !done) {
    return done.error();
  }
  return SaveResult{.article = std::move(a), .outcome = SaveOutcome::kCreated};
}

bool editor_tombstone(const model::Article& a) {
  return a.status == model::ArticleStatus::kWithdrawn &&
         a.withdrawn_by.value_or(model::Actor::kEditor) == model::Actor::kEditor;
}

Result<SaveResult> new_version(Connection& conn, const model::Article& in,
                               model::Article current, core::Timestamp now) {
  const model::Article before = current;
  current.content = in.content;
  if (!editor_tombstone(current)) {
    current.status = in.status;
    current.withdrawn_by = in.status == model::ArticleStatus::kWithdrawn
                               ? std::optional(in.withdrawn_by.value_or(model::Actor::kEditor))
                               : std::nullopt;
  }
  current.published = in.published;
  // A correction is dated by the partner when it says when (an updated time later than the
  // last one), else by when it arrived: a new version always moves "Updated" forward.
  current.updated = in.updated > current.updated ? in.updated : now;
  current.embargo_until = in.embargo_until;
  current.simhash = in.simhash;
  current.version += 1;
  if (auto done = insert_version(conn, current.id, current.version, current.content, now,
                                 in.delivery_id);
      !done) {
    return done.error();
  }
  std::optional<int64_t> embargo;
  if (current.embargo_until) embargo = to_seconds(*current.embargo_until);
  auto stmt = conn.prepare(
      "UPDATE articles SET headline = ?1, standfirst = ?2, body_html = ?3, author = ?4, "
      "language = ?5, original_url = ?6, metadata_json = ?7, published = ?8, updated = ?9, "
      "status = ?10, version = ?11, embargo_until = ?12, simhash = ?13, withdrawn_by = ?14, "
      "change_seq = " + std::string(kNextChangeSeq) + " WHERE id = ?15");
  if (!stmt) return stmt.error();
  bind_content(*stmt, 1, current.content);
  stmt->bind(8, to_seconds(current.published))
      .bind(9, to_seconds(current.updated))
      .bind(10, model::to_string(current.status))
      .bind(11, current.version)
      .bind(12, embargo)
      .bind(13, simhash_to_sql(current.simhash))
      .bind(14, withdrawn_by_sql(current))
      .bind(15, current.id);
  if (auto done = stmt->run(); !done) return done.error();
  // Left its month (withdrawn by the partner, or moved to another month): that month changed.
  if (is_listed_in_sitemaps(before) &&
      (!is_listed_in_sitemaps(current) || before.published != current.published)) {
    if (auto done = touch_sitemap_month(conn, before.section_id, before.published, now); !done) {
      return done.error();
    }
  }
  return SaveResult{.article = std::move(current), .outcome = SaveOutcome::kNewVersion};
}

// Content unchanged: only an embargo the partner moved is written.
Result<SaveResult> same_content(Connection& conn, const model::Article& in,
                                model::Article current) {
  if (current.embargo_until != in.embargo_until) {
    std::optional<int64_t> embargo;
    if (in.embargo_until) embargo = to_seconds(*in.embargo_until);
    auto stmt = conn.prepare("UPDATE articles SET embargo_until = ?1, change_seq = " +
                             std::string(kNextChangeSeq) + " WHERE id = ?2");
    if (!stmt) return stmt.error();
    stmt->bind(1, embargo).bind(2, current.id);
    if (auto done = stmt->run(); !done) return done.error();
    current.embargo_until = in.embargo_until;
  }
  return SaveResult{.article = std::move(current), .outcome = SaveOutcome::kUnchanged};
}

}  // namespace

Result<SaveResult> SqliteStore::save_article(const model::Article& article) {
  if (article.content.headline.empty()) {
    return Error::InvalidInput("save article \"" + article.guid + "\": empty headline");
  }
  if (!article.slug.empty() && !core::is_valid_slug(article.slug)) {
    return Error::InvalidInput("save article: \"" + article.slug + "\" is not a valid slug");
  }
  const core::Timestamp now = impl_->now();
  return impl_->write([&](Connection& conn) -> Result<SaveResult> {
    const std::string what = "save article in section " + std::to_string(article.section_id);
    std::string section_slug;
    {
      auto stmt = conn.prepare("SELECT slug FROM sections WHERE id = ?1");
      if (!stmt) return stmt.error();
      stmt->bind(1, article.section_id);
      auto row = stmt->step();
      if (!row) return row.error().with_context(what);
      if (!*row) return Error::NotFound(what + ": no such section");
      section_slug = stmt->column_text(0);
    }

    // Without a guid only an explicit slug can name an existing article; a slug still to be
    // made from the headline always means a new one.
    std::string guid = article.guid;
    if (guid.empty() && !article.slug.empty()) {
      guid = "urn:newszone:" + section_slug + ":" + article.slug;
    }
    std::optional<model::Article> current;
    if (!guid.empty()) {
      auto stmt = conn.prepare("SELECT " + std::string(kArticleColumns) +
                               " FROM articles a WHERE a.section_id = ?1 AND a.guid = ?2");
      if (stmt) stmt->bind(1, article.section_id).bind(2, guid);
      auto found = one_article(stmt);
      if (!found) return found.error().with_context(what);
      current = std::move(*found);
    }

    Result<SaveResult> saved = [&]() -> Result<SaveResult> {
      if (!current) {
        model::Article fresh = article;
        fresh.guid = guid;
        return create_article(conn, fresh, section_slug, now);
      }
      if (current->content == article.content) {
        return same_content(conn, article, std::move(*current));
      }
      auto delivered = content_before_edits(conn, *current);
      if (!delivered) return delivered.error();
      if (*delivered && **delivered == article.content) {
        return same_content(conn, article, std::move(*current));
      }
      return new_version(conn, article, std::move(*current), now);
    }();
    if (!saved) return saved.error().with_context(what);
    return saved;
  });
}

Status SqliteStore::set_article_status(model::ArticleId id, model::ArticleStatus status,
                                       model::Actor by) {
  const core::Timestamp now = impl_->now();
  return impl_->write([&](Connection& conn) -> Status {
    // Bumps change_seq only when something really changes, so that a search index is not
    // sent to re-read an article that is as it was.
    auto was = has_row(conn, "SELECT 1 FROM articles WHERE id = ?1 AND status = 'published'", id);
    if (!was) return was.error();
    const bool was_published = *was;
    std::optional<std::string_view> withdrawn_by;
    if (status == model::ArticleStatus::kWithdrawn) withdrawn_by = model::to_string(by);
    auto stmt = conn.prepare(
        "UPDATE articles SET status = ?1, withdrawn_by = ?3, status_reason = '', change_seq = " +
        std::string(kNextChangeSeq) +
        " WHERE id = ?2 AND (status <> ?1 OR withdrawn_by IS NOT ?3)");
    if (!stmt) return stmt.error();
    stmt->bind(1, model::to_string(status)).bind(2, id).bind(3, withdrawn_by);
    const std::string what = "set status of article " + std::to_string(id);
    if (auto done = stmt->run(); !done) return done.error().with_context(what);
    if (conn.changes() > 0) {
      // Into or out of the sitemaps (published is the only listed status): its month changed
      // now. A change between two unlisted statuses touches nothing.
      auto touch = conn.prepare(
          "UPDATE sitemap_months SET lastmod = max(lastmod, ?1) WHERE (section_id, month) IN"
          " (SELECT section_id, strftime('%Y-%m', published, 'unixepoch') FROM articles"
          " WHERE id = ?2 AND duplicate_of IS NULL AND (?3 OR status = 'published'))");
      if (!touch) return touch.error();
      touch->bind(1, to_seconds(now)).bind(2, id).bind(3, was_published);
      if (auto done = touch->run(); !done) return done.error().with_context(what);
      return Ok();
    }
    auto found = has_row(conn, "SELECT 1 FROM articles WHERE id = ?1", id);
    if (!found) return found.error().with_context(what);
    if (!*found) return Error::NotFound(what + ": no such article");
    return Ok();
  });
}

Result<model::Article> SqliteStore::find_article(model::ArticleId id) {
  return impl_->read([&](Connection& conn) -> Result<model::Article> {
    auto stmt = conn.prepare("SELECT " + std::string(kArticleColumns) +
                             " FROM articles a WHERE a.id = ?1");
    if (stmt) stmt->bind(1, id);
    auto found = one_article(stmt);
    if (!found) return found.error().with_context("find article " + std::to_string(id));
    if (!*found) return Error::NotFound("article " + std::to_string(id) + " not found");
    return std::move(**found);
  });
}

Result<model::Article> SqliteStore::find_article_by_guid(model::SectionId section,
                                                         std::string_view guid) {
  return impl_->read([&](Connection& conn) -> Result<model::Article> {
    auto stmt = conn.prepare("SELECT " + std::string(kArticleColumns) +
                             " FROM articles a WHERE a.section_id = ?1 AND a.guid = ?2");
    if (stmt) stmt->bind(1, section).bind(2, guid);
    auto found = one_article(stmt);
    if (!found) return found.error().with_context("find article by guid");
    if (!*found) return Error::NotFound("no article with guid \"" + std::string(guid) + "\"");
    return std::move(**found);
  });
}

Result<std::vector<model::ArticleVersion>> SqliteStore::list_versions(model::ArticleId id) {
  return impl_->read([&](Connection& conn) -> Result<std::vector<model::ArticleVersion>> {
    auto stmt = conn.prepare(
        "SELECT version, headline, standfirst, body_html, author, language, original_url, "
        "metadata_json, v.created, delivery_id, editor_id, coalesce(u.email, '') "
        "FROM article_versions v LEFT JOIN users u ON u.id = v.editor_id "
        "WHERE article_id = ?1 ORDER BY version");
    if (!stmt) return stmt.error();
    stmt->bind(1, id);
    std::vector<model::ArticleVersion> out;
    while (true) {
      auto row = stmt->step();
      if (!row) return row.error().with_context("list versions of article " + std::to_string(id));
      if (!*row) break;
      out.push_back({.article_id = id,
                     .version = static_cast<int>(stmt->column_int(0)),
                     .content = read_content(*stmt, 1),
                     .created = from_seconds(stmt->column_int(1 + kContentFields)),
                     .delivery_id = stmt->column_optional_int(2 + kContentFields),
                     .editor_id = stmt->column_optional_int(3 + kContentFields),
                     .editor_email = stmt->column_text(4 + kContentFields)});
    }
    // Every stored article has version 1, so none means no such article.
    if (out.empty()) return Error::NotFound("article " + std::to_string(id) + " not found");
    return out;
  });
}

Result<ArticlePage> SqliteStore::list_section_articles(model::SectionId section,
                                                       PageRequest page) {
  page = clamp(page);
  const int64_t now = to_seconds(impl_->now());
  return impl_->read([&](Connection& conn) -> Result<ArticlePage> {
    const std::string what = "list articles of section " + std::to_string(section);
    // Both statements read articles_section_listing, which holds every column kListed reads
    // (012_listing_walks.sql): only the page's own rows are read from the table.
    ArticlePage out;
    if (page.count_total) {
      auto stmt = conn.prepare("SELECT count(*) FROM articles a WHERE a.section_id = ?1 AND " +
                               std::string(kListed));
      if (!stmt) return stmt.error();
      stmt->bind(1, section).bind(9, now);
      auto total = count(*stmt);
      if (!total) return total.error().with_context(what);
      out.total = *total;
    }
    auto columns = page.with_body ? kArticleColumns : kListColumns;
    auto stmt = conn.prepare("SELECT " + std::string(columns) +
                             " FROM articles a WHERE a.section_id = ?1 AND " +
                             std::string(kListed) +
                             " ORDER BY a.published DESC, a.id DESC LIMIT ?2 OFFSET ?3");
    if (!stmt) return stmt.error();
    stmt->bind(1, section).bind(2, page.limit).bind(3, page.offset).bind(9, now);
    auto articles = collect_articles(*stmt);
    if (!articles) return articles.error().with_context(what);
    out.articles = std::move(*articles);
    return out;
  });
}

Result<ArticlePage> SqliteStore::list_topic_articles(model::TopicId topic, PageRequest page,
                                                     std::optional<model::ArticleId> exclude) {
  page = clamp(page);
  const int64_t now = to_seconds(impl_->now());
  return impl_->read([&](Connection& conn) -> Result<ArticlePage> {
    const std::string what = "list articles of topic " + std::to_string(topic);
    // The topic's listed tags, from article_topics_listing alone: each tag carries its
    // article's published time, embargo and listability (012_listing_walks.sql), so neither
    // the count nor the OFFSET walk reads an article. "t.article_id IS NOT ?2" with ?2 NULL
    // (no exclude) is true for every row.
    constexpr std::string_view kListedTags =
        " FROM article_topics t WHERE t.topic_id = ?1 AND t.removed = 0 AND t.listable = 1"
        " AND (t.embargo_until IS NULL OR t.embargo_until <= ?9) AND t.article_id IS NOT ?2";
    ArticlePage out;
    if (page.count_total) {
      auto stmt = conn.prepare("SELECT count(*)" + std::string(kListedTags));
      if (!stmt) return stmt.error();
      stmt->bind(1, topic).bind(2, exclude).bind(9, now);
      auto total = count(*stmt);
      if (!total) return total.error().with_context(what);
      out.total = *total;
    }
    // The page's tags first, then their articles: as a plain join, SQLite would look up every
    // stepped-over article too.
    auto columns = page.with_body ? kArticleColumns : kListColumns;
    auto stmt = conn.prepare(
        "SELECT " + std::string(columns) + " FROM (SELECT t.article_id, t.published" +
        std::string(kListedTags) +
        " ORDER BY t.published DESC, t.article_id DESC LIMIT ?3 OFFSET ?4) p"
        " JOIN articles a ON a.id = p.article_id"
        " ORDER BY p.published DESC, p.article_id DESC");
    if (!stmt) return stmt.error();
    stmt->bind(1, topic).bind(2, exclude).bind(3, page.limit).bind(4, page.offset).bind(9, now);
    auto articles = collect_articles(*stmt);
    if (!articles) return articles.error().with_context(what);
    out.articles = std::move(*articles);
    return out;
  });
}

Result<std::vector<model::Article>> SqliteStore::list_recent_articles(int64_t limit,
                                                                      bool include_zones) {
  limit = std::clamp<int64_t>(limit, 1, kMaxPageLimit);
  const int64_t now = to_seconds(impl_->now());
  return impl_->read([&](Connection& conn) -> Result<std::vector<model::Article>> {
    // Walks articles_status_published newest first; the section check is a lookup per row.
    auto stmt = conn.prepare(
        "SELECT " + std::string(kArticleColumns) + " FROM articles a WHERE " +
        std::string(kListed) +
        " AND (?1 OR (SELECT kind FROM sections s WHERE s.id = a.section_id) = 'editorial')"
        " ORDER BY a.published DESC, a.id DESC LIMIT ?2");
    if (!stmt) return stmt.error();
    stmt->bind(1, include_zones ? 1 : 0).bind(2, limit).bind(9, now);
    auto articles = collect_articles(*stmt);
    if (!articles) return articles.error().with_context("list recent articles");
    return std::move(*articles);
  });
}

Result<std::vector<std::pair<model::ArticleId, uint64_t>>> SqliteStore::list_fingerprints(
    model::SectionId section, int64_t limit) {
  return impl_->read(
      [&](Connection& conn) -> Result<std::vector<std::pair<model::ArticleId, uint64_t>>> {
        auto stmt = conn.prepare(
            "SELECT id, simhash FROM articles WHERE section_id = ?1 AND simhash IS NOT NULL "
            "AND duplicate_of IS NULL ORDER BY ingested DESC, id DESC LIMIT ?2");
        if (!stmt) return stmt.error();
        stmt->bind(1, section).bind(2, std::max<int64_t>(0, limit));
        std::vector<std::pair<model::ArticleId, uint64_t>> out;
        while (true) {
          auto row = stmt->step();
          if (!row) return row.error().with_context("fingerprints of section " +
                                                    std::to_string(section));
          if (!*row) return out;
          out.emplace_back(stmt->column_int(0), static_cast<uint64_t>(stmt->column_int(1)));
        }
      });
}

Result<int64_t> SqliteStore::count_articles() {
  return impl_->read([&](Connection& conn) -> Result<int64_t> {
    auto stmt = conn.prepare("SELECT count(*) FROM articles");
    if (!stmt) return stmt.error();
    auto total = count(*stmt);
    if (!total) return total.error().with_context("count articles");
    return *total;
  });
}

Result<std::vector<model::ArticleId>> SqliteStore::list_article_ids(model::ArticleId after,
                                                                   int64_t limit) {
  limit = std::clamp<int64_t>(limit, 1, 10000);
  return impl_->read([&](Connection& conn) -> Result<std::vector<model::ArticleId>> {
    auto stmt = conn.prepare("SELECT id FROM articles WHERE id > ?1 ORDER BY id LIMIT ?2");
    if (!stmt) return stmt.error();
    stmt->bind(1, after).bind(2, limit);
    std::vector<model::ArticleId> out;
    while (true) {
      auto row = stmt->step();
      if (!row) return row.error().with_context("list article ids");
      if (!*row) return out;
      out.push_back(stmt->column_int(0));
    }
  });
}

Result<std::vector<model::Article>> SqliteStore::list_withdrawn_articles(
    const ArticleScope& scope, core::Timestamp since, int64_t limit) {
  limit = std::clamp<int64_t>(limit, 1, kMaxPageLimit);
  return impl_->read([&](Connection& conn) -> Result<std::vector<model::Article>> {
    auto stmt = conn.prepare(
        "SELECT " + std::string(kArticleColumns) + " FROM articles a"
        " WHERE a.withdrawn_at >= ?1 AND a.status = 'withdrawn'"
        " AND (?2 IS NULL OR a.section_id = ?2)"
        " AND (?3 IS NULL OR EXISTS (SELECT 1 FROM article_topics t"
        "      WHERE t.article_id = a.id AND t.topic_id = ?3 AND t.removed = 0))"
        " AND (?4 OR (SELECT kind FROM sections s WHERE s.id = a.section_id) = 'editorial')"
        " ORDER BY a.withdrawn_at DESC, a.id DESC LIMIT ?5");
    if (!stmt) return stmt.error();
    stmt->bind(1, to_seconds(since))
        .bind(2, scope.section)
        .bind(3, scope.topic)
        .bind(4, scope.include_zones ? 1 : 0)
        .bind(5, limit);
    auto articles = collect_articles(*stmt);
    if (!articles) return articles.error().with_context("list withdrawn articles");
    return std::move(*articles);
  });
}

Result<int64_t> SqliteStore::last_change_seq() {
  return impl_->read([&](Connection& conn) -> Result<int64_t> {
    auto stmt = conn.prepare("SELECT coalesce(max(change_seq), 0) FROM articles");
    if (!stmt) return stmt.error();
    auto seq = count(*stmt);
    if (!seq) return seq.error().with_context("last change sequence number");
    return *seq;
  });
}

Result<int64_t> SqliteStore::count_topic_tags(model::TopicId topic) {
  return impl_->read([&](Connection& conn) -> Result<int64_t> {
    // Kept by triggers as tags change (008_topic_counts.sql); no row: never tagged.
    auto stmt = conn.prepare("SELECT articles FROM topic_counts WHERE topic_id = ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, topic);
    auto n = count(*stmt);
    if (!n) return n.error().with_context("count tags of topic " + std::to_string(topic));
    return *n;
  });
}

Result<std::optional<core::Timestamp>> SqliteStore::next_embargo_end(core::Timestamp after) {
  return impl_->read([&](Connection& conn) -> Result<std::optional<core::Timestamp>> {
    // Read off the partial index articles_embargo_until (006_page_changes.sql).
    auto stmt = conn.prepare(
        "SELECT min(embargo_until) FROM articles"
        " WHERE embargo_until IS NOT NULL AND status = 'published' AND embargo_until > ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, to_seconds(after));
    auto row = stmt->step();
    if (!row) return row.error().with_context("next embargo end");
    std::optional<core::Timestamp> end;
    if (auto seconds = stmt->column_optional_int(0)) end = from_seconds(*seconds);
    return end;
  });
}

Result<std::vector<model::ArticleId>> SqliteStore::list_embargo_ends(core::Timestamp after,
                                                                     core::Timestamp until,
                                                                     int64_t limit) {
  limit = std::clamp<int64_t>(limit, 1, 10000);
  return impl_->read([&](Connection& conn) -> Result<std::vector<model::ArticleId>> {
    auto stmt = conn.prepare(
        "SELECT id FROM articles WHERE embargo_until IS NOT NULL AND status = 'published'"
        " AND embargo_until > ?1 AND embargo_until <= ?2 ORDER BY embargo_until, id LIMIT ?3");
    if (!stmt) return stmt.error();
    stmt->bind(1, to_seconds(after)).bind(2, to_seconds(until)).bind(3, limit);
    std::vector<model::ArticleId> ids;
    while (true) {
      auto row = stmt->step();
      if (!row) return row.error().with_context("articles whose embargo ends");
      if (!*row) break;
      ids.push_back(stmt->column_int(0));
    }
    return ids;
  });
}

Result<std::vector<ArticleChange>> SqliteStore::list_changed_articles(int64_t after,
                                                                      int64_t limit) {
  limit = std::clamp<int64_t>(limit, 1, 10000);
  return impl_->read([&](Connection& conn) -> Result<std::vector<ArticleChange>> {
    // kArticleColumns ends at column 20; the sequence number follows it.
    auto stmt = conn.prepare("SELECT " + std::string(kArticleColumns) +
                             ", a.change_seq FROM articles a WHERE a.change_seq > ?1 "
                             "ORDER BY a.change_seq LIMIT ?2");
    if (!stmt) return stmt.error();
    stmt->bind(1, after).bind(2, limit);
    std::vector<ArticleChange> out;
    while (true) {
      auto row = stmt->step();
      if (!row) return row.error().with_context("list changed articles");
      if (!*row) return out;
      auto article = read_article(*stmt);
      if (!article) return article.error();
      out.push_back({.article = std::move(*article), .change_seq = stmt->column_int(kArticleColumnCount)});
    }
  });
}

// ---- sitemaps ----

namespace {

// Listed articles of sections whose noindex is off; ?9 is now, as in kListed.
const std::string kSitemapFrom = " FROM articles a JOIN sections s ON s.id = a.section_id"
                                 " WHERE s.noindex = 0 AND " + std::string(kListed);

constexpr int64_t kMaxRecentEntries = 1000;

Result<std::vector<SitemapEntry>> collect_sitemap_entries(Stmt& stmt, bool with_text) {
  std::vector<SitemapEntry> out;
  while (true) {
    auto row = stmt.step();
    if (!row) return row.error();
    if (!*row) return out;
    SitemapEntry e{.id = stmt.column_int(0),
                   .section_id = stmt.column_int(1),
                   .slug = stmt.column_text(2),
                   .published = from_seconds(stmt.column_int(3)),
                   .updated = from_seconds(stmt.column_int(4))};
    if (with_text) {
      e.headline = stmt.column_text(5);
      e.language = stmt.column_text(6);
    }
    out.push_back(std::move(e));
  }
}

}  // namespace

Result<std::vector<SitemapMonth>> SqliteStore::list_sitemap_months() {
  return impl_->read([&](Connection& conn) -> Result<std::vector<SitemapMonth>> {
    // sitemap_months (004_search_engines.sql) has a row per section and month: this reads
    // sections x months rows, never the articles.
    auto stmt = conn.prepare(
        // A row whose count fell to 0 still says when the month last changed.
        "SELECT m.month, sum(m.listed), max(m.lastmod) FROM sitemap_months m"
        " JOIN sections s ON s.id = m.section_id WHERE s.noindex = 0"
        " GROUP BY m.month HAVING sum(m.listed) > 0 ORDER BY m.month LIMIT ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, kMaxSitemapEntries);
    std::vector<SitemapMonth> out;
    while (true) {
      auto row = stmt->step();
      if (!row) return row.error().with_context("list sitemap months");
      if (!*row) return out;
      out.push_back({.month = stmt->column_text(0),
                     .listed = stmt->column_int(1),
                     .lastmod = from_seconds(stmt->column_int(2))});
    }
  });
}

Result<std::vector<SitemapEntry>> SqliteStore::list_sitemap_entries(core::Timestamp from,
                                                                   core::Timestamp to,
                                                                   int64_t offset,
                                                                   int64_t limit) {
  limit = std::clamp<int64_t>(limit, 1, kMaxSitemapEntries);
  offset = std::max<int64_t>(0, offset);
  const int64_t now = to_seconds(impl_->now());
  return impl_->read([&](Connection& conn) -> Result<std::vector<SitemapEntry>> {
    // A range of articles_status_published (status, published DESC, id DESC): the rows read
    // are the month's, never more.
    auto stmt = conn.prepare("SELECT a.id, a.section_id, a.slug, a.published, a.updated" +
                             kSitemapFrom +
                             " AND a.published >= ?1 AND a.published < ?2"
                             " ORDER BY a.published DESC, a.id DESC LIMIT ?3 OFFSET ?4");
    if (!stmt) return stmt.error();
    stmt->bind(1, to_seconds(from)).bind(2, to_seconds(to)).bind(3, limit).bind(4, offset)
        .bind(9, now);
    auto entries = collect_sitemap_entries(*stmt, false);
    if (!entries) return entries.error().with_context("list sitemap entries");
    return entries;
  });
}

Result<std::vector<SitemapEntry>> SqliteStore::list_recent_sitemap_entries(core::Timestamp since,
                                                                          int64_t limit) {
  limit = std::clamp<int64_t>(limit, 1, kMaxRecentEntries);
  const int64_t now = to_seconds(impl_->now());
  return impl_->read([&](Connection& conn) -> Result<std::vector<SitemapEntry>> {
    auto stmt = conn.prepare(
        "SELECT a.id, a.section_id, a.slug, a.published, a.updated, a.headline, a.language" +
        kSitemapFrom +
        " AND a.published >= ?1 AND a.published <= ?9"
        " ORDER BY a.published DESC, a.id DESC LIMIT ?2");
    if (!stmt) return stmt.error();
    stmt->bind(1, to_seconds(since)).bind(2, limit).bind(9, now);
    auto entries = collect_sitemap_entries(*stmt, true);
    if (!entries) return entries.error().with_context("list recent sitemap entries");
    return entries;
  });
}

Result<ArticlePage> SqliteStore::find_articles(const ArticleQuery& query, PageRequest page) {
  page = clamp(page);
  // The WHERE clause and its parameters, numbered from 1 in the order they appear.
  std::string where = " WHERE 1";
  if (!query.sections.empty()) {
    where += " AND a.section_id IN (";
    for (size_t i = 0; i < query.sections.size(); ++i) where += i ? ", ?" : "?";
    where += ")";
  }
  if (query.status) where += " AND a.status = ?";
  std::string pattern;
  if (!query.headline_contains.empty()) {
    where += " AND a.headline LIKE ? ESCAPE '\\'";
    pattern = "%";
    for (char c : query.headline_contains) {
      if (c == '%' || c == '_' || c == '\\') pattern += '\\';
      pattern += c;
    }
    pattern += "%";
  }
  auto bind_where = [&](Stmt& stmt) {
    int n = 0;
    for (model::SectionId id : query.sections) stmt.bind(++n, id);
    if (query.status) stmt.bind(++n, model::to_string(*query.status));
    if (!pattern.empty()) stmt.bind(++n, pattern);
    return n;
  };
  return impl_->read([&](Connection& conn) -> Result<ArticlePage> {
    const std::string what = "find articles";
    ArticlePage out;
    if (page.count_total) {
      auto stmt = conn.prepare("SELECT count(*) FROM articles a" + where);
      if (!stmt) return stmt.error();
      bind_where(*stmt);
      auto total = count(*stmt);
      if (!total) return total.error().with_context(what);
      out.total = *total;
    }
    auto stmt = conn.prepare("SELECT " + std::string(kArticleColumns) + " FROM articles a" +
                             where + " ORDER BY a.ingested DESC, a.id DESC LIMIT ? OFFSET ?");
    if (!stmt) return stmt.error();
    int n = bind_where(*stmt);
    stmt->bind(n + 1, page.limit).bind(n + 2, page.offset);
    auto articles = collect_articles(*stmt);
    if (!articles) return articles.error().with_context(what);
    out.articles = std::move(*articles);
    return out;
  });
}

Result<SaveResult> SqliteStore::edit_article(model::ArticleId id,
                                             const model::ArticleContent& content,
                                             int64_t editor) {
  const std::string what = "edit article " + std::to_string(id);
  if (content.headline.empty()) return Error::InvalidInput(what + ": empty headline");
  const core::Timestamp now = impl_->now();
  return impl_->write([&](Connection& conn) -> Result<SaveResult> {
    auto stmt = conn.prepare("SELECT " + std::string(kArticleColumns) +
                             " FROM articles a WHERE a.id = ?1");
    if (stmt) stmt->bind(1, id);
    auto found = one_article(stmt);
    if (!found) return found.error().with_context(what);
    if (!*found) return Error::NotFound(what + ": no such article");
    model::Article a = std::move(**found);
    if (a.content == content) return SaveResult{.article = std::move(a),
                                                .outcome = SaveOutcome::kUnchanged};
    a.content = content;
    a.version += 1;
    // Readers see "Updated" only for a correction of what they could read.
    if (a.status == model::ArticleStatus::kPublished) a.updated = std::max(a.updated, now);
    if (auto done = insert_version(conn, a.id, a.version, a.content, now, std::nullopt, editor);
        !done) {
      return done.error().with_context(what);
    }
    auto update = conn.prepare(
        "UPDATE articles SET headline = ?1, standfirst = ?2, body_html = ?3, author = ?4, "
        "language = ?5, original_url = ?6, metadata_json = ?7, updated = ?8, version = ?9, "
        "change_seq = " + std::string(kNextChangeSeq) + " WHERE id = ?10");
    if (!update) return update.error();
    bind_content(*update, 1, a.content);
    update->bind(8, to_seconds(a.updated)).bind(9, a.version).bind(10, a.id);
    if (auto done = update->run(); !done) return done.error().with_context(what);
    return SaveResult{.article = std::move(a), .outcome = SaveOutcome::kNewVersion};
  });
}

Status SqliteStore::set_status_reason(model::ArticleId id, std::string_view reason) {
  return impl_->write([&](Connection& conn) -> Status {
    const std::string what = "set status reason of article " + std::to_string(id);
    auto stmt = conn.prepare(
        "UPDATE articles SET status_reason = ?2, change_seq = " + std::string(kNextChangeSeq) +
        " WHERE id = ?1 AND status_reason <> ?2");
    if (!stmt) return stmt.error();
    stmt->bind(1, id).bind(2, reason);
    if (auto done = stmt->run(); !done) return done.error().with_context(what);
    if (conn.changes() > 0) return Ok();
    auto found = has_row(conn, "SELECT 1 FROM articles WHERE id = ?1", id);
    if (!found) return found.error().with_context(what);
    if (!*found) return Error::NotFound(what + ": no such article");
    return Ok();
  });
}

}  // namespace nz::store::sqlite
