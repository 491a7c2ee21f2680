// SqliteStore: opening, backup, and the site, partner and section stores.
// The topic and article stores are in sqlite_topic_store.cpp and sqlite_article_store.cpp.
#include "store/sqlite/sqlite_store.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <system_error>

#include "core/slug.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/store_impl.h"

namespace nz::store::sqlite {
namespace {

// SQLITE_OPEN_NOMUTEX: each connection is used by one thread at a time (the writer mutex and
// the reader pool see to that), so SQLite's own per-connection mutex would be pure cost.
constexpr int kWriterFlags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
// Readers open read-write but set query_only: a SQLITE_OPEN_READONLY connection cannot
// recover a WAL left by a crash or create the -shm file, a read-write one can.
constexpr int kReaderFlags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

// One row from a statement that yields a single value, e.g. PRAGMA journal_mode=WAL.
Result<std::string> query_text(Connection& conn, std::string_view sql) {
  auto stmt = conn.prepare(sql);
  if (!stmt) return stmt.error();
  auto row = stmt->step();
  if (!row) return row.error();
  if (!*row) return std::string();
  return stmt->column_text(0);
}

// Settings every connection needs. foreign_keys is per connection and off by default.
Status configure_common(Connection& conn, int busy_timeout_ms) {
  int rc = sqlite3_busy_timeout(conn.handle(), busy_timeout_ms);
  if (rc != SQLITE_OK) return sqlite_error(rc, "busy_timeout", conn.handle());
  return conn.exec("PRAGMA foreign_keys = ON");
}

Status configure_writer(Connection& conn, int busy_timeout_ms) {
  // Opening is lazy: this is the first statement that reads the file, so "file is not a
  // database" and unreadable-file errors surface here.
  if (sqlite3_db_readonly(conn.handle(), "main") == 1) {
    return Error::Unavailable("file is read-only");
  }
  if (auto done = configure_common(conn, busy_timeout_ms); !done) return done;
  // WAL: readers never block the writer nor the writer readers, and a commit is one append.
  // The mode is stored in the file, so readers opened later inherit it.
  auto mode = query_text(conn, "PRAGMA journal_mode = WAL");
  if (!mode) return mode.error();
  if (*mode != "wal") return Error::Unavailable("cannot use WAL mode (got " + *mode + ")");
  // synchronous=FULL, not NORMAL. In WAL mode both survive an application crash (kill -9
  // included): a commit is in the WAL in the OS page cache before it returns. NORMAL may
  // lose the last commits on power loss or an OS crash; FULL fsyncs the WAL at each commit
  // so that "nothing committed is ever lost" holds then too. Its price, one fsync per write
  // transaction, is small at a newsroom's write rate.
  if (auto done = conn.exec("PRAGMA synchronous = FULL"); !done) return done;
  // 32 MiB of page cache instead of SQLite's 2 MiB: a large ingest keeps the article
  // indexes it updates in memory instead of reading their pages back from the file.
  return conn.exec("PRAGMA cache_size = -32768");
}

Status configure_reader(Connection& conn, int busy_timeout_ms) {
  if (auto done = configure_common(conn, busy_timeout_ms); !done) return done;
  return conn.exec("PRAGMA query_only = ON");
}

// ---- rows ----

constexpr std::string_view kPartnerColumns = "id, slug, name, url";

model::Partner read_partner(const Stmt& s) {
  return {.id = s.column_int(0), .slug = s.column_text(1), .name = s.column_text(2),
          .url = s.column_text(3)};
}

Result<std::vector<model::Partner>> collect_partners(Stmt& stmt) {
  std::vector<model::Partner> out;
  while (true) {
    auto row = stmt.step();
    if (!row) return row.error();
    if (!*row) return out;
    out.push_back(read_partner(stmt));
  }
}

constexpr std::string_view kSectionColumns =
    "id, slug, title, description, kind, position, partner_id, attribution_template, "
    "disclaimer_template, topic_id, moderation, contract_start, contract_end, noindex, "
    "link_rel, paid_content, canonical";

Result<model::Section> read_section(const Stmt& s) {
  model::Section section;
  section.id = s.column_int(0);
  section.slug = s.column_text(1);
  section.title = s.column_text(2);
  section.description = s.column_text(3);
  const std::string kind = s.column_text(4);
  if (kind == model::to_string(model::SectionKind::kPartnerZone)) {
    section.kind = model::SectionKind::kPartnerZone;
  } else if (kind == model::to_string(model::SectionKind::kEditorial)) {
    section.kind = model::SectionKind::kEditorial;
  } else {
    return Error::Corrupt("section " + section.slug + ": bad kind " + kind);
  }
  section.position = static_cast<int>(s.column_int(5));
  section.partner_id = s.column_optional_int(6);
  section.attribution_template = s.column_text(7);
  section.disclaimer_template = s.column_text(8);
  section.topic_id = s.column_optional_int(9);
  auto moderation = model::parse_moderation_policy(s.column_text(10));
  if (!moderation) return Error::Corrupt("section " + section.slug + ": bad moderation");
  section.moderation = *moderation;
  section.contract_start = s.column_optional_text(11);
  section.contract_end = s.column_optional_text(12);
  section.noindex = s.column_int(13) != 0;
  section.link_rel = s.column_text(14);
  section.paid_content = s.column_int(15) != 0;
  auto canonical = model::parse_canonical_policy(s.column_text(16));
  if (!canonical) return Error::Corrupt("section " + section.slug + ": bad canonical");
  section.canonical = *canonical;
  return section;
}

// Binds every column but id to ?1..?16, in kSectionColumns order.
void bind_section(Stmt& s, const model::Section& section) {
  s.bind(1, section.slug)
      .bind(2, section.title)
      .bind(3, section.description)
      .bind(4, model::to_string(section.kind))
      .bind(5, section.position)
      .bind(6, section.partner_id)
      .bind(7, section.attribution_template)
      .bind(8, section.disclaimer_template)
      .bind(9, section.topic_id)
      .bind(10, model::to_string(section.moderation))
      .bind(11, section.contract_start)
      .bind(12, section.contract_end)
      .bind(13, section.noindex)
      .bind(14, section.link_rel)
      .bind(15, section.paid_content)
      .bind(16, model::to_string(section.canonical));
}

// The checks add_section and update_section share: the input ones first, then whether the
// partner and topic it names exist.
Status check_section(Connection& conn, const model::Section& section) {
  if (!core::is_valid_slug(section.slug)) {
    return Error::InvalidInput("section slug \"" + section.slug + "\" is not a valid slug");
  }
  if (is_reserved_section_slug(section.slug)) {
    return Error::InvalidInput("section slug \"" + section.slug + "\" is reserved");
  }
  if (section.title.empty()) {
    return Error::InvalidInput("section " + section.slug + ": empty title");
  }
  if (!model::is_valid_link_rel(section.link_rel)) {
    return Error::InvalidInput("zone " + section.slug + ": link policy \"" + section.link_rel +
                               "\" may use only sponsored, nofollow, ugc, noopener, "
                               "noreferrer and external");
  }
  if (section.is_zone() && !section.partner_id) {
    return Error::InvalidInput("zone " + section.slug + ": no partner");
  }
  if (section.partner_id) {
    auto found = has_row(conn, "SELECT 1 FROM partners WHERE id = ?1", *section.partner_id);
    if (!found) return found.error();
    if (!*found) {
      return Error::NotFound("section " + section.slug + ": no partner " +
                             std::to_string(*section.partner_id));
    }
  }
  if (section.topic_id) {
    auto found = has_row(conn, "SELECT 1 FROM topics WHERE id = ?1", *section.topic_id);
    if (!found) return found.error();
    if (!*found) {
      return Error::NotFound("section " + section.slug + ": no topic " +
                             std::to_string(*section.topic_id));
    }
  }
  return Ok();
}

}  // namespace

// ---- opening ----

SqliteStore::SqliteStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SqliteStore::~SqliteStore() {
  // SQLite's advice for long-lived connections: refresh the planner's statistics where they
  // have gone stale (cheap, usually a no-op), so that e.g. the topic listing keeps picking
  // the right index as the tables grow.
  (void)impl_->writer->exec("PRAGMA optimize");
}

int SqliteStore::schema_version() const { return impl_->schema_version; }

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const SqliteConfig& config) {
  const std::string context = "open " + config.path;
  // ":memory:" and "" give each connection a private database: the pool would not share data.
  if (config.path.empty() || config.path == ":memory:" || config.path.starts_with("file:")) {
    return Error::InvalidInput(context + ": need the path of a database file");
  }
  auto impl = std::make_unique<Impl>();
  impl->config = config;
  impl->config.readers = std::max(1, config.readers);
  if (config.clock != nullptr) {
    impl->clock = config.clock;
  } else {
    impl->own_clock = std::make_unique<core::SystemClock>();
    impl->clock = impl->own_clock.get();
  }

  auto writer = Connection::open(config.path, kWriterFlags);
  if (!writer) return writer.error();  // already "open <path>: ..."
  impl->writer = std::move(*writer);
  if (auto done = configure_writer(*impl->writer, config.busy_timeout_ms); !done) {
    return done.error().with_context(context);
  }
  auto version = apply_migrations(*impl->writer, embedded_migrations());
  if (!version) return version.error().with_context(context);
  impl->schema_version = *version;

  for (int i = 0; i < impl->config.readers; ++i) {
    auto reader = Connection::open(config.path, kReaderFlags);
    if (!reader) return reader.error();
    if (auto done = configure_reader(**reader, config.busy_timeout_ms); !done) {
      return done.error().with_context(context);
    }
    impl->idle_readers.push_back(std::move(*reader));
  }
  // The -shm file exists now: the writer opened the database in WAL mode.
  impl->wal_watch = WalWatch::open(config.path);
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(impl)));
}

