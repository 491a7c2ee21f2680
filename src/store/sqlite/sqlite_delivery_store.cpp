// SqliteStore as store::TokenStore, store::SourceStore and store::DeliveryStore: what partner
// delivery (issue 3) keeps.
#include <algorithm>
#include <string>

#include "store/sqlite/sqlite_store.h"
#include "store/sqlite/store_impl.h"

namespace nz::store::sqlite {
namespace {

int64_t to_seconds(core::Timestamp t) { return t.time_since_epoch().count(); }
core::Timestamp from_seconds(int64_t s) { return core::Timestamp{std::chrono::seconds{s}}; }

std::optional<int64_t> optional_seconds(const std::optional<core::Timestamp>& t) {
  if (!t) return std::nullopt;
  return to_seconds(*t);
}

std::optional<core::Timestamp> optional_time(std::optional<int64_t> s) {
  if (!s) return std::nullopt;
  return from_seconds(*s);
}

// ---- tokens ----

constexpr std::string_view kTokenColumns =
    "id, partner_id, user_id, name, prefix, hash, created, last_used, revoked";

model::ApiToken read_token(const Stmt& s) {
  return {.id = s.column_int(0),
          .partner_id = s.column_optional_int(1),
          .user_id = s.column_optional_int(2),
          .name = s.column_text(3),
          .prefix = s.column_text(4),
          .hash = s.column_text(5),
          .created = from_seconds(s.column_int(6)),
          .last_used = optional_time(s.column_optional_int(7)),
          .revoked = optional_time(s.column_optional_int(8))};
}

Result<std::vector<model::ApiToken>> all_tokens(Result<Stmt>& stmt) {
  if (!stmt) return stmt.error();
  std::vector<model::ApiToken> out;
  while (true) {
    auto row = stmt->step();
    if (!row) return row.error().with_context("list tokens");
    if (!*row) return out;
    out.push_back(read_token(*stmt));
  }
}

Result<model::ApiToken> one_token(Result<Stmt>& stmt, const std::string& what) {
  if (!stmt) return stmt.error();
  auto row = stmt->step();
  if (!row) return row.error().with_context(what);
  if (!*row) return Error::NotFound(what + ": no such token");
  return read_token(*stmt);
}

// ---- sources ----

constexpr std::string_view kSourceColumns =
    "id, section_id, url, every_seconds, enabled, identity_key, user_agent, headers, created, "
    "etag, last_modified, next_poll, last_attempt, last_success, last_error, "
    "consecutive_failures, gone, last_new_item, typical_gap_seconds, guid_warning, "
    "websub_hub, websub_topic, websub_secret, websub_state, websub_lease_until, websub_error";

// Extra headers are stored one "Name: value" per line.
std::string headers_to_text(const std::vector<std::pair<std::string, std::string>>& headers) {
  std::string out;
  for (const auto& [name, value] : headers) out += name + ": " + value + "\n";
  return out;
}

std::vector<std::pair<std::string, std::string>> headers_from_text(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    size_t colon = line.find(": ");
    if (colon == std::string_view::npos) continue;
    out.emplace_back(std::string(line.substr(0, colon)), std::string(line.substr(colon + 2)));
  }
  return out;
}

Result<model::Source> read_source(const Stmt& s) {
  model::Source src;
  src.id = s.column_int(0);
  src.section_id = s.column_int(1);
  src.settings.url = s.column_text(2);
  src.settings.every = std::chrono::seconds{s.column_int(3)};
  src.settings.enabled = s.column_int(4) != 0;
  auto key = model::parse_identity_key(s.column_text(5));
  if (!key) return Error::Corrupt("source " + std::to_string(src.id) + ": bad identity_key");
  src.settings.identity_key = *key;
  src.settings.user_agent = s.column_text(6);
  src.settings.headers = headers_from_text(s.column_text(7));
  src.created = from_seconds(s.column_int(8));
  src.state.etag = s.column_text(9);
  src.state.last_modified = s.column_text(10);
  src.state.next_poll = from_seconds(s.column_int(11));
  src.state.last_attempt = optional_time(s.column_optional_int(12));
  src.state.last_success = optional_time(s.column_optional_int(13));
  src.state.last_error = s.column_text(14);
  src.state.consecutive_failures = static_cast<int>(s.column_int(15));
  src.state.gone = s.column_int(16) != 0;
  src.state.last_new_item = optional_time(s.column_optional_int(17));
  if (auto gap = s.column_optional_int(18)) src.state.typical_gap = std::chrono::seconds{*gap};
  src.state.guid_warning = s.column_text(19);
  src.websub.hub = s.column_text(20);
  src.websub.topic = s.column_text(21);
  src.websub.secret = s.column_text(22);
  auto websub_state = model::parse_websub_state(s.column_text(23));
  if (!websub_state) return Error::Corrupt("source " + std::to_string(src.id) + ": bad websub_state");
  src.websub.state = *websub_state;
  src.websub.lease_until = optional_time(s.column_optional_int(24));
  src.websub.error = s.column_text(25);
  return src;
}

Result<std::vector<model::Source>> collect_sources(Stmt& stmt, const std::string& what) {
  std::vector<model::Source> out;
  while (true) {
    auto row = stmt.step();
    if (!row) return row.error().with_context(what);
    if (!*row) return out;
    auto source = read_source(stmt);
    if (!source) return source.error();
    out.push_back(std::move(*source));
  }
}

bool is_http_url(std::string_view url) {
  auto rest = [&](std::string_view scheme) -> std::string_view {
    if (url.size() <= scheme.size()) return {};
    for (size_t i = 0; i < scheme.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(url[i])) != scheme[i]) return {};
    }
    return url.substr(scheme.size());
  };
  std::string_view after = rest("https://");
  if (after.empty()) after = rest("http://");
  if (after.empty() || after.front() == '/') return false;
  return std::none_of(url.begin(), url.end(),
                      [](char c) { return static_cast<unsigned char>(c) <= 0x20; });
}

