#include "store/sqlite/migrations.h"

#include <string>

#include "store/sqlite/connection.h"

namespace nz::store::sqlite {
namespace {

// The bookkeeping table lives outside the numbered migrations so that it exists before the
// first one runs. `IF NOT EXISTS` makes it idempotent.
constexpr std::string_view kCreateBookkeeping =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "  version INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  applied_at INTEGER NOT NULL DEFAULT (CAST(strftime('%s', 'now') AS INTEGER))"
    ") STRICT";

Result<int> current_version(Connection& conn) {
  auto stmt = conn.prepare("SELECT coalesce(max(version), 0) FROM schema_migrations");
  if (!stmt) return stmt.error();
  auto row = stmt->step();
  if (!row) return row.error();
  return static_cast<int>(stmt->column_int(0));
}

}  // namespace

Result<int> apply_migrations(Connection& conn, std::span<const Migration> migrations) {
  for (size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version != static_cast<int>(i) + 1) {
      return Error::Internal("migration " + std::string(migrations[i].name) +
                             ": expected version " + std::to_string(i + 1));
    }
  }
  const int known = static_cast<int>(migrations.size());

  {
    auto tx = Transaction::begin(conn, Transaction::Mode::kWrite);
    if (!tx) return tx.error();
    if (auto made = conn.exec(kCreateBookkeeping); !made) {
      return made.error().with_context("create schema_migrations");
    }
    if (auto done = tx->commit(); !done) return done.error();
  }

  for (const Migration& m : migrations) {
    // Read the version inside the write transaction: another process opening the same file
    // at the same moment may just have applied this migration.
    auto tx = Transaction::begin(conn, Transaction::Mode::kWrite);
    if (!tx) return tx.error();
    auto version = current_version(conn);
    if (!version) return version.error();
    if (*version > known) {
      return Error::Corrupt("schema version " + std::to_string(*version) +
                            " is newer than this newszone knows (" + std::to_string(known) +
                            "); run a newer newszone");
    }
    if (*version >= m.version) continue;  // the destructor ends the empty transaction
    const std::string context = "migration " + std::string(m.name);
    if (auto applied = conn.exec(m.sql); !applied) return applied.error().with_context(context);
    auto record = conn.prepare("INSERT INTO schema_migrations (version, name) VALUES (?1, ?2)");
    if (!record) return record.error().with_context(context);
    record->bind(1, m.version).bind(2, m.name);
    if (auto recorded = record->run(); !recorded) return recorded.error().with_context(context);
    if (auto done = tx->commit(); !done) return done.error().with_context(context);
  }

  auto version = current_version(conn);
  if (!version) return version.error();
  if (*version > known) {
    return Error::Corrupt("schema version " + std::to_string(*version) +
                          " is newer than this newszone knows (" + std::to_string(known) + ")");
  }
  return *version;
}

}  // namespace nz::store::sqlite