// ---- backup ----

Status SqliteStore::atomically(const std::function<Status()>& body) {
  return impl_->atomically(body);
}

thread_local SqliteStore::Impl::Pinned SqliteStore::Impl::pinned;

// A pooled reader with its read transaction, pinned to this thread until destroyed.
class SqliteStore::PinnedRead final : public Store::ReadSnapshot {
 public:
  explicit PinnedRead(SqliteStore::Impl& impl) : lease_(impl) {}
  Status begin(const SqliteStore::Impl& impl) {
    auto tx = Transaction::begin(lease_.conn(), Transaction::Mode::kRead);
    if (!tx) return tx.error();
    tx_.emplace(std::move(*tx));
    SqliteStore::Impl::pinned = {&impl, &lease_.conn()};
    return Ok();
  }
  ~PinnedRead() override {
    if (tx_) SqliteStore::Impl::pinned = {};
    tx_.reset();  // ROLLBACK before the reader goes back to the pool
  }

 private:
  SqliteStore::Impl::ReaderLease lease_;
  std::optional<Transaction> tx_;
};

std::unique_ptr<Store::ReadSnapshot> SqliteStore::read_snapshot() {
  // Nested, or inside atomically(): the reads already have their connection.
  if (Impl::pinned.impl == impl_.get() || impl_->tx_owner == std::this_thread::get_id()) {
    return std::make_unique<ReadSnapshot>();
  }
  auto snapshot = std::make_unique<PinnedRead>(*impl_);
  // Without its transaction every read simply takes its own, as outside a snapshot.
  if (!snapshot->begin(*impl_)) return std::make_unique<ReadSnapshot>();
  return snapshot;
}

