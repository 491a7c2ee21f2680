// Versioned schema migrations: src/store/migrations/sqlite/NNN_name.sql, embedded into the
// binary at build time (see CMakeLists.txt) and applied in order when a store opens.
// Internal to store/sqlite/.
#pragma once

#include <span>
#include <string_view>

#include "core/result.h"

namespace nz::store::sqlite {

class Connection;

struct Migration {
  int version;            // NNN of the file name; 1, 2, 3, ... without gaps
  std::string_view name;  // "001_initial"
  std::string_view sql;   // the file's contents
};

// Every migration built into this binary, ordered by version. Generated.
std::span<const Migration> embedded_migrations();

// Applies each migration newer than the database's schema version, each in its own
// BEGIN IMMEDIATE transaction together with its row in schema_migrations, so that a crash
// leaves the schema at a version boundary. Applying twice is a no-op. Fails with kCorrupt
// when the database records a version this binary does not know (a newer binary wrote it),
// kInternal when `migrations` is not 1..n in order, and with the failing migration's name
// in the message otherwise. Returns the resulting schema version.
Result<int> apply_migrations(Connection& conn, std::span<const Migration> migrations);

}  // namespace nz::store::sqlite
