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
    "a.language, a.original_url, a.published, a.updated, a.ingested, a.status, a.version";

model::ArticleContent read_content(const Stmt& s, int first) {
  return {.headline = s.column_text(first),
          .standfirst = s.column_text(first + 1),
          .body_html = s.column_text(first + 2),
          .author = s.column_text(first + 3),
          .language = s.column_text(first + 4),
          .original_url = s.column_text(first + 5)};
}

Result<model::Article> read_article(const Stmt& s) {
  model::Article a;
  a.id = s.column_int(0);
  a.section_id = s.column_int(1);
  a.guid = s.column_text(2);
  a.slug = s.column_text(3);
  a.content = read_content(s, 4);
  a.published = from_seconds(s.column_int(10));
  a.updated = from_seconds(s.column_int(11));
  a.ingested = from_seconds(s.column_int(12));
  auto status = model::parse_article_status(s.column_text(13));
  if (!status) return Error::Corrupt("article " + std::to_string(a.id) + ": bad status");
  a.status = *status;
  a.version = static_cast<int>(s.column_int(14));
  return a;
}

// Binds the six content fields to ?first..?first+5.
void bind_content(Stmt& s, int first, const model::ArticleContent& c) {
  s.bind(first, c.headline)
      .bind(first + 1, c.standfirst)
      .bind(first + 2, c.body_html)
      .bind(first + 3, c.author)
      .bind(first + 4, c.language)
      .bind(first + 5, c.original_url);
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
  return {.offset = std::max<int64_t>(0, page.offset),
          .limit = std::clamp<int64_t>(page.limit, 1, kMaxPageLimit)};
}

// The next change sequence number: see articles.change_seq in 001_initial.sql.
constexpr std::string_view kNextChangeSeq =
    "(SELECT coalesce(max(change_seq), 0) + 1 FROM articles)";

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
                      const model::ArticleContent& content, core::Timestamp created) {
  auto stmt = conn.prepare(
      "INSERT INTO article_versions (article_id, version, headline, standfirst, body_html, "
      "author, language, original_url, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  if (!stmt) return stmt.error();
  stmt->bind(1, id).bind(2, version);
  bind_content(*stmt, 3, content);
  stmt->bind(9, to_seconds(created));
  return stmt->run();
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

  auto stmt = conn.prepare(
      "INSERT INTO articles (section_id, guid, slug, headline, standfirst, body_html, author, "
      "language, original_url, published, updated, ingested, status, version, change_seq) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 1, " +
      std::string(kNextChangeSeq) + ")");
  if (!stmt) return stmt.error();
  stmt->bind(1, a.section_id).bind(2, a.guid).bind(3, a.slug);
  bind_content(*stmt, 4, a.content);
  stmt->bind(10, to_seconds(a.published))
      .bind(11, to_seconds(a.updated))
      .bind(12, to_seconds(a.ingested))
      .bind(13, model::to_string(a.status));
  if (auto done = stmt->run(); !done) return done.error();
  a.id = conn.last_insert_rowid();
  if (auto done = insert_version(conn, a.id, 1, a.content, now); !done) return done.error();
  return SaveResult{.article = std::move(a), .outcome = SaveOutcome::kCreated};
}

Result<SaveResult> new_version(Connection& conn, const model::Article& in,
                               model::Article current, core::Timestamp now) {
  current.content = in.content;
  current.status = in.status;
  current.published = in.published;
  current.updated = in.updated == core::Timestamp{} ? now : in.updated;
  current.version += 1;
  if (auto done = insert_version(conn, current.id, current.version, current.content, now);
      !done) {
    return done.error();
  }
  auto stmt = conn.prepare(
      "UPDATE articles SET headline = ?1, standfirst = ?2, body_html = ?3, author = ?4, "
      "language = ?5, original_url = ?6, published = ?7, updated = ?8, status = ?9, "
      "version = ?10, change_seq = " + std::string(kNextChangeSeq) + " WHERE id = ?11");
  if (!stmt) return stmt.error();
  bind_content(*stmt, 1, current.content);
  stmt->bind(7, to_seconds(current.published))
      .bind(8, to_seconds(current.updated))
      .bind(9, model::to_string(current.status))
      .bind(10, current.version)
      .bind(11, current.id);
  if (auto done = stmt->run(); !done) return done.error();
  return SaveResult{.article = std::move(current), .outcome = SaveOutcome::kNewVersion};
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
        return SaveResult{.article = std::move(*current), .outcome = SaveOutcome::kUnchanged};
      }
      return new_version(conn, article, std::move(*current), now);
    }();
    if (!saved) return saved.error().with_context(what);
    return saved;
  });
}