Status validate(const model::SourceSettings& settings) {
  if (!is_http_url(settings.url)) {
    return Error::InvalidInput("source URL \"" + settings.url +
                               "\" is not an http:// or https:// URL");
  }
  if (settings.every < std::chrono::minutes{1}) {
    return Error::InvalidInput("a source is polled at most once a minute; got every " +
                               std::to_string(settings.every.count()) + " s");
  }
  for (const auto& [name, value] : settings.headers) {
    auto bad = [](char c) { return c == '\n' || c == '\r' || c == '\0'; };
    if (name.empty() || name.find(':') != std::string::npos ||
        std::any_of(name.begin(), name.end(), bad) ||
        std::any_of(value.begin(), value.end(), bad)) {
      return Error::InvalidInput("header \"" + name + "\" is not a valid HTTP header");
    }
  }
  return Ok();
}

// ---- deliveries ----

constexpr std::string_view kDeliveryColumns =
    "id, received, section_id, channel, token_id, source_id, origin, bytes, raw_sha256, "
    "format, items, created, new_versions, unchanged, duplicates, failed, result";

Result<model::Delivery> read_delivery(const Stmt& s) {
  model::Delivery d;
  d.id = s.column_int(0);
  d.received = from_seconds(s.column_int(1));
  d.section_id = s.column_int(2);
  auto channel = model::parse_channel(s.column_text(3));
  if (!channel) return Error::Corrupt("delivery " + std::to_string(d.id) + ": bad channel");
  d.channel = *channel;
  d.token_id = s.column_optional_int(4);
  d.source_id = s.column_optional_int(5);
  d.origin = s.column_text(6);
  d.bytes = s.column_int(7);
  d.raw_sha256 = s.column_text(8);
  d.format = s.column_text(9);
  d.counts = {.items = s.column_int(10),
              .created = s.column_int(11),
              .new_versions = s.column_int(12),
              .unchanged = s.column_int(13),
              .duplicates = s.column_int(14),
              .failed = s.column_int(15)};
  d.result = s.column_text(16);
  return d;
}

}  // namespace

// ---- TokenStore ----

