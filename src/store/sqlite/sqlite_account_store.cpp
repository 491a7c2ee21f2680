// SqliteStore as store::UserStore and store::AuditStore: the accounts of issue 8
// (007_accounts.sql).
#include <algorithm>
#include <string>

#include "store/sqlite/sqlite_store.h"
#include "store/sqlite/store_impl.h"

namespace nz::store::sqlite {
namespace {

int64_t to_seconds(core::Timestamp t) { return t.time_since_epoch().count(); }
core::Timestamp from_seconds(int64_t s) { return core::Timestamp{std::chrono::seconds{s}}; }

// ---- users ----

constexpr std::string_view kUserColumns =
    "id, email, role, partner_id, password_hash, created, disabled";

Result<model::User> read_user(const Stmt& s) {
  model::User u;
  u.id = s.column_int(0);
  u.email = s.column_text(1);
  auto role = model::parse_role(s.column_text(2));
  if (!role) return Error::Corrupt("user " + std::to_string(u.id) + ": bad role");
  u.role = *role;
  u.partner_id = s.column_optional_int(3);
  u.password_hash = s.column_text(4);
  u.created = from_seconds(s.column_int(5));
  u.disabled = s.column_int(6) != 0;
  return u;
}

Result<model::User> one_user(Result<Stmt>& stmt, const std::string& what) {
  if (!stmt) return stmt.error();
  auto row = stmt->step();
  if (!row) return row.error().with_context(what);
  if (!*row) return Error::NotFound(what + ": no such user");
  return read_user(*stmt);
}

// ---- sessions ----

constexpr std::string_view kSessionColumns =
    "id_hash, user_id, csrf_token, created, expires, last_seen, address";

model::Session read_session(const Stmt& s) {
  return {.id_hash = s.column_text(0),
          .user_id = s.column_int(1),
          .csrf_token = s.column_text(2),
          .created = from_seconds(s.column_int(3)),
          .expires = from_seconds(s.column_int(4)),
          .last_seen = from_seconds(s.column_int(5)),
          .address = s.column_text(6)};
}

// ---- audit ----

constexpr std::string_view kAuditColumns =
    "id, at, actor_kind, user_id, token_id, actor_label, action, target, before_json, "
    "after_json, address";

Result<model::AuditEntry> read_audit(const Stmt& s) {
  model::AuditEntry e;
  e.id = s.column_int(0);
  e.at = from_seconds(s.column_int(1));
  auto kind = model::parse_actor_kind(s.column_text(2));
  if (!kind) return Error::Corrupt("audit entry " + std::to_string(e.id) + ": bad actor_kind");
  e.actor_kind = *kind;
  e.user_id = s.column_optional_int(3);
  e.token_id = s.column_optional_int(4);
  e.actor_label = s.column_text(5);
  e.action = s.column_text(6);
  e.target = s.column_text(7);
  e.before_json = s.column_text(8);
  e.after_json = s.column_text(9);
  e.address = s.column_text(10);
  return e;
}

}  // namespace

// ---- UserStore: users ----

Result<model::User> SqliteStore::add_user(const model::User& user) {
  if (user.email.empty() || user.password_hash.empty()) {
    return Error::InvalidInput("a user needs an email and a password hash");
  }
  if ((user.role == model::Role::kPartner) != user.partner_id.has_value()) {
    return Error::InvalidInput(user.role == model::Role::kPartner
                                   ? "a partner user needs a partner"
                                   : "only partner users belong to a partner");
  }
  return impl_->write([&](Connection& conn) -> Result<model::User> {
    const std::string what = "add user " + user.email;
    if (user.partner_id) {
      auto partner = has_row(conn, "SELECT 1 FROM partners WHERE id = ?1", *user.partner_id);
      if (!partner) return partner.error().with_context(what);
      if (!*partner) return Error::NotFound(what + ": no such partner");
    }
    auto taken = conn.prepare("SELECT 1 FROM users WHERE email = ?1");
    if (!taken) return taken.error();
    taken->bind(1, user.email);
    auto row = taken->step();
    if (!row) return row.error().with_context(what);
    if (*row) return Error::Conflict(what + ": a user with this email exists");
    auto stmt = conn.prepare(
        "INSERT INTO users (email, role, partner_id, password_hash, created, disabled) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!stmt) return stmt.error();
    stmt->bind(1, user.email)
        .bind(2, model::to_string(user.role))
        .bind(3, user.partner_id)
        .bind(4, user.password_hash)
        .bind(5, to_seconds(user.created))
        .bind(6, user.disabled);
    if (auto done = stmt->run(); !done) return done.error().with_context(what);
    model::User out = user;
    out.id = conn.last_insert_rowid();
    return out;
  });
}

Result<model::User> SqliteStore::find_user(model::UserId id) {
  return impl_->read([&](Connection& conn) -> Result<model::User> {
    auto stmt = conn.prepare("SELECT " + std::string(kUserColumns) + " FROM users WHERE id = ?1");
    if (stmt) stmt->bind(1, id);
    return one_user(stmt, "user " + std::to_string(id));
  });
}

Result<model::User> SqliteStore::find_user_by_email(std::string_view email) {
  return impl_->read([&](Connection& conn) -> Result<model::User> {
    auto stmt =
        conn.prepare("SELECT " + std::string(kUserColumns) + " FROM users WHERE email = ?1");
    if (stmt) stmt->bind(1, email);
    return one_user(stmt, "user " + std::string(email));
  });
}

Result<std::vector<model::User>> SqliteStore::list_users() {
  return impl_->read([&](Connection& conn) -> Result<std::vector<model::User>> {
    auto stmt =
        conn.prepare("SELECT " + std::string(kUserColumns) + " FROM users ORDER BY email, id");
    if (!stmt) return stmt.error();
    std::vector<model::User> out;
    while (true) {
      auto row = stmt->step();
      if (!row) return row.error().with_context("list users");
      if (!*row) return out;
      auto user = read_user(*stmt);
      if (!user) return user.error();
      out.push_back(std::move(*user));
    }
  });
}

Status SqliteStore::set_user_disabled(model::UserId id, bool disabled) {
  return impl_->write([&](Connection& conn) -> Status {
    const std::string what = "user " + std::to_string(id);
    auto stmt = conn.prepare("UPDATE users SET disabled = ?2 WHERE id = ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, id).bind(2, disabled);
    if (auto done = stmt->run(); !done) return done.error().with_context(what);
    if (conn.changes() == 0) return Error::NotFound(what + ": no such user");
    if (!disabled) return Ok();
    auto end = conn.prepare("DELETE FROM sessions WHERE user_id = ?1");
    if (!end) return end.error();
    end->bind(1, id);
    return end->run();
  });
}

// ---- UserStore: sessions ----

Status SqliteStore::add_session(const model::Session& session) {
  if (session.id_hash.empty() || session.csrf_token.empty()) {
    return Error::InvalidInput("a session needs an id hash and a CSRF token");
  }
  return impl_->write([&](Connection& conn) -> Status {
    const std::string what = "add session for user " + std::to_string(session.user_id);
    auto user = has_row(conn, "SELECT 1 FROM users WHERE id = ?1", session.user_id);
    if (!user) return user.error().with_context(what);
    if (!*user) return Error::NotFound(what + ": no such user");
    auto stmt = conn.prepare("INSERT INTO sessions (" + std::string(kSessionColumns) +
                             ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!stmt) return stmt.error();
    stmt->bind(1, session.id_hash)
        .bind(2, session.user_id)
        .bind(3, session.csrf_token)
        .bind(4, to_seconds(session.created))
        .bind(5, to_seconds(session.expires))
        .bind(6, to_seconds(session.last_seen))
        .bind(7, session.address);
    if (auto done = stmt->run(); !done) return done.error().with_context(what);
    return Ok();
  });
}

Result<model::Session> SqliteStore::find_session(std::string_view id_hash) {
  return impl_->read([&](Connection& conn) -> Result<model::Session> {
    auto stmt = conn.prepare("SELECT " + std::string(kSessionColumns) +
                             " FROM sessions WHERE id_hash = ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, id_hash);
    auto row = stmt->step();
    if (!row) return row.error().with_context("find session");
    if (!*row) return Error::NotFound("no such session");
    return read_session(*stmt);
  });
}

Status SqliteStore::touch_session(std::string_view id_hash, core::Timestamp last_seen) {
  return impl_->write([&](Connection& conn) -> Status {
    auto stmt = conn.prepare(
        "UPDATE sessions SET last_seen = max(last_seen, ?2) WHERE id_hash = ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, id_hash).bind(2, to_seconds(last_seen));
    return stmt->run();
  });
}

Status SqliteStore::delete_session(std::string_view id_hash) {
  return impl_->write([&](Connection& conn) -> Status {
    auto stmt = conn.prepare("DELETE FROM sessions WHERE id_hash = ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, id_hash);
    return stmt->run();
  });
}

Result<int64_t> SqliteStore::delete_expired_sessions(core::Timestamp now,
                                                     core::Timestamp idle_since) {
  return impl_->write([&](Connection& conn) -> Result<int64_t> {
    auto stmt = conn.prepare("DELETE FROM sessions WHERE expires < ?1 OR last_seen < ?2");
    if (!stmt) return stmt.error();
    stmt->bind(1, to_seconds(now)).bind(2, to_seconds(idle_since));
    if (auto done = stmt->run(); !done) return done.error().with_context("expire sessions");
    return conn.changes();
  });
}

// ---- UserStore: failed logins ----

Status SqliteStore::record_login_failure(std::string_view account, std::string_view address,
                                         core::Timestamp at, core::Timestamp forget_before) {
  return impl_->write([&](Connection& conn) -> Status {
    auto forget = conn.prepare("DELETE FROM login_failures WHERE at < ?1");
    if (!forget) return forget.error();
    forget->bind(1, to_seconds(forget_before));
    if (auto done = forget->run(); !done) return done.error().with_context("forget failures");
    auto stmt =
        conn.prepare("INSERT INTO login_failures (account, address, at) VALUES (?1, ?2, ?3)");
    if (!stmt) return stmt.error();
    stmt->bind(1, account).bind(2, address).bind(3, to_seconds(at));
    return stmt->run();
  });
}

Result<LoginFailureCounts> SqliteStore::count_login_failures(std::string_view account,
                                                             std::string_view address,
                                                             core::Timestamp since) {
  return impl_->read([&](Connection& conn) -> Result<LoginFailureCounts> {
    auto stmt = conn.prepare(
        "SELECT (SELECT count(*) FROM login_failures WHERE account = ?1 AND at >= ?3),"
        " (SELECT count(*) FROM login_failures WHERE address = ?2 AND at >= ?3),"
        " (SELECT min(at) FROM login_failures WHERE account = ?1 AND at >= ?3)");
    if (!stmt) return stmt.error();
    stmt->bind(1, account).bind(2, address).bind(3, to_seconds(since));
    auto row = stmt->step();
    if (!row) return row.error().with_context("count login failures");
    LoginFailureCounts counts{.account = stmt->column_int(0), .address = stmt->column_int(1)};
    if (auto oldest = stmt->column_optional_int(2)) {
      counts.oldest_account_failure = from_seconds(*oldest);
    }
    return counts;
  });
}

Status SqliteStore::clear_login_failures(std::string_view account) {
  return impl_->write([&](Connection& conn) -> Status {
    auto stmt = conn.prepare("DELETE FROM login_failures WHERE account = ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, account);
    return stmt->run();
  });
}

Status SqliteStore::record_login_success(model::UserId user, std::string_view address,
                                         core::Timestamp at) {
  return impl_->write([&](Connection& conn) -> Status {
    auto stmt = conn.prepare(
        "INSERT INTO login_addresses (user_id, address, last_at) VALUES (?1, ?2, ?3)"
        " ON CONFLICT (user_id, address) DO UPDATE SET last_at = max(last_at, excluded.last_at)");
    if (!stmt) return stmt.error();
    stmt->bind(1, user).bind(2, address).bind(3, to_seconds(at));
    if (auto done = stmt->run(); !done) {
      return done.error().with_context("record login of user " + std::to_string(user));
    }
    return Ok();
  });
}

Result<bool> SqliteStore::is_known_address(model::UserId user, std::string_view address,
                                           core::Timestamp since) {
  return impl_->read([&](Connection& conn) -> Result<bool> {
    auto stmt = conn.prepare(
        "SELECT 1 FROM login_addresses WHERE user_id = ?1 AND address = ?2 AND last_at >= ?3");
    if (!stmt) return stmt.error();
    stmt->bind(1, user).bind(2, address).bind(3, to_seconds(since));
    auto row = stmt->step();
    if (!row) return row.error().with_context("known address");
    return *row;
  });
}

// ---- UserStore: password resets ----

Status SqliteStore::set_user_password(model::UserId id, std::string_view password_hash) {
  if (password_hash.empty()) return Error::InvalidInput("a password hash is needed");
  return impl_->write([&](Connection& conn) -> Status {
    const std::string what = "set password of user " + std::to_string(id);
    auto stmt = conn.prepare("UPDATE users SET password_hash = ?2 WHERE id = ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, id).bind(2, password_hash);
    if (auto done = stmt->run(); !done) return done.error().with_context(what);
    if (conn.changes() == 0) return Error::NotFound(what + ": no such user");
    return Ok();
  });
}

Result<int64_t> SqliteStore::delete_user_sessions(model::UserId id) {
  return impl_->write([&](Connection& conn) -> Result<int64_t> {
    auto stmt = conn.prepare("DELETE FROM sessions WHERE user_id = ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, id);
    if (auto done = stmt->run(); !done) {
      return done.error().with_context("end sessions of user " + std::to_string(id));
    }
    return conn.changes();
  });
}

namespace {

constexpr std::string_view kResetColumns =
    "id, user_id, token_hash, created, expires, used, replaced";

model::PasswordReset read_reset(const Stmt& s) {
  model::PasswordReset r{.id = s.column_int(0),
                         .user_id = s.column_int(1),
                         .token_hash = s.column_text(2),
                         .created = from_seconds(s.column_int(3)),
                         .expires = from_seconds(s.column_int(4))};
  if (auto used = s.column_optional_int(5)) r.used = from_seconds(*used);
  if (auto replaced = s.column_optional_int(6)) r.replaced = from_seconds(*replaced);
  return r;
}

}  // namespace

Result<model::PasswordReset> SqliteStore::add_password_reset(const model::PasswordReset& reset) {
  if (reset.token_hash.empty()) return Error::InvalidInput("a reset link needs a token hash");
  return impl_->write([&](Connection& conn) -> Result<model::PasswordReset> {
    const std::string what = "add reset link for user " + std::to_string(reset.user_id);
    auto user = has_row(conn, "SELECT 1 FROM users WHERE id = ?1", reset.user_id);
    if (!user) return user.error().with_context(what);
    if (!*user) return Error::NotFound(what + ": no such user");
    auto older = conn.prepare(
        "UPDATE password_resets SET replaced = ?2"
        " WHERE user_id = ?1 AND used IS NULL AND replaced IS NULL");
    if (!older) return older.error();
    older->bind(1, reset.user_id).bind(2, to_seconds(reset.created));
    if (auto done = older->run(); !done) return done.error().with_context(what);
    auto stmt = conn.prepare(
        "INSERT INTO password_resets (user_id, token_hash, created, expires)"
        " VALUES (?1, ?2, ?3, ?4)");
    if (!stmt) return stmt.error();
    stmt->bind(1, reset.user_id)
        .bind(2, reset.token_hash)
        .bind(3, to_seconds(reset.created))
        .bind(4, to_seconds(reset.expires));
    if (auto done = stmt->run(); !done) return done.error().with_context(what);
    model::PasswordReset out = reset;
    out.id = conn.last_insert_rowid();
    out.used.reset();
    out.replaced.reset();
    return out;
  });
}

Result<model::PasswordReset> SqliteStore::find_password_reset(std::string_view token_hash) {
  return impl_->read([&](Connection& conn) -> Result<model::PasswordReset> {
    auto stmt = conn.prepare("SELECT " + std::string(kResetColumns) +
                             " FROM password_resets WHERE token_hash = ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, token_hash);
    auto row = stmt->step();
    if (!row) return row.error().with_context("find reset link");
    if (!*row) return Error::NotFound("no such reset link");
    return read_reset(*stmt);
  });
}

Status SqliteStore::use_password_reset(int64_t id, core::Timestamp when) {
  return impl_->write([&](Connection& conn) -> Status {
    const std::string what = "use reset link " + std::to_string(id);
    auto stmt = conn.prepare(
        "UPDATE password_resets SET used = ?2"
        " WHERE id = ?1 AND used IS NULL AND replaced IS NULL");
    if (!stmt) return stmt.error();
    stmt->bind(1, id).bind(2, to_seconds(when));
    if (auto done = stmt->run(); !done) return done.error().with_context(what);
    if (conn.changes() > 0) return Ok();
    auto exists = has_row(conn, "SELECT 1 FROM password_resets WHERE id = ?1", id);
    if (!exists) return exists.error().with_context(what);
    if (!*exists) return Error::NotFound(what + ": no such link");
    return Error::Conflict(what + ": used or replaced already");
  });
}

// ---- AuditStore ----

Result<model::AuditEntry> SqliteStore::append_audit(const model::AuditEntry& entry) {
  if (entry.action.empty()) return Error::InvalidInput("an audit entry needs an action");
  if ((entry.actor_kind == model::ActorKind::kUser) != entry.user_id.has_value() ||
      (entry.actor_kind == model::ActorKind::kToken) != entry.token_id.has_value()) {
    return Error::InvalidInput("audit entry " + entry.action +
                               ": the actor's ids do not match its kind");
  }
  return impl_->write([&](Connection& conn) -> Result<model::AuditEntry> {
    auto stmt = conn.prepare(
        "INSERT INTO audit_log (at, actor_kind, user_id, token_id, actor_label, action, target,"
        " before_json, after_json, address) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    if (!stmt) return stmt.error();
    stmt->bind(1, to_seconds(entry.at))
        .bind(2, model::to_string(entry.actor_kind))
        .bind(3, entry.user_id)
        .bind(4, entry.token_id)
        .bind(5, entry.actor_label)
        .bind(6, entry.action)
        .bind(7, entry.target)
        .bind(8, entry.before_json)
        .bind(9, entry.after_json)
        .bind(10, entry.address);
    if (auto done = stmt->run(); !done) return done.error().with_context("audit " + entry.action);
    model::AuditEntry out = entry;
    out.id = conn.last_insert_rowid();
    return out;
  });
}

Result<std::vector<model::AuditEntry>> SqliteStore::list_audit(const AuditFilter& filter) {
  const int limit = std::clamp(filter.limit, 1, 500);
  return impl_->read([&](Connection& conn) -> Result<std::vector<model::AuditEntry>> {
    auto stmt = conn.prepare("SELECT " + std::string(kAuditColumns) +
                             " FROM audit_log WHERE ?1 IS NULL OR id < ?1"
                             " ORDER BY id DESC LIMIT ?2");
    if (!stmt) return stmt.error();
    stmt->bind(1, filter.before_id).bind(2, limit);
    std::vector<model::AuditEntry> out;
    while (true) {
      auto row = stmt->step();
      if (!row) return row.error().with_context("list audit log");
      if (!*row) return out;
      auto entry = read_audit(*stmt);
      if (!entry) return entry.error();
      out.push_back(std::move(*entry));
    }
  });
}

}  // namespace nz::store::sqlite
