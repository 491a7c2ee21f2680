// SqliteStore: every store interface backed by one SQLite database file.
//
// One writer connection behind a mutex and a small pool of reader connections; the database
// runs in WAL mode so readers see the last committed state while a write is in progress.
// Every write is one BEGIN IMMEDIATE transaction. The schema comes from the migrations in
// src/store/migrations/sqlite/, built into the binary and applied by open().
// Thread-safe: any method may be called from any thread.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"

namespace nz::store::sqlite {

struct SqliteConfig {
  // The database file, created when missing (its directory must exist), e.g.
  // "data/newszone.db". SQLite keeps "<path>-wal" and "<path>-shm" beside it.
  std::string path = "data/newszone.db";
  // Reader connections: how many reads may run at once. At least 1; default 4.
  int readers = 4;
  // How long a statement waits for a lock held by another process (say `newszone migrate`
  // run beside a server) before failing with kUnavailable. Default 5 s.
  int busy_timeout_ms = 5000;
  // Where "now" comes from for ingested and version-created times; must outlive the store.
  // nullptr: the system clock.
  const core::Clock* clock = nullptr;
};

class SqliteStore final : public store::Store {
 public:
  // Opens (creating when missing) and migrates the database at config.path.
  // kInvalidInput on an empty or ":memory:" path (every connection must see the same file);
  // kUnavailable when the file cannot be opened, read or written (the message names the path);
  // kCorrupt when it is not an SQLite database or its schema is newer than this binary.
  static Result<std::unique_ptr<SqliteStore>> open(const SqliteConfig& config);

  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  // The schema version after migration: the NNN of the newest migration applied.
  int schema_version() const;

  // store::SiteStore
  Result<model::Site> get_site() override;
  Status set_site(const model::Site& site) override;

  // store::PartnerStore
  Result<model::Partner> add_partner(const model::Partner& partner) override;
  Status update_partner(const model::Partner& partner) override;
  Result<model::Partner> find_partner(model::PartnerId id) override;
  Result<model::Partner> find_partner_by_name(std::string_view slug_or_name) override;
  Result<std::vector<model::Partner>> list_partners() override;

  // store::SectionStore
  Result<model::Section> add_section(const model::Section& section) override;
  Status update_section(const model::Section& section) override;
  Result<model::Section> find_section(model::SectionId id) override;
  Result<model::Section> find_section_by_slug(std::string_view slug) override;
  Result<std::vector<model::Section>> list_sections() override;

  // store::TopicStore
  Result<model::Topic> upsert_topic(const model::Topic& topic) override;
  Result<model::Topic> find_topic(model::TopicId id) override;
  Result<model::Topic> find_topic_by_slug(std::string_view slug) override;
  Result<model::Topic> find_topic_by_key(model::TopicKind kind, std::string_view key) override;
  // An existing tag's source is replaced by the new one unless it is kEditor.
  Status tag_article(model::ArticleId article, model::TopicId topic,
                     model::TagSource source) override;
  Status untag_article(model::ArticleId article, model::TopicId topic) override;
  Status set_tagger_topics(model::ArticleId article,
                           const std::vector<model::TopicId>& topics) override;
  Result<std::vector<model::Topic>> topics_of(model::ArticleId article) override;

  // store::ArticleStore
  // Beyond the interface's contract: article.id is ignored (identity is section + guid); an
  // explicit article.slug must be a valid slug (kInvalidInput) and free in the section
  // (kConflict), while one made from the headline gets "-2", "-3", ... on collision ("article"
  // when the headline has no slug-able letters); an empty guid becomes
  // "urn:newszone:<section-slug>:<slug>"; ingested is the argument's when set, else now;
  // updated is the argument's when set, else now. kUnchanged writes nothing at all, not even
  // a different status: re-ingesting an unchanged feed item must not republish an article an
  // editor withdrew. Use set_article_status to change only the status.
  Result<SaveResult> save_article(const model::Article& article) override;
  // An editor's withdrawal is recorded as a tombstone; any other status clears withdrawn_by.
  Status set_article_status(model::ArticleId id, model::ArticleStatus status,
                            model::Actor by) override;
  Result<model::Article> find_article(model::ArticleId id) override;
  Result<model::Article> find_article_by_guid(model::SectionId section,
                                              std::string_view guid) override;
  // kNotFound when the article does not exist.
  Result<std::vector<model::ArticleVersion>> list_versions(model::ArticleId id) override;
  // page.limit is clamped to 1..200 and a negative offset read as 0.
  Result<ArticlePage> list_section_articles(model::SectionId section, PageRequest page) override;
  Result<ArticlePage> list_topic_articles(model::TopicId topic, PageRequest page,
                                          std::optional<model::ArticleId> exclude) override;
  Result<std::vector<std::pair<model::ArticleId, uint64_t>>> list_fingerprints(
      model::SectionId section, int64_t limit) override;
  // Number of articles stored, in every status.
  Result<int64_t> count_articles() override;
  Result<std::vector<model::Article>> list_recent_articles(int64_t limit,
                                                           bool include_zones) override;
  Result<std::vector<ArticleChange>> list_changed_articles(int64_t after,
                                                           int64_t limit) override;
  Result<int64_t> last_change_seq() override;
  Result<int64_t> count_topic_tags(model::TopicId topic) override;
  Result<std::optional<core::Timestamp>> next_embargo_end(core::Timestamp after) override;
  Result<std::vector<model::ArticleId>> list_embargo_ends(core::Timestamp after,
                                                          core::Timestamp until,
                                                          int64_t limit) override;
  Result<std::vector<model::Article>> list_withdrawn_articles(const ArticleScope& scope,
                                                              core::Timestamp since,
                                                              int64_t limit) override;
  Result<ArticlePage> find_articles(const ArticleQuery& query, PageRequest page) override;
  Result<SaveResult> edit_article(model::ArticleId id, const model::ArticleContent& content,
                                  int64_t editor) override;
  Status set_status_reason(model::ArticleId id, std::string_view reason) override;
  Result<std::vector<SitemapMonth>> list_sitemap_months() override;
  Result<std::vector<SitemapEntry>> list_sitemap_entries(core::Timestamp from, core::Timestamp to,
                                                         int64_t offset, int64_t limit) override;
  Result<std::vector<SitemapEntry>> list_recent_sitemap_entries(core::Timestamp since,
                                                                int64_t limit) override;
  Result<std::vector<model::ArticleId>> list_article_ids(model::ArticleId after,
                                                         int64_t limit) override;