std::optional<uint64_t> SqliteStore::commit_token() {
  if (!impl_->wal_watch) return std::nullopt;
  return impl_->wal_watch->token();
}

Result<ChangeMarks> SqliteStore::change_marks() {
  auto read = [](Connection& conn) -> Result<ChangeMarks> {
    // One statement is one snapshot: no BEGIN/ROLLBACK around it, which would triple the cost
    // of what runs before every cached page.
    auto stmt = conn.prepare(
        "SELECT (SELECT coalesce(max(change_seq), 0) FROM articles),"
        " (SELECT seq FROM site_changes WHERE id = 1)");
    if (!stmt) return stmt.error();
    auto row = stmt->step();
    if (!row) return row.error().with_context("change marks");
    return ChangeMarks{.articles = stmt->column_int(0), .site = stmt->column_int(1)};
  };
  if (impl_->tx_owner == std::this_thread::get_id()) {
    Impl::WriterLease lease(*impl_);
    return read(lease.conn());
  }
  Impl::ReaderLease lease(*impl_);
  return read(lease.conn());
}

Status SqliteStore::backup_to(const std::string& path) {
  const std::string context = "backup to " + path;
  if (path.empty()) return Error::InvalidInput("backup: empty path");
  std::error_code ec;
  if (std::filesystem::exists(path, ec) || ec) {
    return Error::InvalidInput(context + ": " + (ec ? ec.message() : "file exists"));
  }
  const std::string tmp = path + ".tmp";
  std::filesystem::remove(tmp, ec);  // left by a backup that crashed; ours to replace

  Status copied = [&]() -> Status {
    auto dest = Connection::open(tmp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!dest) return Error::Unavailable(dest.error().message);
    Impl::ReaderLease source(*impl_);
    sqlite3_backup* backup =
        sqlite3_backup_init((*dest)->handle(), "main", source.conn().handle(), "main");
    if (backup == nullptr) {
      return sqlite_error(sqlite3_errcode((*dest)->handle()), "", (*dest)->handle());
    }
    // -1: every page in one step, under one read transaction, hence one consistent snapshot.
    // In WAL mode that read does not hold up the writer.
    int rc = sqlite3_backup_step(backup, -1);
    int finish_rc = sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) return sqlite_error(rc, "", nullptr);
    if (finish_rc != SQLITE_OK) return sqlite_error(finish_rc, "", (*dest)->handle());
    return Ok();  // closing `dest` here flushes the copy before the rename below
  }();
  if (copied) {
    std::filesystem::rename(tmp, path, ec);
    if (ec) copied = Error::Unavailable("rename " + tmp + ": " + ec.message());
  }
  if (!copied) {
    std::filesystem::remove(tmp, ec);
    Error error = copied.error();
    // Whatever SQLite called it, a backup that could not be written is the disk's problem.
    if (error.code != ErrorCode::kInvalidInput) error.code = ErrorCode::kUnavailable;
    return error.with_context(context);
  }
  return Ok();
}

