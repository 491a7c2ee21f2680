#include "store/sqlite/connection.h"

#include "core/check.h"

namespace nz::store::sqlite {

Error sqlite_error(int rc, std::string_view what, sqlite3* db) {
  std::string message(what);
  if (!message.empty()) message += ": ";
  // sqlite3_errmsg describes the connection's latest failure, which is `rc` when we are
  // called right after it; without a handle fall back to the generic text of the code.
  message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc & 0xff) {  // primary code; extended codes keep it in the low byte
    case SQLITE_CONSTRAINT:
      return Error::Conflict(std::move(message));
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
    case SQLITE_FORMAT:
      return Error::Corrupt(std::move(message));
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
    case SQLITE_NOMEM:
    case SQLITE_PROTOCOL:
      return Error::Unavailable(std::move(message));
    default:
      return Error::Internal(std::move(message));
  }
}

// ---- Stmt ----

Stmt::~Stmt() {
  if (stmt_ == nullptr) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  *in_use_ = false;
}

Stmt& Stmt::bind(int index, int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, index, value);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  return *this;
}

Stmt& Stmt::bind(int index, std::string_view value) {
  // SQLITE_TRANSIENT: SQLite copies the bytes, so `value` need not outlive the statement.
  int rc = sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT,
                               SQLITE_UTF8);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  return *this;
}

Stmt& Stmt::bind_null(int index) {
  int rc = sqlite3_bind_null(stmt_, index);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  return *this;
}

Result<bool> Stmt::step() {
  if (bind_rc_ != SQLITE_OK) return sqlite_error(bind_rc_, "bind", conn_->db_);
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return sqlite_error(rc, "", conn_->db_);
}

Status Stmt::run() {
  while (true) {
    auto row = step();
    if (!row) return row.error();
    if (!*row) return Ok();
  }
}

int64_t Stmt::column_int(int col) const { return sqlite3_column_int64(stmt_, col); }

std::string Stmt::column_text(int col) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  if (text == nullptr) return {};
  return std::string(text, static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

std::optional<int64_t> Stmt::column_optional_int(int col) const {
  if (sqlite3_column_type(stmt_, col) == SQLITE_NULL) return std::nullopt;
  return column_int(col);
}

std::optional<std::string> Stmt::column_optional_text(int col) const {
  if (sqlite3_column_type(stmt_, col) == SQLITE_NULL) return std::nullopt;
  return column_text(col);
}

// ---- Connection ----

Result<std::unique_ptr<Connection>> Connection::open(const std::string& path, int flags) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Error error = sqlite_error(rc, "open " + path, db);
    sqlite3_close_v2(db);  // a handle is returned even on failure; null is fine too
    return error;
  }
  sqlite3_extended_result_codes(db, 1);
  return std::unique_ptr<Connection>(new Connection(db, path));
}

Connection::~Connection() {
  for (auto& [sql, cached] : cache_) sqlite3_finalize(cached.stmt);
  sqlite3_close_v2(db_);
}

Result<Stmt> Connection::prepare(std::string_view sql) {
  auto it = cache_.find(std::string(sql));
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return sqlite_error(rc, "", db_);
    if (stmt == nullptr) return Error::Internal("prepare: empty statement");
    it = cache_.emplace(std::string(sql), Cached{stmt, false}).first;
  }
  NZ_CHECK(!it->second.in_use);  // the same statement twice at once is our bug
  it->second.in_use = true;
  return Stmt(*this, it->second.stmt, &it->second.in_use);
}

Status Connection::exec(std::string_view sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &err);
  if (rc == SQLITE_OK) return Ok();
  Error error = sqlite_error(rc, "", nullptr);
  if (err != nullptr) error.message = err;
  sqlite3_free(err);
  return error;
}

std::string Connection::errmsg() const { return sqlite3_errmsg(db_); }
int64_t Connection::changes() const { return sqlite3_changes64(db_); }
int64_t Connection::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }

Result<bool> has_row(Connection& conn, std::string_view sql, int64_t id) {
  auto stmt = conn.prepare(sql);
  if (!stmt) return stmt.error();
  stmt->bind(1, id);
  return stmt->step();
}

// ---- Transaction ----

namespace {

// One statement through the connection's statement cache: every store call begins and ends
// a transaction, and sqlite3_exec would parse "BEGIN" and "ROLLBACK" again each time (4% of
// an uncached article page).
Status run_cached(Connection& conn, std::string_view sql) {
  auto stmt = conn.prepare(sql);
  if (!stmt) return stmt.error();
  return stmt->run();
}

}  // namespace

Result<Transaction> Transaction::begin(Connection& conn, Mode mode) {
  auto begun = run_cached(conn, mode == Mode::kWrite     ? "BEGIN IMMEDIATE"
                                : mode == Mode::kNested ? "SAVEPOINT nz_nested"
                                                        : "BEGIN");
  if (!begun) return begun.error().with_context("begin transaction");
  return Transaction(conn, mode == Mode::kNested);
}

Transaction::~Transaction() {
  if (conn_ == nullptr) return;
  // A savepoint rolled back stays on the stack until released.
  if (nested_) {
    if (run_cached(*conn_, "ROLLBACK TO nz_nested")) (void)run_cached(*conn_, "RELEASE nz_nested");
  } else {
    (void)run_cached(*conn_, "ROLLBACK");
  }
}

Status Transaction::commit() {
  NZ_CHECK(conn_ != nullptr);
  auto done = run_cached(*conn_, nested_ ? "RELEASE nz_nested" : "COMMIT");
  if (!done) return done.error().with_context("commit");  // destructor rolls back
  conn_ = nullptr;
  return Ok();
}

}  // namespace nz::store::sqlite
