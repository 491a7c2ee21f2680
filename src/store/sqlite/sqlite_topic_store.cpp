// SqliteStore as store::TopicStore: topics and the tags linking articles to them.
#include <algorithm>
#include <optional>
#include <string>

#include "core/slug.h"
#include "store/sqlite/sqlite_store.h"
#include "store/sqlite/store_impl.h"

namespace nz::store::sqlite {
namespace {

std::string_view to_string(model::TagSource source) {
  switch (source) {
    case model::TagSource::kZone: return "zone";
    case model::TagSource::kTagger: return "tagger";
    case model::TagSource::kEditor: return "editor";
  }
  return "tagger";
}

constexpr std::string_view kTopicColumns = "topics.id, kind, key, name, slug";

Result<model::Topic> read_topic(const Stmt& s) {
  auto kind = model::parse_topic_kind(s.column_text(1));
  if (!kind) return Error::Corrupt("topic " + std::to_string(s.column_int(0)) + ": bad kind");
  return model::Topic{.id = s.column_int(0), .kind = *kind, .key = s.column_text(2),
                      .name = s.column_text(3), .slug = s.column_text(4)};
}

// The first row of `stmt` as a Topic, or kNotFound naming `what`.
Result<model::Topic> one_topic(Result<Stmt>& stmt, const std::string& what) {
  if (!stmt) return stmt.error();
  auto row = stmt->step();
  if (!row) return row.error().with_context(what);
  if (!*row) return Error::NotFound(what + ": no such topic");
  return read_topic(*stmt);
}

}  // namespace

Result<model::Topic> SqliteStore::upsert_topic(const model::Topic& topic) {
  if (topic.key.empty()) return Error::InvalidInput("topic: empty key");
  if (topic.name.empty()) return Error::InvalidInput("topic " + topic.key + ": empty name");
  if (!core::is_valid_slug(topic.slug)) {
    return Error::InvalidInput("topic " + topic.key + ": \"" + topic.slug +
                               "\" is not a valid slug");
  }
  return impl_->write([&](Connection& conn) -> Result<model::Topic> {
    const std::string what = "topic " + std::string(model::to_string(topic.kind)) + "/" + topic.key;
    {
      auto stmt = conn.prepare("SELECT " + std::string(kTopicColumns) +
                               " FROM topics WHERE kind = ?1 AND key = ?2");
      if (stmt) stmt->bind(1, model::to_string(topic.kind)).bind(2, topic.key);
      auto found = one_topic(stmt, what);
      if (found || found.error().code != ErrorCode::kNotFound) return found;
    }
    auto stmt = conn.prepare("INSERT INTO topics (kind, key, name, slug) VALUES (?1, ?2, ?3, ?4)");
    if (!stmt) return stmt.error();
    stmt->bind(1, model::to_string(topic.kind)).bind(2, topic.key).bind(3, topic.name)
        .bind(4, topic.slug);
    if (auto done = stmt->run(); !done) {
      if (done.error().code == ErrorCode::kConflict) {
        return Error::Conflict(what + ": slug \"" + topic.slug + "\" belongs to another topic");
      }
      return done.error().with_context(what);
    }
    model::Topic stored = topic;
    stored.id = conn.last_insert_rowid();
    return stored;
  });
}

Result<model::Topic> SqliteStore::find_topic(model::TopicId id) {
  return impl_->read([&](Connection& conn) {
    auto stmt = conn.prepare("SELECT " + std::string(kTopicColumns) + " FROM topics WHERE id = ?1");
    if (stmt) stmt->bind(1, id);
    return one_topic(stmt, "topic " + std::to_string(id));
  });
}

Result<model::Topic> SqliteStore::find_topic_by_slug(std::string_view slug) {
  return impl_->read([&](Connection& conn) {
    auto stmt =
        conn.prepare("SELECT " + std::string(kTopicColumns) + " FROM topics WHERE slug = ?1");
    if (stmt) stmt->bind(1, slug);
    return one_topic(stmt, "topic \"" + std::string(slug) + "\"");
  });
}

Result<model::Topic> SqliteStore::find_topic_by_key(model::TopicKind kind, std::string_view key) {
  return impl_->read([&](Connection& conn) {
    auto stmt = conn.prepare("SELECT " + std::string(kTopicColumns) +
                             " FROM topics WHERE kind = ?1 AND key = ?2");
    if (stmt) stmt->bind(1, model::to_string(kind)).bind(2, key);
    return one_topic(stmt, "topic " + std::string(model::to_string(kind)) + "/" +
                               std::string(key));
  });
}

namespace {

// Topics are part of what a search index holds about an article: let it catch up.
Status bump_change_seq(Connection& conn, model::ArticleId article) {
  auto bump = conn.prepare(
      "UPDATE articles SET change_seq = (SELECT max(change_seq) FROM articles) + 1 "
      "WHERE id = ?1");
  if (!bump) return bump.error();
  bump->bind(1, article);
  return bump->run();
}

// kNotFound naming what is missing.
Status article_and_topic_exist(Connection& conn, model::ArticleId article,
                               std::optional<model::TopicId> topic, const std::string& what) {
  auto found = has_row(conn, "SELECT 1 FROM articles WHERE id = ?1", article);
  if (!found) return found.error();
  if (!*found) return Error::NotFound(what + ": no such article");
  if (!topic) return Ok();
  found = has_row(conn, "SELECT 1 FROM topics WHERE id = ?1", *topic);
  if (!found) return found.error();
  if (!*found) return Error::NotFound(what + ": no such topic");
  return Ok();
}

}  // namespace

Status SqliteStore::tag_article(model::ArticleId article, model::TopicId topic,
                                model::TagSource source) {
  return impl_->write([&](Connection& conn) -> Status {
    const std::string what =
        "tag article " + std::to_string(article) + " with topic " + std::to_string(topic);
    if (auto exist = article_and_topic_exist(conn, article, topic, what); !exist) return exist;
    // An editor's tag, or removal, is never overridden but by an editor; any other tag takes
    // the newest source. The WHERE makes an update that would change nothing count as no
    // change.
    auto stmt = conn.prepare(
        "INSERT INTO article_topics (article_id, topic_id, source) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (article_id, topic_id) DO UPDATE SET source = excluded.source, removed = 0 "
        "WHERE (article_topics.source <> 'editor' AND article_topics.source <> excluded.source) "
        "OR (excluded.source = 'editor' AND "
        "(article_topics.source <> 'editor' OR article_topics.removed = 1))");
    if (!stmt) return stmt.error();
    stmt->bind(1, article).bind(2, topic).bind(3, to_string(source));
    if (auto done = stmt->run(); !done) return done.error().with_context(what);
    if (conn.changes() == 0) return Ok();
    return bump_change_seq(conn, article);
  });
}

Status SqliteStore::untag_article(model::ArticleId article, model::TopicId topic) {
  return impl_->write([&](Connection& conn) -> Status {
    const std::string what =
        "remove topic " + std::to_string(topic) + " from article " + std::to_string(article);
    if (auto exist = article_and_topic_exist(conn, article, topic, what); !exist) return exist;
    auto stmt = conn.prepare(
        "INSERT INTO article_topics (article_id, topic_id, source, removed) "
        "VALUES (?1, ?2, 'editor', 1) "
        "ON CONFLICT (article_id, topic_id) DO UPDATE SET source = 'editor', removed = 1 "
        "WHERE article_topics.source <> 'editor' OR article_topics.removed = 0");
    if (!stmt) return stmt.error();
    stmt->bind(1, article).bind(2, topic);
    if (auto done = stmt->run(); !done) return done.error().with_context(what);
    if (conn.changes() == 0) return Ok();
    return bump_change_seq(conn, article);
  });
}

Status SqliteStore::set_tagger_topics(model::ArticleId article,
                                      const std::vector<model::TopicId>& topics) {
  return impl_->write([&](Connection& conn) -> Status {
    const std::string what = "tag article " + std::to_string(article);
    if (auto exist = article_and_topic_exist(conn, article, std::nullopt, what); !exist) {
      return exist;
    }
    int changes = 0;
    {
      auto current = conn.prepare(
          "SELECT topic_id FROM article_topics WHERE article_id = ?1 AND source = 'tagger'");
      if (!current) return current.error();
      current->bind(1, article);
      std::vector<model::TopicId> stale;
      while (true) {
        auto row = current->step();
        if (!row) return row.error().with_context(what);
        if (!*row) break;
        const model::TopicId id = current->column_int(0);
        if (std::find(topics.begin(), topics.end(), id) == topics.end()) stale.push_back(id);
      }
      for (model::TopicId id : stale) {
        auto drop = conn.prepare(
            "DELETE FROM article_topics WHERE article_id = ?1 AND topic_id = ?2 "
            "AND source = 'tagger'");
        if (!drop) return drop.error();
        drop->bind(1, article).bind(2, id);
        if (auto done = drop->run(); !done) return done.error().with_context(what);
        changes += conn.changes();
      }
    }
    for (model::TopicId id : topics) {
      auto add = conn.prepare(
          "INSERT INTO article_topics (article_id, topic_id, source) VALUES (?1, ?2, 'tagger') "
          "ON CONFLICT (article_id, topic_id) DO NOTHING");
      if (!add) return add.error();
      add->bind(1, article).bind(2, id);
      if (auto done = add->run(); !done) {
        if (done.error().code == ErrorCode::kConflict) {
          return Error::NotFound(what + ": no topic " + std::to_string(id));
        }
        return done.error().with_context(what);
      }
      changes += conn.changes();
    }
    if (changes == 0) return Ok();
    return bump_change_seq(conn, article);
  });
}

Result<std::vector<model::Topic>> SqliteStore::topics_of(model::ArticleId article) {
  return impl_->read([&](Connection& conn) -> Result<std::vector<model::Topic>> {
    auto stmt = conn.prepare("SELECT " + std::string(kTopicColumns) +
                             " FROM article_topics JOIN topics ON topics.id = topic_id"
                             " WHERE article_id = ?1 AND removed = 0 ORDER BY name, topics.id");
    if (!stmt) return stmt.error();
    stmt->bind(1, article);
    std::vector<model::Topic> out;
    while (true) {
      auto row = stmt->step();
      if (!row) return row.error().with_context("topics of article " + std::to_string(article));
      if (!*row) return out;
      auto topic = read_topic(*stmt);
      if (!topic) return topic.error();
      out.push_back(std::move(*topic));
    }
  });
}

}  // namespace nz::store::sqlite