// ---- SiteStore ----

Result<model::Site> SqliteStore::get_site() {
  return impl_->read([](Connection& conn) -> Result<model::Site> {
    auto stmt = conn.prepare("SELECT name, base_url, language, tagline FROM site WHERE id = 1");
    if (!stmt) return stmt.error();
    auto row = stmt->step();
    if (!row) return row.error().with_context("get site");
    if (!*row) return model::Site{};
    return model::Site{.name = stmt->column_text(0), .base_url = stmt->column_text(1),
                       .language = stmt->column_text(2), .tagline = stmt->column_text(3)};
  });
}

Status SqliteStore::set_site(const model::Site& site) {
  return impl_->write([&](Connection& conn) -> Status {
    auto stmt = conn.prepare(
        "INSERT INTO site (id, name, base_url, language, tagline) VALUES (1, ?1, ?2, ?3, ?4) "
        "ON CONFLICT (id) DO UPDATE SET name = excluded.name, base_url = excluded.base_url, "
        "language = excluded.language, tagline = excluded.tagline");
    if (!stmt) return stmt.error();
    stmt->bind(1, site.name).bind(2, site.base_url).bind(3, site.language).bind(4, site.tagline);
    if (auto done = stmt->run(); !done) return done.error().with_context("set site");
    return Ok();
  });
}

// ---- PartnerStore ----

