// Connection and Stmt: a thin RAII layer over one sqlite3 handle and its cached prepared
// statements, turning SQLite result codes into nz::Error. Internal to store/sqlite/.
// A Connection is not thread-safe: SqliteStore hands each one to one thread at a time.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/result.h"

namespace nz::store::sqlite {

// The nz::Error for SQLite result code `rc`, with message "<what>: <sqlite's message>" (only
// the latter when `what` is empty). Constraint violations are kConflict, "not a database"
// and corruption kCorrupt, I/O, locking and permission failures kUnavailable, others kInternal.
Error sqlite_error(int rc, std::string_view what, sqlite3* db = nullptr);

class Connection;

// A cached prepared statement in use. Resets itself and clears its bindings when destroyed, so
// that a reader never keeps a read transaction (and its WAL snapshot) open by accident.
class Stmt {
 public:
  Stmt(Connection& conn, sqlite3_stmt* stmt, bool* in_use)
      : conn_(&conn), stmt_(stmt), in_use_(in_use) {}
  Stmt(Stmt&& other) noexcept
      : conn_(other.conn_), stmt_(other.stmt_), in_use_(other.in_use_), bind_rc_(other.bind_rc_) {
    other.stmt_ = nullptr;
  }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt();

  // Binds parameters 1..n in order; returns *this for chaining.
  Stmt& bind(int index, int64_t value);
  Stmt& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
  Stmt& bind(int index, bool value) { return bind(index, static_cast<int64_t>(value ? 1 : 0)); }
  Stmt& bind(int index, std::string_view value);
  Stmt& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Stmt& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Stmt& bind_null(int index);
  template <typename T>
  Stmt& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  // Advances to the next row: true when there is one, false when done.
  Result<bool> step();
  // Steps to completion, for statements that return no rows.
  Status run();

  int64_t column_int(int col) const;
  std::string column_text(int col) const;
  std::optional<int64_t> column_optional_int(int col) const;
  std::optional<std::string> column_optional_text(int col) const;

 private:
  Connection* conn_;
  sqlite3_stmt* stmt_;  // null once moved from
  bool* in_use_;        // the cache entry's flag; unordered_map nodes do not move
  int bind_rc_ = SQLITE_OK;  // first binding failure, reported by step()
};

class Connection {
 public:
  // Opens `path` with `flags` (SQLITE_OPEN_*). The handle is closed even when opening fails.
  static Result<std::unique_ptr<Connection>> open(const std::string& path, int flags);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // The cached statement for `sql`, prepared on first use. A statement may be used by one Stmt
  // at a time; asking for one already in use is our bug and aborts.
  Result<Stmt> prepare(std::string_view sql);
  // Runs one or more statements that return no rows (PRAGMAs, DDL, BEGIN/COMMIT).
  Status exec(std::string_view sql);
  // Last sqlite3 error text of this connection.
  std::string errmsg() const;
  // Rows changed by the last INSERT/UPDATE/DELETE; rowid of the last INSERT.
  int64_t changes() const;
  int64_t last_insert_rowid() const;

  sqlite3* handle() { return db_; }
  const std::string& path() const { return path_; }

 private:
  friend class Stmt;
  Connection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}

  struct Cached {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };
  sqlite3* db_;
  std::string path_;
  std::unordered_map<std::string, Cached> cache_;
};

// True when `sql`, with `id` bound to ?1, returns a row: "SELECT 1 FROM t WHERE id = ?1".
Result<bool> has_row(Connection& conn, std::string_view sql, int64_t id);

// Transaction on one connection: BEGIN [IMMEDIATE] in begin(), ROLLBACK when destroyed
// without commit(). IMMEDIATE takes the write lock up front, so a write transaction never
// fails half-way with SQLITE_BUSY on lock upgrade. kNested is a savepoint inside a write
// transaction already open: committing releases it, destroying it undoes only its own work.
class Transaction {
 public:
  enum class Mode { kRead, kWrite, kNested };
  static Result<Transaction> begin(Connection& conn, Mode mode);
  Transaction(Transaction&& other) noexcept : conn_(other.conn_), nested_(other.nested_) {
    other.conn_ = nullptr;
  }
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  Status commit();

 private:
  Transaction(Connection& conn, bool nested) : conn_(&conn), nested_(nested) {}
  Connection* conn_;  // null once committed or rolled back
  bool nested_;
};

}  // namespace nz::store::sqlite