  // store::TokenStore
  Result<model::ApiToken> add_token(const model::ApiToken& token) override;
  Result<model::ApiToken> find_token_by_hash(std::string_view hash) override;
  Result<model::ApiToken> find_token(model::TokenId id) override;
  Result<std::vector<model::ApiToken>> list_tokens(
      std::optional<model::PartnerId> partner) override;
  Result<std::vector<model::ApiToken>> list_user_tokens(model::UserId user) override;
  Status revoke_token(model::TokenId id, core::Timestamp when) override;
  Status touch_token(model::TokenId id, core::Timestamp when) override;

  // store::SourceStore
  Result<model::Source> add_source(model::SectionId section,
                                   const model::SourceSettings& settings) override;
  Result<model::Source> find_source(model::SourceId id) override;
  Result<std::vector<model::Source>> list_sources(
      std::optional<model::SectionId> section) override;
  Status set_source_settings(model::SourceId id,
                             const model::SourceSettings& settings) override;
  Status record_poll(model::SourceId id, const model::PollState& state) override;
  Status record_websub(model::SourceId id, const model::WebSub& websub) override;
  Result<std::vector<model::Source>> due_sources(core::Timestamp now, int limit) override;

  // store::DeliveryStore
  Result<model::Delivery> begin_delivery(const model::Delivery& delivery) override;
  Status finish_delivery(model::DeliveryId id, const std::string& format,
                         const model::DeliveryCounts& counts,
                         const std::string& result) override;
  Result<std::vector<model::Delivery>> list_deliveries(const DeliveryFilter& filter) override;
  Result<int64_t> count_deliveries(const DeliveryFilter& filter) override;

  // store::UserStore
  Result<model::User> add_user(const model::User& user) override;
  Result<model::User> find_user(model::UserId id) override;
  Result<model::User> find_user_by_email(std::string_view email) override;
  Result<std::vector<model::User>> list_users() override;
  Status set_user_disabled(model::UserId id, bool disabled) override;
  Status add_session(const model::Session& session) override;
  Result<model::Session> find_session(std::string_view id_hash) override;
  Status touch_session(std::string_view id_hash, core::Timestamp last_seen) override;
  Status delete_session(std::string_view id_hash) override;
  Result<int64_t> delete_expired_sessions(core::Timestamp now,
                                          core::Timestamp idle_since) override;
  Status record_login_failure(std::string_view account, std::string_view address,
                              core::Timestamp at, core::Timestamp forget_before) override;
  Result<LoginFailureCounts> count_login_failures(std::string_view account,
                                                  std::string_view address,
                                                  core::Timestamp since) override;
  Status clear_login_failures(std::string_view account) override;
  Status record_login_success(model::UserId user, std::string_view address,
                              core::Timestamp at) override;
  Result<bool> is_known_address(model::UserId user, std::string_view address,
                                core::Timestamp since) override;
  Status set_user_password(model::UserId id, std::string_view password_hash) override;
  Result<int64_t> delete_user_sessions(model::UserId id) override;
  Result<model::PasswordReset> add_password_reset(const model::PasswordReset& reset) override;
  Result<model::PasswordReset> find_password_reset(std::string_view token_hash) override;
  Status use_password_reset(int64_t id, core::Timestamp when) override;

  // store::AuditStore
  Result<model::AuditEntry> append_audit(const model::AuditEntry& entry) override;
  Result<std::vector<model::AuditEntry>> list_audit(const AuditFilter& filter) override;

  // store::Store
  // Copies through SQLite's online backup API from a reader connection, in one step so the copy
  // is one consistent snapshot; writers carry on meanwhile (WAL). The copy is written to
  // "<path>.tmp" (a stale one is replaced) and renamed to `path` only when complete.
  Status backup_to(const std::string& path) override;
  Result<ChangeMarks> change_marks() override;
  std::optional<uint64_t> commit_token() override;
  std::unique_ptr<ReadSnapshot> read_snapshot() override;
  Status atomically(const std::function<Status()>& body) override;

 private:
  class Impl;  // the connections; defined in store_impl.h, seen only by this folder
  class PinnedRead;  // what read_snapshot() returns
  explicit SqliteStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace nz::store::sqlite