Result<model::Partner> SqliteStore::add_partner(const model::Partner& partner) {
  if (!core::is_valid_slug(partner.slug)) {
    return Error::InvalidInput("partner slug \"" + partner.slug + "\" is not a valid slug");
  }
  if (partner.name.empty()) return Error::InvalidInput("partner " + partner.slug + ": empty name");
  return impl_->write([&](Connection& conn) -> Result<model::Partner> {
    auto stmt = conn.prepare("INSERT INTO partners (slug, name, url) VALUES (?1, ?2, ?3)");
    if (!stmt) return stmt.error();
    stmt->bind(1, partner.slug).bind(2, partner.name).bind(3, partner.url);
    if (auto done = stmt->run(); !done) {
      if (done.error().code == ErrorCode::kConflict) {
        return Error::Conflict("a partner with slug \"" + partner.slug + "\" or name \"" +
                               partner.name + "\" exists already");
      }
      return done.error().with_context("add partner " + partner.slug);
    }
    model::Partner stored = partner;
    stored.id = conn.last_insert_rowid();
    return stored;
  });
}

Status SqliteStore::update_partner(const model::Partner& partner) {
  if (partner.name.empty()) {
    return Error::InvalidInput("partner " + std::to_string(partner.id) + ": empty name");
  }
  return impl_->write([&](Connection& conn) -> Status {
    auto stmt = conn.prepare("UPDATE partners SET name = ?2, url = ?3 WHERE id = ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, partner.id).bind(2, partner.name).bind(3, partner.url);
    if (auto done = stmt->run(); !done) {
      if (done.error().code == ErrorCode::kConflict) {
        return Error::Conflict("a partner named \"" + partner.name + "\" exists already");
      }
      return done.error().with_context("update partner " + std::to_string(partner.id));
    }
    if (conn.changes() == 0) {
      return Error::NotFound("partner " + std::to_string(partner.id) + " not found");
    }
    return Ok();
  });
}

Result<model::Partner> SqliteStore::find_partner(model::PartnerId id) {
  return impl_->read([&](Connection& conn) -> Result<model::Partner> {
    auto stmt = conn.prepare("SELECT " + std::string(kPartnerColumns) +
                             " FROM partners WHERE id = ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, id);
    auto found = collect_partners(*stmt);
    if (!found) return found.error();
    if (found->empty()) return Error::NotFound("partner " + std::to_string(id) + " not found");
    return found->front();
  });
}

Result<model::Partner> SqliteStore::find_partner_by_name(std::string_view slug_or_name) {
  return impl_->read([&](Connection& conn) -> Result<model::Partner> {
    // A slug match wins over a name match, as the contract says.
    auto stmt = conn.prepare("SELECT " + std::string(kPartnerColumns) +
                             " FROM partners WHERE slug = ?1 OR name = ?1"
                             " ORDER BY slug = ?1 DESC LIMIT 1");
    if (!stmt) return stmt.error();
    stmt->bind(1, slug_or_name);
    auto found = collect_partners(*stmt);
    if (!found) return found.error();
    if (found->empty()) {
      return Error::NotFound("partner \"" + std::string(slug_or_name) + "\" not found");
    }
    return found->front();
  });
}

Result<std::vector<model::Partner>> SqliteStore::list_partners() {
  return impl_->read([&](Connection& conn) -> Result<std::vector<model::Partner>> {
    auto stmt = conn.prepare("SELECT " + std::string(kPartnerColumns) +
                             " FROM partners ORDER BY name, id");
    if (!stmt) return stmt.error();
    return collect_partners(*stmt);
  });
}

// ---- SectionStore ----

Result<model::Section> SqliteStore::add_section(const model::Section& section) {
  return impl_->write([&](Connection& conn) -> Result<model::Section> {
    if (auto ok = check_section(conn, section); !ok) return ok.error();
    auto stmt = conn.prepare("INSERT INTO sections (" + std::string(kSectionColumns).substr(4) +
                             ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
    if (!stmt) return stmt.error();
    bind_section(*stmt, section);
    if (auto done = stmt->run(); !done) {
      if (done.error().code == ErrorCode::kConflict) {
        return Error::Conflict("a section or zone with slug \"" + section.slug +
                               "\" exists already");
      }
      return done.error().with_context("add section " + section.slug);
    }
    model::Section stored = section;
    stored.id = conn.last_insert_rowid();
    return stored;
  });
}

Status SqliteStore::update_section(const model::Section& section) {
  const int64_t now = impl_->now().time_since_epoch().count();
  return impl_->write([&](Connection& conn) -> Status {
    std::string old_slug;
    bool old_noindex = false;
    {
      auto stmt = conn.prepare("SELECT slug, noindex FROM sections WHERE id = ?1");
      if (!stmt) return stmt.error();
      stmt->bind(1, section.id);
      auto row = stmt->step();
      if (!row) return row.error().with_context("update section " + section.slug);
      if (!*row) return Error::NotFound("section " + std::to_string(section.id) + " not found");
      old_slug = stmt->column_text(0);
      old_noindex = stmt->column_int(1) != 0;
    }
    if (auto ok = check_section(conn, section); !ok) return ok.error();
    auto stmt = conn.prepare(
        "UPDATE sections SET slug = ?1, title = ?2, description = ?3, kind = ?4, position = ?5, "
        "partner_id = ?6, attribution_template = ?7, disclaimer_template = ?8, topic_id = ?9, "
        "moderation = ?10, contract_start = ?11, contract_end = ?12, noindex = ?13, "
        "link_rel = ?14, paid_content = ?15, canonical = ?16 WHERE id = ?17");
    if (!stmt) return stmt.error();
    bind_section(*stmt, section);
    stmt->bind(17, section.id);
    if (auto done = stmt->run(); !done) {
      return done.error().with_context("update section " + section.slug);
    }
    // A new slug changes the URLs in every monthly sitemap the section has articles in, and
    // noindex adds them to or takes them from those sitemaps: each of those months changed
    // now (sitemap_months, 004_search_engines.sql), whichever sections' rows carry it.
    if (section.slug != old_slug || section.noindex != old_noindex) {
      auto touch = conn.prepare(
          "UPDATE sitemap_months SET lastmod = max(lastmod, ?1)"
          " WHERE month IN (SELECT month FROM sitemap_months WHERE section_id = ?2)");
      if (!touch) return touch.error();
      touch->bind(1, now).bind(2, section.id);
      if (auto done = touch->run(); !done) {
        return done.error().with_context("update section " + section.slug);
      }
    }
    return Ok();
  });
}

namespace {

Result<model::Section> one_section(Connection& conn, std::string_view where,
                                   const std::function<void(Stmt&)>& bind,
                                   const std::string& what) {
  auto stmt = conn.prepare("SELECT " + std::string(kSectionColumns) + " FROM sections WHERE " +
                           std::string(where));
  if (!stmt) return stmt.error();
  bind(*stmt);
  auto row = stmt->step();
  if (!row) return row.error().with_context(what);
  if (!*row) return Error::NotFound(what + " not found");
  return read_section(*stmt);
}

}  // namespace

Result<model::Section> SqliteStore::find_section(model::SectionId id) {
  return impl_->read([&](Connection& conn) {
    return one_section(conn, "id = ?1", [&](Stmt& s) { s.bind(1, id); },
                       "section " + std::to_string(id));
  });
}

Result<model::Section> SqliteStore::find_section_by_slug(std::string_view slug) {
  return impl_->read([&](Connection& conn) {
    return one_section(conn, "slug = ?1", [&](Stmt& s) { s.bind(1, slug); },
                       "section \"" + std::string(slug) + "\"");
  });
}

Result<std::vector<model::Section>> SqliteStore::list_sections() {
  return impl_->read([&](Connection& conn) -> Result<std::vector<model::Section>> {
    auto stmt = conn.prepare("SELECT " + std::string(kSectionColumns) +
                             " FROM sections ORDER BY position, title, id");
    if (!stmt) return stmt.error();
    std::vector<model::Section> out;
    while (true) {
      auto row = stmt->step();
      if (!row) return row.error().with_context("list sections");
      if (!*row) return out;
      auto section = read_section(*stmt);
      if (!section) return section.error();
      out.push_back(std::move(*section));
    }
  });
}

}  // namespace nz::store::sqlite