Status SqliteStore::set_article_status(model::ArticleId id, model::ArticleStatus status) {
  return impl_->write([&](Connection& conn) -> Status {
    // Bumps change_seq only when the status really changes, so that a search index is not
    // sent to re-read an article that is as it was.
    auto stmt = conn.prepare("UPDATE articles SET status = ?1, change_seq = " +
                             std::string(kNextChangeSeq) + " WHERE id = ?2 AND status <> ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, model::to_string(status)).bind(2, id);
    const std::string what = "set status of article " + std::to_string(id);
    if (auto done = stmt->run(); !done) return done.error().with_context(what);
    if (conn.changes() > 0) return Ok();
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

Result<std::vector<model::ArticleVersion>> SqliteStore::list_versions(model::ArticleId id) {
  return impl_->read([&](Connection& conn) -> Result<std::vector<model::ArticleVersion>> {
    auto stmt = conn.prepare(
        "SELECT version, headline, standfirst, body_html, author, language, original_url, "
        "created FROM article_versions WHERE article_id = ?1 ORDER BY version");
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
                     .created = from_seconds(stmt->column_int(7))});
    }
    // Every stored article has version 1, so none means no such article.
    if (out.empty()) return Error::NotFound("article " + std::to_string(id) + " not found");
    return out;
  });
}

Result<ArticlePage> SqliteStore::list_section_articles(model::SectionId section,
                                                       PageRequest page) {
  page = clamp(page);
  return impl_->read([&](Connection& conn) -> Result<ArticlePage> {
    const std::string what = "list articles of section " + std::to_string(section);
    ArticlePage out;
    {
      auto stmt = conn.prepare(
          "SELECT count(*) FROM articles WHERE section_id = ?1 AND status = 'published'");
      if (!stmt) return stmt.error();
      stmt->bind(1, section);
      auto total = count(*stmt);
      if (!total) return total.error().with_context(what);
      out.total = *total;
    }
    auto stmt = conn.prepare("SELECT " + std::string(kArticleColumns) +
                             " FROM articles a WHERE a.section_id = ?1 AND a.status = 'published'"
                             " ORDER BY a.published DESC, a.id DESC LIMIT ?2 OFFSET ?3");
    if (!stmt) return stmt.error();
    stmt->bind(1, section).bind(2, page.limit).bind(3, page.offset);
    auto articles = collect_articles(*stmt);
    if (!articles) return articles.error().with_context(what);
    out.articles = std::move(*articles);
    return out;
  });
}

Result<ArticlePage> SqliteStore::list_topic_articles(model::TopicId topic, PageRequest page,
                                                     std::optional<model::ArticleId> exclude) {
  page = clamp(page);
  return impl_->read([&](Connection& conn) -> Result<ArticlePage> {
    const std::string what = "list articles of topic " + std::to_string(topic);
    // "a.id IS NOT ?2" with ?2 NULL (no exclude) is true for every row.
    constexpr std::string_view kFrom =
        " FROM article_topics t JOIN articles a ON a.id = t.article_id"
        " WHERE t.topic_id = ?1 AND a.status = 'published' AND a.id IS NOT ?2";
    ArticlePage out;
    {
      auto stmt = conn.prepare("SELECT count(*)" + std::string(kFrom));
      if (!stmt) return stmt.error();
      stmt->bind(1, topic).bind(2, exclude);
      auto total = count(*stmt);
      if (!total) return total.error().with_context(what);
      out.total = *total;
    }
    auto stmt = conn.prepare("SELECT " + std::string(kArticleColumns) + std::string(kFrom) +
                             " ORDER BY a.published DESC, a.id DESC LIMIT ?3 OFFSET ?4");
    if (!stmt) return stmt.error();
    stmt->bind(1, topic).bind(2, exclude).bind(3, page.limit).bind(4, page.offset);
    auto articles = collect_articles(*stmt);
    if (!articles) return articles.error().with_context(what);
    out.articles = std::move(*articles);
    return out;
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

}  // namespace nz::store::sqlite