Result<model::ApiToken> SqliteStore::add_token(const model::ApiToken& token) {
  if (token.hash.empty() || token.name.empty()) {
    return Error::InvalidInput("a token needs a name and a hash");
  }
  if (token.partner_id.has_value() == token.user_id.has_value()) {
    return Error::InvalidInput("a token belongs to a partner or to a user");
  }
  return impl_->write([&](Connection& conn) -> Result<model::ApiToken> {
    const std::string what = token.partner_id
                                 ? "add token for partner " + std::to_string(*token.partner_id)
                                 : "add token for user " + std::to_string(*token.user_id);
    auto owner = token.partner_id
                     ? has_row(conn, "SELECT 1 FROM partners WHERE id = ?1", *token.partner_id)
                     : has_row(conn, "SELECT 1 FROM users WHERE id = ?1", *token.user_id);
    if (!owner) return owner.error().with_context(what);
    if (!*owner) return Error::NotFound(what + (token.partner_id ? ": no such partner"
                                                                 : ": no such user"));
    auto stmt = conn.prepare(
        "INSERT INTO api_tokens (partner_id, user_id, name, prefix, hash, created) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!stmt) return stmt.error();
    stmt->bind(1, token.partner_id)
        .bind(2, token.user_id)
        .bind(3, token.name)
        .bind(4, token.prefix)
        .bind(5, token.hash)
        .bind(6, to_seconds(token.created));
    if (auto done = stmt->run(); !done) return done.error().with_context(what);
    model::ApiToken out = token;
    out.id = conn.last_insert_rowid();
    return out;
  });
}

Result<model::ApiToken> SqliteStore::find_token_by_hash(std::string_view hash) {
  return impl_->read([&](Connection& conn) -> Result<model::ApiToken> {
    auto stmt = conn.prepare("SELECT " + std::string(kTokenColumns) +
                             " FROM api_tokens WHERE hash = ?1");
    if (stmt) stmt->bind(1, hash);
    return one_token(stmt, "find token");
  });
}

Result<model::ApiToken> SqliteStore::find_token(model::TokenId id) {
  return impl_->read([&](Connection& conn) -> Result<model::ApiToken> {
    auto stmt =
        conn.prepare("SELECT " + std::string(kTokenColumns) + " FROM api_tokens WHERE id = ?1");
    if (stmt) stmt->bind(1, id);
    return one_token(stmt, "token " + std::to_string(id));
  });
}

Result<std::vector<model::ApiToken>> SqliteStore::list_tokens(
    std::optional<model::PartnerId> partner) {
  return impl_->read([&](Connection& conn) -> Result<std::vector<model::ApiToken>> {
    auto stmt = conn.prepare("SELECT " + std::string(kTokenColumns) +
                             " FROM api_tokens WHERE ?1 IS NULL OR partner_id = ?1"
                             " ORDER BY created DESC, id DESC");
    if (stmt) stmt->bind(1, partner);
    return all_tokens(stmt);
  });
}

Result<std::vector<model::ApiToken>> SqliteStore::list_user_tokens(model::UserId user) {
  return impl_->read([&](Connection& conn) -> Result<std::vector<model::ApiToken>> {
    auto stmt = conn.prepare("SELECT " + std::string(kTokenColumns) +
                             " FROM api_tokens WHERE user_id = ?1"
                             " ORDER BY created DESC, id DESC");
    if (stmt) stmt->bind(1, user);
    return all_tokens(stmt);
  });
}

Status SqliteStore::revoke_token(model::TokenId id, core::Timestamp when) {
  return impl_->write([&](Connection& conn) -> Status {
    const std::string what = "revoke token " + std::to_string(id);
    auto found = has_row(conn, "SELECT 1 FROM api_tokens WHERE id = ?1", id);
    if (!found) return found.error().with_context(what);
    if (!*found) return Error::NotFound(what + ": no such token");
    auto stmt = conn.prepare(
        "UPDATE api_tokens SET revoked = ?2 WHERE id = ?1 AND revoked IS NULL");
    if (!stmt) return stmt.error();
    stmt->bind(1, id).bind(2, to_seconds(when));
    return stmt->run();
  });
}

Status SqliteStore::touch_token(model::TokenId id, core::Timestamp when) {
  return impl_->write([&](Connection& conn) -> Status {
    auto stmt = conn.prepare("UPDATE api_tokens SET last_used = ?2 WHERE id = ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, id).bind(2, to_seconds(when));
    return stmt->run();
  });
}

// ---- SourceStore ----

Result<model::Source> SqliteStore::add_source(model::SectionId section,
                                              const model::SourceSettings& settings) {
  if (auto valid = validate(settings); !valid) return valid.error();
  const core::Timestamp now = impl_->now();
  auto id = impl_->write([&](Connection& conn) -> Result<int64_t> {
    const std::string what = "add source " + settings.url;
    {
      auto stmt = conn.prepare("SELECT kind, slug FROM sections WHERE id = ?1");
      if (!stmt) return stmt.error();
      stmt->bind(1, section);
      auto row = stmt->step();
      if (!row) return row.error().with_context(what);
      if (!*row) return Error::NotFound(what + ": no such section");
      if (stmt->column_text(0) != "zone") {
        return Error::InvalidInput(what + ": " + stmt->column_text(1) +
                                   " is an editorial section; sources feed partner zones");
      }
    }
    {
      auto stmt = conn.prepare("SELECT 1 FROM sources WHERE section_id = ?1 AND url = ?2");
      if (!stmt) return stmt.error();
      stmt->bind(1, section).bind(2, settings.url);
      auto row = stmt->step();
      if (!row) return row.error().with_context(what);
      if (*row) return Error::Conflict(what + ": the zone already has this source");
    }
    auto stmt = conn.prepare(
        "INSERT INTO sources (section_id, url, every_seconds, enabled, identity_key, "
        "user_agent, headers, created, etag, last_modified, next_poll, last_error, "
        "consecutive_failures, gone, guid_warning) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, '', '', ?8, '', 0, 0, '')");
    if (!stmt) return stmt.error();
    stmt->bind(1, section)
        .bind(2, settings.url)
        .bind(3, static_cast<int64_t>(settings.every.count()))
        .bind(4, settings.enabled)
        .bind(5, model::to_string(settings.identity_key))
        .bind(6, settings.user_agent)
        .bind(7, headers_to_text(settings.headers))
        .bind(8, to_seconds(now));
    if (auto done = stmt->run(); !done) return done.error().with_context(what);
    return conn.last_insert_rowid();
  });
  if (!id) return id.error();
  return find_source(*id);
}

Result<model::Source> SqliteStore::find_source(model::SourceId id) {
  return impl_->read([&](Connection& conn) -> Result<model::Source> {
    auto stmt =
        conn.prepare("SELECT " + std::string(kSourceColumns) + " FROM sources WHERE id = ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, id);
    const std::string what = "source " + std::to_string(id);
    auto row = stmt->step();
    if (!row) return row.error().with_context(what);
    if (!*row) return Error::NotFound(what + " not found");
    return read_source(*stmt);
  });
}

Result<std::vector<model::Source>> SqliteStore::list_sources(
    std::optional<model::SectionId> section) {
  return impl_->read([&](Connection& conn) -> Result<std::vector<model::Source>> {
    auto stmt = conn.prepare("SELECT " + std::string(kSourceColumns) +
                             " FROM sources WHERE ?1 IS NULL OR section_id = ?1 ORDER BY id");
    if (!stmt) return stmt.error();
    stmt->bind(1, section);
    return collect_sources(*stmt, "list sources");
  });
}

Status SqliteStore::set_source_settings(model::SourceId id,
                                        const model::SourceSettings& settings) {
  if (auto valid = validate(settings); !valid) return valid.error();
  const int64_t now = to_seconds(impl_->now());
  return impl_->write([&](Connection& conn) -> Status {
    const std::string what = "update source " + std::to_string(id);
    // A new URL is a new feed: forget the old one's validators and 410, poll it now.
    auto stmt = conn.prepare(
        "UPDATE sources SET "
        "  etag = CASE WHEN url = ?2 THEN etag ELSE '' END,"
        "  last_modified = CASE WHEN url = ?2 THEN last_modified ELSE '' END,"
        "  gone = CASE WHEN url = ?2 THEN gone ELSE 0 END,"
        "  next_poll = CASE WHEN url = ?2 THEN next_poll ELSE ?8 END,"
        "  url = ?2, every_seconds = ?3, enabled = ?4, identity_key = ?5, user_agent = ?6,"
        "  headers = ?7 WHERE id = ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, id)
        .bind(2, settings.url)
        .bind(3, static_cast<int64_t>(settings.every.count()))
        .bind(4, settings.enabled)
        .bind(5, model::to_string(settings.identity_key))
        .bind(6, settings.user_agent)
        .bind(7, headers_to_text(settings.headers))
        .bind(8, now);
    if (auto done = stmt->run(); !done) return done.error().with_context(what);
    if (conn.changes() == 0) return Error::NotFound(what + ": no such source");
    return Ok();
  });
}

Status SqliteStore::record_poll(model::SourceId id, const model::PollState& state) {
  return impl_->write([&](Connection& conn) -> Status {
    const std::string what = "record poll of source " + std::to_string(id);
    auto stmt = conn.prepare(
        "UPDATE sources SET etag = ?2, last_modified = ?3, next_poll = ?4, last_attempt = ?5,"
        "  last_success = ?6, last_error = ?7, consecutive_failures = ?8, gone = ?9,"
        "  last_new_item = ?10, typical_gap_seconds = ?11, guid_warning = ?12 WHERE id = ?1");
    if (!stmt) return stmt.error();
    std::optional<int64_t> gap;
    if (state.typical_gap) gap = state.typical_gap->count();
    stmt->bind(1, id)
        .bind(2, state.etag)
        .bind(3, state.last_modified)
        .bind(4, to_seconds(state.next_poll))
        .bind(5, optional_seconds(state.last_attempt))
        .bind(6, optional_seconds(state.last_success))
        .bind(7, state.last_error)
        .bind(8, state.consecutive_failures)
        .bind(9, state.gone)
        .bind(10, optional_seconds(state.last_new_item))
        .bind(11, gap)
        .bind(12, state.guid_warning);
    if (auto done = stmt->run(); !done) return done.error().with_context(what);
    if (conn.changes() == 0) return Error::NotFound(what + ": no such source");
    return Ok();
  });
}

Status SqliteStore::record_websub(model::SourceId id, const model::WebSub& websub) {
  return impl_->write([&](Connection& conn) -> Status {
    const std::string what = "record websub of source " + std::to_string(id);
    auto stmt = conn.prepare(
        "UPDATE sources SET websub_hub = ?2, websub_topic = ?3, websub_secret = ?4,"
        "  websub_state = ?5, websub_lease_until = ?6, websub_error = ?7 WHERE id = ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, id)
        .bind(2, websub.hub)
        .bind(3, websub.topic)
        .bind(4, websub.secret)
        .bind(5, model::to_string(websub.state))
        .bind(6, optional_seconds(websub.lease_until))
        .bind(7, websub.error);
    if (auto done = stmt->run(); !done) return done.error().with_context(what);
    if (conn.changes() == 0) return Error::NotFound(what + ": no such source");
    return Ok();
  });
}

Result<std::vector<model::Source>> SqliteStore::due_sources(core::Timestamp now, int limit) {
  return impl_->read([&](Connection& conn) -> Result<std::vector<model::Source>> {
    auto stmt = conn.prepare("SELECT " + std::string(kSourceColumns) +
                             " FROM sources WHERE enabled = 1 AND gone = 0 AND next_poll <= ?1"
                             " ORDER BY next_poll, id LIMIT ?2");
    if (!stmt) return stmt.error();
    stmt->bind(1, to_seconds(now)).bind(2, std::max(0, limit));
    return collect_sources(*stmt, "due sources");
  });
}

// ---- DeliveryStore ----

Result<model::Delivery> SqliteStore::begin_delivery(const model::Delivery& delivery) {
  return impl_->write([&](Connection& conn) -> Result<model::Delivery> {
    const std::string what = "record delivery";
    auto section =
        has_row(conn, "SELECT 1 FROM sections WHERE id = ?1", delivery.section_id);
    if (!section) return section.error().with_context(what);
    if (!*section) return Error::NotFound(what + ": no such section");
    auto stmt = conn.prepare(
        "INSERT INTO deliveries (received, section_id, channel, token_id, source_id, origin,"
        " bytes, raw_sha256, format, items, created, new_versions, unchanged, duplicates,"
        " failed, result) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, 0, 0, 0, 0, 0, ?10)");
    if (!stmt) return stmt.error();
    stmt->bind(1, to_seconds(delivery.received))
        .bind(2, delivery.section_id)
        .bind(3, model::to_string(delivery.channel))
        .bind(4, delivery.token_id)
        .bind(5, delivery.source_id)
        .bind(6, delivery.origin)
        .bind(7, delivery.bytes)
        .bind(8, delivery.raw_sha256)
        .bind(9, delivery.format)
        .bind(10, model::kDeliveryInProgress);
    if (auto done = stmt->run(); !done) return done.error().with_context(what);
    model::Delivery out = delivery;
    out.id = conn.last_insert_rowid();
    out.counts = {};
    out.result = std::string(model::kDeliveryInProgress);
    return out;
  });
}

Status SqliteStore::finish_delivery(model::DeliveryId id, const std::string& format,
                                    const model::DeliveryCounts& counts,
                                    const std::string& result) {
  return impl_->write([&](Connection& conn) -> Status {
    const std::string what = "finish delivery " + std::to_string(id);
    auto stmt = conn.prepare(
        "UPDATE deliveries SET format = ?2, items = ?3, created = ?4, new_versions = ?5,"
        " unchanged = ?6, duplicates = ?7, failed = ?8, result = ?9 WHERE id = ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, id)
        .bind(2, format)
        .bind(3, counts.items)
        .bind(4, counts.created)
        .bind(5, counts.new_versions)
        .bind(6, counts.unchanged)
        .bind(7, counts.duplicates)
        .bind(8, counts.failed)
        .bind(9, result);
    if (auto done = stmt->run(); !done) return done.error().with_context(what);
    if (conn.changes() == 0) return Error::NotFound(what + ": no such delivery");
    return Ok();
  });
}

namespace {

// The WHERE clause of a DeliveryFilter, its fields bound to ?1..?4 by bind_filter.
constexpr std::string_view kDeliveryWhere =
    " FROM deliveries WHERE (?1 IS NULL OR section_id = ?1)"
    " AND (?2 IS NULL OR source_id = ?2)"
    " AND (?3 IS NULL OR token_id = ?3)"
    " AND (?4 IS NULL OR section_id IN (SELECT id FROM sections WHERE partner_id = ?4))";

void bind_filter(Stmt& stmt, const DeliveryFilter& filter) {
  stmt.bind(1, filter.section).bind(2, filter.source).bind(3, filter.token).bind(4, filter.partner);
}

}  // namespace

Result<int64_t> SqliteStore::count_deliveries(const DeliveryFilter& filter) {
  return impl_->read([&](Connection& conn) -> Result<int64_t> {
    auto stmt = conn.prepare("SELECT count(*)" + std::string(kDeliveryWhere));
    if (!stmt) return stmt.error();
    bind_filter(*stmt, filter);
    auto row = stmt->step();
    if (!row) return row.error().with_context("count deliveries");
    return *row ? stmt->column_int(0) : 0;
  });
}

Result<std::vector<model::Delivery>> SqliteStore::list_deliveries(const DeliveryFilter& filter) {
  return impl_->read([&](Connection& conn) -> Result<std::vector<model::Delivery>> {
    auto stmt = conn.prepare("SELECT " + std::string(kDeliveryColumns) +
                             std::string(kDeliveryWhere) +
                             " ORDER BY received DESC, id DESC LIMIT ?5 OFFSET ?6");
    if (!stmt) return stmt.error();
    bind_filter(*stmt, filter);
    stmt->bind(5, std::clamp(filter.limit, 1, 500))
        .bind(6, std::max<int64_t>(0, filter.offset));
    std::vector<model::Delivery> out;
    while (true) {
      auto row = stmt->step();
      if (!row) return row.error().with_context("list deliveries");
      if (!*row) return out;
      auto d = read_delivery(*stmt);
      if (!d) return d.error();
      out.push_back(std::move(*d));
    }
  });
}

}  // namespace nz::store::sqlite
