#include "store/sqlite/migrations.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <span>
#include <string>
#include <vector>

#include "store/sqlite/connection.h"

namespace nz::store::sqlite {
namespace {

// An in-memory database is enough here: migrations run on one connection.
std::unique_ptr<Connection> memory_db() {
  auto conn = Connection::open(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  EXPECT_TRUE(conn) << conn.error().message;
  return std::move(*conn);
}

Result<std::string> text(Connection& conn, const std::string& sql) {
  auto stmt = conn.prepare(sql);
  if (!stmt) return stmt.error();
  auto row = stmt->step();
  if (!row) return row.error();
  return *row ? stmt->column_text(0) : std::string("<none>");
}

TEST(MigrationsTest, EmbeddedMigrationsAreNumberedFromOneWithoutGaps) {
  auto all = embedded_migrations();
  ASSERT_FALSE(all.empty());
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].version, static_cast<int>(i) + 1) << all[i].name;
    EXPECT_FALSE(all[i].sql.empty()) << all[i].name;
  }
  EXPECT_EQ(all[0].name, "001_initial");
}

TEST(MigrationsTest, AppliesInOrderOnceAndRecordsEach) {
  auto conn = memory_db();
  const std::vector<Migration> ms = {
      {1, "001_a", "CREATE TABLE a (x INTEGER)"},
      {2, "002_b", "INSERT INTO a VALUES (1); CREATE TABLE b (y INTEGER);"},
  };
  auto first = apply_migrations(*conn, ms);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(*first, 2);
  auto second = apply_migrations(*conn, ms);
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(*second, 2);
  EXPECT_EQ(*text(*conn, "SELECT count(*) FROM a"), "1");  // 002 ran once
  EXPECT_EQ(*text(*conn, "SELECT group_concat(name) FROM schema_migrations"), "001_a,002_b");
}

TEST(MigrationsTest, ANewMigrationIsAppliedOnTopOfOldOnes) {
  auto conn = memory_db();
  std::vector<Migration> ms = {{1, "001_a", "CREATE TABLE a (x INTEGER)"}};
  ASSERT_TRUE(apply_migrations(*conn, ms));
  ms.push_back({2, "002_b", "ALTER TABLE a ADD COLUMN y TEXT"});
  auto version = apply_migrations(*conn, ms);
  ASSERT_TRUE(version) << version.error().message;
  EXPECT_EQ(*version, 2);
  EXPECT_TRUE(text(*conn, "SELECT y FROM a"));
}

TEST(MigrationsTest, AFailingMigrationLeavesNothingOfItselfBehind) {
  auto conn = memory_db();
  const std::vector<Migration> ms = {
      {1, "001_a", "CREATE TABLE a (x INTEGER)"},
      {2, "002_broken", "CREATE TABLE b (y INTEGER); THIS IS NOT SQL;"},
  };
  auto result = apply_migrations(*conn, ms);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("002_broken"), std::string::npos);
  EXPECT_EQ(*text(*conn, "SELECT max(version) FROM schema_migrations"), "1");
  EXPECT_EQ(*text(*conn, "SELECT count(*) FROM sqlite_schema WHERE name = 'b'"), "0");
}

TEST(MigrationsTest, GapsInNumberingAreRejected) {
  auto conn = memory_db();
  const std::vector<Migration> ms = {{1, "001_a", "SELECT 1"}, {3, "003_c", "SELECT 1"}};
  auto result = apply_migrations(*conn, ms);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kInternal);
}

TEST(MigrationsTest, InitialSchemaAppliesToAnEmptyDatabase) {
  auto conn = memory_db();
  auto version = apply_migrations(*conn, embedded_migrations());
  ASSERT_TRUE(version) << version.error().message;
  EXPECT_EQ(*text(*conn, "SELECT count(*) FROM sqlite_schema WHERE name = 'article_versions'"),
            "1");
}

// 011 makes api_tokens again (a token now belongs to a partner or a user): tokens keep their
// ids, and the deliveries and audit rows that name them still resolve, with foreign keys on.
TEST(MigrationsTest, UserTokensMigrationKeepsTokensAndWhatRefersToThem) {
  auto conn = memory_db();
  ASSERT_TRUE(conn->exec("PRAGMA foreign_keys = ON"));
  auto all = embedded_migrations();
  auto user_tokens = std::find_if(all.begin(), all.end(), [](const Migration& m) {
    return m.name == "011_user_tokens";
  });
  ASSERT_NE(user_tokens, all.end());
  const std::span<const Migration> before(all.begin(), user_tokens);
  ASSERT_TRUE(apply_migrations(*conn, before));
  auto seeded = conn->exec(
      "INSERT INTO partners (id, slug, name, url) VALUES (1, 'pdo', 'PDO', '');"
      "INSERT INTO sections (id, slug, title, description, kind, position, partner_id, "
      "  attribution_template, disclaimer_template, moderation, noindex) "
      "  VALUES (1, 'zone', 'Zone', '', 'zone', 0, 1, '', '', 'auto-publish', 0);"
      "INSERT INTO api_tokens (id, partner_id, name, prefix, hash, created, revoked) "
      "  VALUES (7, 1, 'CMS', 'nzp_a', 'h7', 1, NULL), (9, 1, 'Old', 'nzp_b', 'h9', 2, 3);"
      "INSERT INTO deliveries (received, section_id, channel, token_id, origin, bytes, "
      "  raw_sha256, format, items, created, new_versions, unchanged, duplicates, failed, "
      "  result) VALUES (1, 1, 'push', 7, 'nzp_a', 1, 'x', 'ninjs', 0, 0, 0, 0, 0, 0, 'ok');"
      "INSERT INTO audit_log (at, actor_kind, token_id, actor_label, action, target, "
      "  before_json, after_json, address) VALUES (1, 'token', 9, 'nzp_b', 'x', 't', '', '', '');");
  ASSERT_TRUE(seeded) << seeded.error().message;

  auto version = apply_migrations(*conn, all);
  ASSERT_TRUE(version) << version.error().message;
  EXPECT_EQ(*text(*conn, "SELECT group_concat(id || ':' || partner_id || ':' || "
                         "coalesce(revoked, '-'), ' ') FROM api_tokens"),
            "7:1:- 9:1:3");
  EXPECT_EQ(*text(*conn, "SELECT count(*) FROM pragma_foreign_key_check"), "0");
  // A token of a user, and none of both or neither.
  ASSERT_TRUE(conn->exec(
      "INSERT INTO users (id, email, role, password_hash, created) "
      "  VALUES (3, 'ed@example.org', 'editor', '$argon2id$x', 1);"
      "INSERT INTO api_tokens (user_id, name, prefix, hash, created) "
      "  VALUES (3, 'Script', 'nzp_c', 'h10', 4)"));
  EXPECT_FALSE(conn->exec("INSERT INTO api_tokens (partner_id, user_id, name, prefix, hash, "
                          "created) VALUES (1, 3, 'Both', 'nzp_d', 'h11', 5)"));
  EXPECT_FALSE(conn->exec("INSERT INTO api_tokens (name, prefix, hash, created) "
                          "VALUES ('Neither', 'nzp_e', 'h12', 5)"));
  // The deliveries' reference still points at the table: an unknown token is refused.
  EXPECT_FALSE(conn->exec("UPDATE deliveries SET token_id = 99"));
}

}  // namespace
}  // namespace nz::store::sqlite
