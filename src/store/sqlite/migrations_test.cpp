#include "store/sqlite/migrations.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace nz::store::sqlite
