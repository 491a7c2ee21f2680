#include "store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "store/sqlite/connection.h"
#include "store/sqlite/migrations.h"

namespace nz::store::sqlite {
namespace {

namespace fs = std::filesystem;
using std::chrono::seconds;
using model::ArticleStatus;

core::Timestamp at(int64_t s) { return core::Timestamp{seconds{s}}; }

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "nz-sqlite-test-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    path_ = (dir_ / "newszone.db").string();
    store_ = open_store();
  }
  void TearDown() override {
    store_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  std::unique_ptr<SqliteStore> open_store(const std::string& path = "") {
    auto opened = SqliteStore::open(
        {.path = path.empty() ? path_ : path, .readers = 2, .clock = &clock_});
    EXPECT_TRUE(opened) << opened.error().message;
    return opened ? std::move(*opened) : nullptr;
  }

  model::Section add_section(std::string slug) {
    auto s = store_->add_section({.slug = slug, .title = "Title " + slug});
    EXPECT_TRUE(s) << s.error().message;
    return *s;
  }

  model::Section add_zone(std::string slug) {
    auto partner = store_->add_partner({.slug = slug + "-partner", .name = "Partner " + slug});
    EXPECT_TRUE(partner) << partner.error().message;
    auto s = store_->add_section({.slug = slug, .title = "Zone " + slug,
                                  .kind = model::SectionKind::kPartnerZone,
                                  .partner_id = partner->id});
    EXPECT_TRUE(s) << s.error().message;
    return *s;
  }

  model::Article article(model::SectionId section, std::string guid, std::string headline,
                         int64_t published = 1000,
                         ArticleStatus status = ArticleStatus::kPublished) {
    model::Article a;
    a.section_id = section;
    a.guid = std::move(guid);
    a.content.headline = std::move(headline);
    a.content.body_html = "<p>Body</p>";
    a.published = at(published);
    a.updated = at(published);
    a.status = status;
    return a;
  }

  SaveResult save(const model::Article& a) {
    auto saved = store_->save_article(a);
    EXPECT_TRUE(saved) << saved.error().message;
    return saved ? *saved : SaveResult{};
  }

  // Reads one text value straight from the file, for what the interfaces do not expose.
  std::string raw_query(const std::string& sql) {
    sqlite3* db = nullptr;
    std::string out = "<error>";
    if (sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
      sqlite3_stmt* stmt = nullptr;
      if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
          sqlite3_step(stmt) == SQLITE_ROW) {
        const auto* text = sqlite3_column_text(stmt, 0);
        out = text ? reinterpret_cast<const char*>(text) : "<null>";
      }
      sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    return out;
  }

  // Runs a statement on a separate connection; returns SQLite's result code.
  int raw_exec(const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return rc;
  }

  fs::path dir_;
  std::string path_;
  core::FakeClock clock_{at(1'700'000'000)};
  std::unique_ptr<SqliteStore> store_;
};

std::vector<std::string> slugs(const ArticlePage& page) {
  std::vector<std::string> out;
  for (const auto& a : page.articles) out.push_back(a.slug);
  return out;
}

// ---- opening and migrations ----

TEST_F(SqliteStoreTest, OpenCreatesTheFileAndAppliesEveryMigration) {
  ASSERT_TRUE(store_);
  EXPECT_TRUE(fs::exists(path_));
  EXPECT_EQ(store_->schema_version(), static_cast<int>(embedded_migrations().size()));
  EXPECT_EQ(raw_query("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(raw_query("SELECT name FROM schema_migrations WHERE version = 1"), "001_initial");
}

TEST_F(SqliteStoreTest, ReopeningAppliesNothingAndKeepsData) {
  auto partner = store_->add_partner({.slug = "pdo", .name = "People's Daily Online"});
  ASSERT_TRUE(partner) << partner.error().message;
  store_.reset();
  store_ = open_store();
  ASSERT_TRUE(store_);
  store_.reset();
  store_ = open_store();
  ASSERT_TRUE(store_);
  EXPECT_EQ(raw_query("SELECT count(*) FROM schema_migrations"),
            std::to_string(embedded_migrations().size()));
  auto found = store_->find_partner(partner->id);
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_EQ(found->name, "People's Daily Online");
}

TEST_F(SqliteStoreTest, OpeningAFileThatIsNotADatabaseIsCorruptNotACrash) {
  const std::string bogus = (dir_ / "bogus.db").string();
  {
    std::ofstream out(bogus);
    for (int i = 0; i < 200; ++i) out << "this is a text file, not an SQLite database\n";
  }
  auto opened = SqliteStore::open({.path = bogus});
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, ErrorCode::kCorrupt) << opened.error().message;
  EXPECT_NE(opened.error().message.find(bogus), std::string::npos) << opened.error().message;
  EXPECT_EQ(opened.error().message.find('\n'), std::string::npos);
}

TEST_F(SqliteStoreTest, OpeningInAMissingDirectoryIsUnavailableAndNamesThePath) {
  const std::string missing = (dir_ / "no" / "such" / "dir" / "x.db").string();
  auto opened = SqliteStore::open({.path = missing});
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, ErrorCode::kUnavailable) << opened.error().message;
  EXPECT_NE(opened.error().message.find(missing), std::string::npos) << opened.error().message;
}

TEST_F(SqliteStoreTest, OpeningADirectoryFails) {
  auto opened = SqliteStore::open({.path = dir_.string()});
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, ErrorCode::kUnavailable) << opened.error().message;
}

TEST_F(SqliteStoreTest, OpeningMemoryDatabaseIsRejected) {
  auto opened = SqliteStore::open({.path = ":memory:"});
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, ErrorCode::kInvalidInput);
}

TEST_F(SqliteStoreTest, OpeningADatabaseFromANewerSchemaIsRefused) {
  store_.reset();
  ASSERT_EQ(raw_exec("INSERT INTO schema_migrations (version, name) VALUES (999, '999_future')"),
            SQLITE_OK);
  auto opened = SqliteStore::open({.path = path_});
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().code, ErrorCode::kCorrupt) << opened.error().message;
}

// ---- site, partners ----

TEST_F(SqliteStoreTest, SiteIsDefaultUntilSetThenRoundTrips) {
  auto site = store_->get_site();
  ASSERT_TRUE(site);
  EXPECT_EQ(site->name, model::Site{}.name);
  model::Site mine{.name = "Helsinki Times", .base_url = "https://www.helsinkitimes.fi",
                   .language = "en", .tagline = "Finland's English news"};
  ASSERT_TRUE(store_->set_site(mine));
  mine.tagline = "changed";
  ASSERT_TRUE(store_->set_site(mine));
  site = store_->get_site();
  ASSERT_TRUE(site);
  EXPECT_EQ(site->name, "Helsinki Times");
  EXPECT_EQ(site->base_url, "https://www.helsinkitimes.fi");
  EXPECT_EQ(site->tagline, "changed");
  EXPECT_EQ(raw_query("SELECT count(*) FROM site"), "1");
}

TEST_F(SqliteStoreTest, PartnersRoundTripAndAreFoundBySlugOrName) {
  auto b = store_->add_partner({.slug = "xinhua", .name = "Xinhua", .url = "https://x.cn"});
  auto a = store_->add_partner({.slug = "pdo", .name = "People's Daily Online"});
  ASSERT_TRUE(a && b);
  EXPECT_GT(a->id, 0);
  EXPECT_NE(a->id, b->id);
  auto by_slug = store_->find_partner_by_name("xinhua");
  ASSERT_TRUE(by_slug);
  EXPECT_EQ(by_slug->id, b->id);
  EXPECT_EQ(by_slug->url, "https://x.cn");
  auto by_name = store_->find_partner_by_name("People's Daily Online");
  ASSERT_TRUE(by_name);
  EXPECT_EQ(by_name->id, a->id);
  EXPECT_EQ(store_->find_partner_by_name("nobody").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->find_partner(9999).error().code, ErrorCode::kNotFound);
  auto all = store_->list_partners();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ(all->at(0).slug, "pdo");  // by name: "People's..." < "Xinhua"
}

TEST_F(SqliteStoreTest, PartnerWithTakenSlugOrNameIsAConflict) {
  ASSERT_TRUE(store_->add_partner({.slug = "pdo", .name = "PDO"}));
  EXPECT_EQ(store_->add_partner({.slug = "pdo", .name = "Other"}).error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(store_->add_partner({.slug = "other", .name = "PDO"}).error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(store_->add_partner({.slug = "Not A Slug", .name = "X"}).error().code,
            ErrorCode::kInvalidInput);
  EXPECT_EQ(store_->add_partner({.slug = "x", .name = ""}).error().code, ErrorCode::kInvalidInput);
}

TEST_F(SqliteStoreTest, UpdatingAPartnerChangesNameAndUrlButNotTheSlug) {
  auto pdo = store_->add_partner({.slug = "pdo", .name = "PDO"});
  ASSERT_TRUE(store_->add_partner({.slug = "xinhua", .name = "Xinhua"}));
  ASSERT_TRUE(pdo);
  const std::string seq = raw_query("SELECT seq FROM site_changes");
  ASSERT_TRUE(store_->update_partner(
      {.id = pdo->id, .slug = "ignored", .name = "People's Daily Online",
       .url = "https://en.people.cn"}));
  auto found = store_->find_partner(pdo->id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->slug, "pdo");
  EXPECT_EQ(found->name, "People's Daily Online");
  EXPECT_EQ(found->url, "https://en.people.cn");
  EXPECT_NE(raw_query("SELECT seq FROM site_changes"), seq);  // pages naming it drop
  EXPECT_EQ(store_->update_partner({.id = pdo->id, .name = "Xinhua"}).error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(store_->update_partner({.id = pdo->id, .name = ""}).error().code,
            ErrorCode::kInvalidInput);
  EXPECT_EQ(store_->update_partner({.id = 9999, .name = "Nobody"}).error().code,
            ErrorCode::kNotFound);
}

// ---- sections ----

TEST_F(SqliteStoreTest, ZoneRoundTripsEveryField) {
  auto partner = store_->add_partner({.slug = "pdo", .name = "PDO"});
  auto topic = store_->upsert_topic(
      {.kind = model::TopicKind::kCountry, .key = "CN", .name = "China", .slug = "china"});
  ASSERT_TRUE(partner && topic);
  model::Section zone{.slug = "china-news-zone", .title = "China News Zone",
                      .description = "News from China", .kind = model::SectionKind::kPartnerZone,
                      .position = 3, .partner_id = partner->id,
                      .attribution_template = "By {{partner}}", .disclaimer_template = "None",
                      .topic_id = topic->id, .moderation = model::ModerationPolicy::kHoldForReview,
                      .contract_start = "2024-01-01", .contract_end = "2024-12-31",
                      .noindex = true, .link_rel = "nofollow", .paid_content = true,
                      .canonical = model::CanonicalPolicy::kPartner};
  auto added = store_->add_section(zone);
  ASSERT_TRUE(added) << added.error().message;
  auto found = store_->find_section(added->id);
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_EQ(found->slug, zone.slug);
  EXPECT_EQ(found->title, zone.title);
  EXPECT_EQ(found->description, zone.description);
  EXPECT_TRUE(found->is_zone());
  EXPECT_EQ(found->position, 3);
  EXPECT_EQ(found->partner_id, partner->id);
  EXPECT_EQ(found->attribution_template, "By {{partner}}");
  EXPECT_EQ(found->disclaimer_template, "None");
  EXPECT_EQ(found->topic_id, topic->id);
  EXPECT_EQ(found->moderation, model::ModerationPolicy::kHoldForReview);
  EXPECT_EQ(found->contract_start, "2024-01-01");
  EXPECT_EQ(found->contract_end, "2024-12-31");
  EXPECT_TRUE(found->noindex);
  EXPECT_EQ(found->link_rel, "nofollow");
  EXPECT_TRUE(found->paid_content);
  EXPECT_EQ(found->canonical, model::CanonicalPolicy::kPartner);

  found->paid_content = false;
  found->canonical = model::CanonicalPolicy::kHost;
  ASSERT_TRUE(store_->update_section(*found));
  auto updated = store_->find_section(added->id);
  ASSERT_TRUE(updated);
  EXPECT_FALSE(updated->paid_content);
  EXPECT_EQ(updated->canonical, model::CanonicalPolicy::kHost);

  auto editorial = store_->add_section({.slug = "news", .title = "News"});
  ASSERT_TRUE(editorial);
  auto plain = store_->find_section_by_slug("news");
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->partner_id);
  EXPECT_FALSE(plain->contract_end);
  EXPECT_EQ(plain->attribution_template, model::kDefaultAttribution);
  EXPECT_EQ(store_->find_section_by_slug("nope").error().code, ErrorCode::kNotFound);
}

TEST_F(SqliteStoreTest, SectionsListByPositionThenTitle) {
  ASSERT_TRUE(store_->add_section({.slug = "c", .title = "C", .position = 1}));
  ASSERT_TRUE(store_->add_section({.slug = "b", .title = "B", .position = 2}));
  ASSERT_TRUE(store_->add_section({.slug = "a", .title = "A", .position = 2}));
  auto all = store_->list_sections();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ(all->at(0).slug, "c");
  EXPECT_EQ(all->at(1).slug, "a");
  EXPECT_EQ(all->at(2).slug, "b");
}

TEST_F(SqliteStoreTest, UpdateSectionReplacesFieldsAndChecksLikeAdd) {
  auto news = add_section("news");
  add_section("sport");
  news.title = "World News";
  news.position = 7;
  ASSERT_TRUE(store_->update_section(news));
  auto found = store_->find_section(news.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->title, "World News");
  EXPECT_EQ(found->position, 7);

  model::Section clash = news;
  clash.slug = "sport";
  EXPECT_EQ(store_->update_section(clash).error().code, ErrorCode::kConflict);
  clash.slug = "admin";
  EXPECT_EQ(store_->update_section(clash).error().code, ErrorCode::kInvalidInput);
  model::Section ghost = news;
  ghost.id = 9999;
  EXPECT_EQ(store_->update_section(ghost).error().code, ErrorCode::kNotFound);
}

TEST_F(SqliteStoreTest, SectionWithTakenSlugIsAConflict) {
  add_section("news");
  EXPECT_EQ(store_->add_section({.slug = "news", .title = "Again"}).error().code,
            ErrorCode::kConflict);
}

TEST_F(SqliteStoreTest, ReservedOrInvalidSectionSlugIsRejected) {
  ASSERT_TRUE(is_reserved_section_slug("admin"));
  EXPECT_EQ(store_->add_section({.slug = "admin", .title = "Admin"}).error().code,
            ErrorCode::kInvalidInput);
  EXPECT_EQ(store_->add_section({.slug = "topics", .title = "Topics"}).error().code,
            ErrorCode::kInvalidInput);
  EXPECT_EQ(store_->add_section({.slug = "Bad Slug", .title = "X"}).error().code,
            ErrorCode::kInvalidInput);
  EXPECT_EQ(store_->add_section({.slug = "ok", .title = ""}).error().code,
            ErrorCode::kInvalidInput);
  EXPECT_EQ(raw_query("SELECT count(*) FROM sections"), "0");
}

TEST_F(SqliteStoreTest, ZoneNeedsAnExistingPartner) {
  EXPECT_EQ(store_->add_section({.slug = "z", .title = "Z",
                                 .kind = model::SectionKind::kPartnerZone})
                .error()
                .code,
            ErrorCode::kInvalidInput);
  EXPECT_EQ(store_->add_section({.slug = "z", .title = "Z",
                                 .kind = model::SectionKind::kPartnerZone, .partner_id = 42})
                .error()
                .code,
            ErrorCode::kNotFound);
  EXPECT_EQ(store_->add_section({.slug = "z", .title = "Z", .topic_id = 42}).error().code,
            ErrorCode::kNotFound);
}

// ---- topics ----

TEST_F(SqliteStoreTest, UpsertTopicCreatesOnceAndKeepsTheFirstNameAndSlug) {
  model::Topic china{.kind = model::TopicKind::kCountry, .key = "CN", .name = "China",
                     .slug = "china"};
  auto first = store_->upsert_topic(china);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_GT(first->id, 0);
  auto again = store_->upsert_topic({.kind = model::TopicKind::kCountry, .key = "CN",
                                     .name = "PRC", .slug = "prc"});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->id, first->id);
  EXPECT_EQ(again->name, "China");
  EXPECT_EQ(again->slug, "china");

  auto by_slug = store_->find_topic_by_slug("china");
  ASSERT_TRUE(by_slug);
  EXPECT_EQ(by_slug->id, first->id);
  auto by_key = store_->find_topic_by_key(model::TopicKind::kCountry, "CN");
  ASSERT_TRUE(by_key);
  EXPECT_EQ(by_key->kind, model::TopicKind::kCountry);
  EXPECT_EQ(store_->find_topic_by_key(model::TopicKind::kSubject, "CN").error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(store_->find_topic(first->id)->name, "China");
  EXPECT_EQ(store_->find_topic(999).error().code, ErrorCode::kNotFound);
}

TEST_F(SqliteStoreTest, UpsertTopicWithAnotherTopicsSlugIsAConflict) {
  ASSERT_TRUE(store_->upsert_topic(
      {.kind = model::TopicKind::kCountry, .key = "CN", .name = "China", .slug = "china"}));
  auto clash = store_->upsert_topic(
      {.kind = model::TopicKind::kSubject, .key = "china", .name = "China", .slug = "china"});
  ASSERT_FALSE(clash);
  EXPECT_EQ(clash.error().code, ErrorCode::kConflict);
  EXPECT_EQ(store_->upsert_topic({.key = "", .name = "X", .slug = "x"}).error().code,
            ErrorCode::kInvalidInput);
  EXPECT_EQ(store_->upsert_topic({.key = "x", .name = "X", .slug = "Not Valid"}).error().code,
            ErrorCode::kInvalidInput);
}

TEST_F(SqliteStoreTest, EditorTagIsNeverDowngradedOtherTagsTakeTheNewSource) {
  auto news = add_section("news");
  auto a = save(article(news.id, "g1", "Story"));
  auto t1 = store_->upsert_topic({.key = "one", .name = "One", .slug = "one"});
  auto t2 = store_->upsert_topic({.key = "two", .name = "Two", .slug = "two"});
  ASSERT_TRUE(t1 && t2);
  auto source = [&](model::TopicId t) {
    return raw_query("SELECT source FROM article_topics WHERE article_id = " +
                     std::to_string(a.article.id) + " AND topic_id = " + std::to_string(t));
  };
  ASSERT_TRUE(store_->tag_article(a.article.id, t1->id, model::TagSource::kEditor));
  ASSERT_TRUE(store_->tag_article(a.article.id, t1->id, model::TagSource::kTagger));
  ASSERT_TRUE(store_->tag_article(a.article.id, t1->id, model::TagSource::kZone));
  EXPECT_EQ(source(t1->id), "editor");

  ASSERT_TRUE(store_->tag_article(a.article.id, t2->id, model::TagSource::kTagger));
  ASSERT_TRUE(store_->tag_article(a.article.id, t2->id, model::TagSource::kZone));
  EXPECT_EQ(source(t2->id), "zone");
  ASSERT_TRUE(store_->tag_article(a.article.id, t2->id, model::TagSource::kEditor));
  EXPECT_EQ(source(t2->id), "editor");

  auto topics = store_->topics_of(a.article.id);
  ASSERT_TRUE(topics);
  ASSERT_EQ(topics->size(), 2u);
  EXPECT_EQ(topics->at(0).name, "One");
  EXPECT_EQ(topics->at(1).name, "Two");
}

TEST_F(SqliteStoreTest, AnEditorsRemovalSurvivesRetaggingUntilAnEditorTagsAgain) {
  auto news = add_section("news");
  auto a = save(article(news.id, "g1", "Story"));
  auto cn = store_->upsert_topic({.kind = model::TopicKind::kCountry, .key = "CN", .name = "China", .slug = "china"});
  auto fi = store_->upsert_topic({.kind = model::TopicKind::kCountry, .key = "FI", .name = "Finland", .slug = "finland"});
  ASSERT_TRUE(cn && fi);
  auto names = [&] {
    std::vector<std::string> out;
    auto topics = store_->topics_of(a.article.id);  // named: value() refers into it
    for (const auto& t : topics.value()) out.push_back(t.name);
    return out;
  };
  ASSERT_TRUE(store_->set_tagger_topics(a.article.id, {cn->id, fi->id}));
  EXPECT_EQ(names(), (std::vector<std::string>{"China", "Finland"}));

  ASSERT_TRUE(store_->untag_article(a.article.id, cn->id));
  EXPECT_EQ(names(), (std::vector<std::string>{"Finland"}));
  // Re-tagging, by the tagger or as the zone's topic, does not bring it back...
  ASSERT_TRUE(store_->set_tagger_topics(a.article.id, {cn->id, fi->id}));
  ASSERT_TRUE(store_->tag_article(a.article.id, cn->id, model::TagSource::kZone));
  EXPECT_EQ(names(), (std::vector<std::string>{"Finland"}));
  auto page = store_->list_topic_articles(cn->id, {}, std::nullopt);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->total, 0);
  // ...an editor does.
  ASSERT_TRUE(store_->tag_article(a.article.id, cn->id, model::TagSource::kEditor));
  EXPECT_EQ(names(), (std::vector<std::string>{"China", "Finland"}));
}

TEST_F(SqliteStoreTest, TheTaggersNewTopicsReplaceItsOldOnesOnly) {
  auto news = add_section("news");
  auto a = save(article(news.id, "g1", "Story"));
  auto t1 = store_->upsert_topic({.key = "one", .name = "One", .slug = "one"});
  auto t2 = store_->upsert_topic({.key = "two", .name = "Two", .slug = "two"});
  auto t3 = store_->upsert_topic({.key = "three", .name = "Three", .slug = "three"});
  ASSERT_TRUE(t1 && t2 && t3);
  ASSERT_TRUE(store_->tag_article(a.article.id, t3->id, model::TagSource::kZone));
  ASSERT_TRUE(store_->set_tagger_topics(a.article.id, {t1->id}));
  ASSERT_TRUE(store_->set_tagger_topics(a.article.id, {t2->id}));
  auto topics = store_->topics_of(a.article.id);
  ASSERT_TRUE(topics);
  std::vector<std::string> names;
  for (const auto& t : *topics) names.push_back(t.name);
  EXPECT_EQ(names, (std::vector<std::string>{"Three", "Two"}));
  EXPECT_EQ(store_->set_tagger_topics(9999, {t1->id}).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->untag_article(a.article.id, 9999).error().code, ErrorCode::kNotFound);
}

TEST_F(SqliteStoreTest, ArticleIdsAreWalkedInBatchesWhateverTheirStatus) {
  auto news = add_section("news");
  std::vector<model::ArticleId> saved;
  for (int i = 0; i < 5; ++i) saved.push_back(save(article(news.id, "g" + std::to_string(i), "S")).article.id);
  ASSERT_TRUE(store_->set_article_status(saved[1], model::ArticleStatus::kWithdrawn, model::Actor::kEditor));
  std::vector<model::ArticleId> walked;
  for (model::ArticleId after = 0;;) {
    auto batch = store_->list_article_ids(after, 2);
    ASSERT_TRUE(batch);
    if (batch->empty()) break;
    EXPECT_LE(batch->size(), 2u);
    walked.insert(walked.end(), batch->begin(), batch->end());
    after = batch->back();
  }
  EXPECT_EQ(walked, saved);
}

TEST_F(SqliteStoreTest, ChangedArticlesComeInChangeOrderOnceEach) {
  auto news = add_section("news");
  auto a = save(article(news.id, "a", "First")).article;
  auto b = save(article(news.id, "b", "Second")).article;
  auto c = save(article(news.id, "c", "Third")).article;
  auto ids_after = [&](int64_t after) {
    std::vector<std::pair<model::ArticleId, int64_t>> out;
    auto batch = store_->list_changed_articles(after, 100);
    EXPECT_TRUE(batch);
    if (batch) for (auto& change : *batch) out.emplace_back(change.article.id, change.change_seq);
    return out;
  };
  auto first = ids_after(0);
  ASSERT_EQ(first.size(), 3u);
  EXPECT_EQ(first[0].first, a.id);
  EXPECT_EQ(first[2].first, c.id);
  const int64_t seen = first.back().second;
  EXPECT_TRUE(ids_after(seen).empty());

  // A withdrawal and a tag are changes too; a changed article appears once, as it is now.
  ASSERT_TRUE(store_->set_article_status(a.id, model::ArticleStatus::kWithdrawn,
                                         model::Actor::kEditor));
  auto topic = store_->upsert_topic({.key = "fi", .name = "Finland", .slug = "finland"});
  ASSERT_TRUE(topic);
  ASSERT_TRUE(store_->tag_article(b.id, topic->id, model::TagSource::kEditor));
  ASSERT_TRUE(store_->tag_article(a.id, topic->id, model::TagSource::kEditor));
  auto later = store_->list_changed_articles(seen, 100);
  ASSERT_TRUE(later);
  ASSERT_EQ(later->size(), 2u);
  EXPECT_EQ((*later)[0].article.id, b.id);
  EXPECT_EQ((*later)[1].article.id, a.id);
  EXPECT_EQ((*later)[1].article.status, model::ArticleStatus::kWithdrawn);
  EXPECT_LT((*later)[0].change_seq, (*later)[1].change_seq);

  auto last = store_->last_change_seq();
  ASSERT_TRUE(last);
  EXPECT_EQ(*last, (*later)[1].change_seq);

  // The limit is honoured, so a reader can walk everything in batches.
  auto one = store_->list_changed_articles(0, 1);
  ASSERT_TRUE(one);
  EXPECT_EQ(one->size(), 1u);
}

TEST_F(SqliteStoreTest, ChangeMarksMoveWithArticlesAndWithWhatEveryPageShows) {
  auto start = store_->change_marks();
  ASSERT_TRUE(start) << start.error().message;
  auto news = add_section("news");
  auto after_section = store_->change_marks();
  ASSERT_TRUE(after_section);
  EXPECT_GT(after_section->site, start->site);  // every page's navigation changed
  EXPECT_EQ(after_section->articles, start->articles);

  auto saved = save(article(news.id, "m1", "First"));
  auto after_article = store_->change_marks();
  ASSERT_TRUE(after_article);
  EXPECT_EQ(after_article->articles, *store_->last_change_seq());
  EXPECT_EQ(after_article->site, after_section->site);

  // Reading changes nothing; a new topic shows on no page yet, so it does not count either.
  ASSERT_TRUE(store_->upsert_topic({.kind = model::TopicKind::kCountry, .key = "FI",
                                    .name = "Finland", .slug = "finland"}));
  EXPECT_EQ(*store_->change_marks(), *after_article);

  auto site = store_->get_site();
  ASSERT_TRUE(site);
  site->name = "Renamed Times";
  ASSERT_TRUE(store_->set_site(*site));
  EXPECT_GT(store_->change_marks()->site, after_article->site);
}

TEST_F(SqliteStoreTest, TheCommitTokenMovesWithEveryCommitOfAnyConnection) {
  auto news = add_section("news");
  auto before = store_->commit_token();
  ASSERT_TRUE(before) << "the -shm header should be readable in WAL mode";
  EXPECT_EQ(store_->commit_token(), before);  // reading is not committing
  ASSERT_TRUE(store_->count_articles());
  EXPECT_EQ(store_->commit_token(), before);

  save(article(news.id, "t1", "First"));
  auto after_save = store_->commit_token();
  ASSERT_TRUE(after_save);
  EXPECT_NE(*after_save, *before);

  // Another store on the same file stands for another process (the CLI beside a server).
  auto other = open_store();
  ASSERT_TRUE(other);
  ASSERT_TRUE(other->save_article(article(news.id, "t2", "Second")));
  auto after_other = store_->commit_token();
  ASSERT_TRUE(after_other);
  EXPECT_NE(*after_other, *after_save);
}

TEST_F(SqliteStoreTest, AListingAskedForNoCountListsTheSameAndCountsNothing) {
  auto news = add_section("news");
  std::vector<model::ArticleId> ids;
  for (int i = 0; i < 5; ++i) {
    ids.push_back(save(article(news.id, "c" + std::to_string(i), "Story", 1000 + i)).article.id);
  }
  auto topic = store_->upsert_topic({.kind = model::TopicKind::kCountry, .key = "FI",
                                     .name = "Finland", .slug = "finland"});
  ASSERT_TRUE(topic);
  for (auto id : ids) ASSERT_TRUE(store_->tag_article(id, topic->id, model::TagSource::kTagger));

  auto counted = store_->list_topic_articles(topic->id, {.limit = 2}, std::nullopt);
  auto uncounted =
      store_->list_topic_articles(topic->id, {.limit = 2, .count_total = false}, std::nullopt);
  ASSERT_TRUE(counted && uncounted);
  EXPECT_EQ(counted->total, 5);
  EXPECT_EQ(uncounted->total, 0);
  ASSERT_EQ(uncounted->articles.size(), 2u);
  EXPECT_EQ(uncounted->articles[0].id, counted->articles[0].id);
  EXPECT_EQ(uncounted->articles[1].id, counted->articles[1].id);
  EXPECT_EQ(*store_->count_topic_tags(topic->id), 5);

  auto section = store_->list_section_articles(news.id, {.limit = 3, .count_total = false});
  ASSERT_TRUE(section);
  EXPECT_EQ(section->total, 0);
  EXPECT_EQ(section->articles.size(), 3u);
}

// count_topic_tags reads a count the tags' triggers keep: it must follow every way a tag comes
// and goes, and agree with counting the tags themselves.
TEST_F(SqliteStoreTest, TopicTagCountFollowsTaggingUntaggingAndRetagging) {
  auto news = add_section("news");
  auto fi = store_->upsert_topic({.kind = model::TopicKind::kCountry, .key = "FI",
                                  .name = "Finland", .slug = "finland"});
  auto se = store_->upsert_topic({.kind = model::TopicKind::kCountry, .key = "SE",
                                  .name = "Sweden", .slug = "sweden"});
  ASSERT_TRUE(fi && se);
  EXPECT_EQ(*store_->count_topic_tags(fi->id), 0);
  auto a = save(article(news.id, "n1", "One")).article.id;
  auto b = save(article(news.id, "n2", "Two")).article.id;

  ASSERT_TRUE(store_->tag_article(a, fi->id, model::TagSource::kTagger));
  ASSERT_TRUE(store_->tag_article(b, fi->id, model::TagSource::kZone));
  ASSERT_TRUE(store_->tag_article(b, fi->id, model::TagSource::kEditor));  // same tag again
  EXPECT_EQ(*store_->count_topic_tags(fi->id), 2);

  ASSERT_TRUE(store_->untag_article(a, fi->id));  // kept as removed: no longer counted
  EXPECT_EQ(*store_->count_topic_tags(fi->id), 1);
  ASSERT_TRUE(store_->untag_article(a, fi->id));  // removing twice takes nothing more
  EXPECT_EQ(*store_->count_topic_tags(fi->id), 1);
  ASSERT_TRUE(store_->tag_article(a, fi->id, model::TagSource::kEditor));  // an editor's again
  EXPECT_EQ(*store_->count_topic_tags(fi->id), 2);

  // The tagger's set replaces only the tagger's own tags: b gains SE and keeps FI, which is an
  // editor's tag now.
  ASSERT_TRUE(store_->set_tagger_topics(b, std::vector<model::TopicId>{se->id}));
  EXPECT_EQ(*store_->count_topic_tags(se->id), 1);
  EXPECT_EQ(*store_->count_topic_tags(fi->id), 2);
  auto listed = store_->list_topic_articles(fi->id, {.limit = 10}, std::nullopt);
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->total, 2);
}

// A reader page holds a read snapshot: all of its reads see one commit, even when another
// process commits in the middle of the page.
TEST_F(SqliteStoreTest, ReadsInsideASnapshotSeeOneCommit) {
  auto news = add_section("news");
  save(article(news.id, "s1", "First"));
  auto other = open_store();  // another process on the same file
  ASSERT_TRUE(other);
  {
    auto snapshot = store_->read_snapshot();
    ASSERT_NE(snapshot, nullptr);
    EXPECT_EQ(*store_->count_articles(), 1);
    ASSERT_TRUE(other->save_article(article(news.id, "s2", "Second")));
    EXPECT_EQ(*store_->count_articles(), 1) << "the commit after the snapshot began is not seen";
    auto listed = store_->list_section_articles(news.id, {.limit = 10});
    ASSERT_TRUE(listed);
    EXPECT_EQ(listed->total, 1);
    {
      auto nested = store_->read_snapshot();  // shares the outer one
      EXPECT_EQ(*store_->count_articles(), 1);
    }
    EXPECT_EQ(*store_->count_articles(), 1);
    // Another thread is not inside this thread's snapshot.
    int64_t seen_elsewhere = 0;
    std::thread([&] { seen_elsewhere = *store_->count_articles(); }).join();
    EXPECT_EQ(seen_elsewhere, 2);
  }
  EXPECT_EQ(*store_->count_articles(), 2) << "after the snapshot, the newest commit";
  // Inside atomically() reads keep seeing the transaction's own writes.
  ASSERT_TRUE(store_->atomically([&]() -> Status {
    save(article(news.id, "s3", "Third"));
    auto snapshot = store_->read_snapshot();
    EXPECT_EQ(*store_->count_articles(), 3);
    return Ok();
  }));
}

TEST_F(SqliteStoreTest, EmbargoEndsAreFoundWithoutAnyWrite) {
  auto news = add_section("news");
  auto free_now = article(news.id, "e0", "Free");
  save(free_now);
  auto soon = article(news.id, "e1", "Soon");
  soon.embargo_until = at(1'700'000'100);
  auto later = article(news.id, "e2", "Later");
  later.embargo_until = at(1'700'000'500);
  auto pending = article(news.id, "e3", "Pending", 1000, ArticleStatus::kPending);
  pending.embargo_until = at(1'700'000'050);
  auto soon_id = save(soon).article.id;
  auto later_id = save(later).article.id;
  save(pending);

  auto next = store_->next_embargo_end(at(1'700'000'000));
  ASSERT_TRUE(next) << next.error().message;
  EXPECT_EQ(*next, at(1'700'000'100));  // the pending one is not going to be listed
  EXPECT_EQ(*store_->next_embargo_end(at(1'700'000'100)), at(1'700'000'500));
  EXPECT_EQ(*store_->next_embargo_end(at(1'700'000'500)), std::nullopt);

  auto ended = store_->list_embargo_ends(at(1'700'000'000), at(1'700'000'100), 10);
  ASSERT_TRUE(ended) << ended.error().message;
  EXPECT_EQ(*ended, (std::vector<model::ArticleId>{soon_id}));
  auto both = store_->list_embargo_ends(at(1'700'000'000), at(1'700'001'000), 10);
  EXPECT_EQ(*both, (std::vector<model::ArticleId>{soon_id, later_id}));
  EXPECT_TRUE(store_->list_embargo_ends(at(1'700'000'100), at(1'700'000'499), 10)->empty());
}

TEST_F(SqliteStoreTest, RecentArticlesComeFromEverySectionOrOnlyTheHosts) {
  auto news = add_section("news");
  auto zone = add_zone("zone");
  auto a = save(article(news.id, "a", "Host old", 1000)).article;
  auto b = save(article(zone.id, "b", "Zone newer", 2000)).article;
  auto c = save(article(news.id, "c", "Host newest", 3000)).article;
  save(article(news.id, "d", "Draft", 4000, ArticleStatus::kPending));
  auto ids = [](const std::vector<model::Article>& articles) {
    std::vector<model::ArticleId> out;
    for (const auto& x : articles) out.push_back(x.id);
    return out;
  };
  auto all = store_->list_recent_articles(10, true);
  ASSERT_TRUE(all) << all.error().message;
  EXPECT_EQ(ids(*all), (std::vector<model::ArticleId>{c.id, b.id, a.id}));
  auto host = store_->list_recent_articles(10, false);
  ASSERT_TRUE(host);
  EXPECT_EQ(ids(*host), (std::vector<model::ArticleId>{c.id, a.id}));
  auto one = store_->list_recent_articles(1, true);
  ASSERT_TRUE(one);
  EXPECT_EQ(ids(*one), (std::vector<model::ArticleId>{c.id}));
}

TEST_F(SqliteStoreTest, WithdrawnPublishedArticlesAreListedForTombstones) {
  auto news = add_section("news");
  auto zone = add_zone("zone");
  auto a = save(article(news.id, "a", "Host story")).article;
  auto b = save(article(zone.id, "b", "Zone story")).article;
  auto c = save(article(news.id, "c", "Never published", 1000, ArticleStatus::kPending)).article;
  for (auto id : {a.id, b.id, c.id}) {
    ASSERT_TRUE(store_->set_article_status(id, ArticleStatus::kWithdrawn, model::Actor::kEditor));
  }
  auto ids = [&](const ArticleScope& scope) {
    std::set<model::ArticleId> out;
    auto listed = store_->list_withdrawn_articles(scope, at(0), 10);
    EXPECT_TRUE(listed) << listed.error().message;
    if (listed) {
      for (const auto& x : *listed) {
        EXPECT_TRUE(x.withdrawn_at.has_value());
        out.insert(x.id);
      }
    }
    return out;
  };
  // c was never published: its withdrawal is no news to a feed reader.
  EXPECT_EQ(ids({}), (std::set<model::ArticleId>{a.id, b.id}));
  EXPECT_EQ(ids({.include_zones = false}), (std::set<model::ArticleId>{a.id}));
  EXPECT_EQ(ids({.section = zone.id}), (std::set<model::ArticleId>{b.id}));
  auto found = store_->find_article(a.id);
  ASSERT_TRUE(found);
  ASSERT_TRUE(found->withdrawn_at);
  auto future = store_->list_withdrawn_articles({}, *found->withdrawn_at + seconds(3600), 10);
  ASSERT_TRUE(future);
  EXPECT_TRUE(future->empty());
  // Published again: no longer a tombstone.
  ASSERT_TRUE(store_->set_article_status(a.id, ArticleStatus::kPublished, model::Actor::kEditor));
  EXPECT_EQ(ids({}), (std::set<model::ArticleId>{b.id}));
  EXPECT_FALSE(store_->find_article(a.id)->withdrawn_at.has_value());
}

TEST_F(SqliteStoreTest, TaggingAMissingArticleOrTopicIsNotFound) {
  auto news = add_section("news");
  auto a = save(article(news.id, "g1", "Story"));
  auto t = store_->upsert_topic({.key = "one", .name = "One", .slug = "one"});
  ASSERT_TRUE(t);
  EXPECT_EQ(store_->tag_article(9999, t->id, model::TagSource::kTagger).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(store_->tag_article(a.article.id, 9999, model::TagSource::kTagger).error().code,
            ErrorCode::kNotFound);
}

// ---- articles ----

TEST_F(SqliteStoreTest, NewArticleGetsIdSlugAndVersionOneAndRoundTrips) {
  auto news = add_section("news");
  auto in = article(news.id, "https://partner.example/1", "China's President Xi to Visit!");
  in.content.standfirst = "Summary";
  in.content.author = "A. Writer";
  in.content.language = "zh";
  in.content.original_url = "https://partner.example/1.html";
  in.ingested = {};
  auto saved = save(in);
  EXPECT_EQ(saved.outcome, SaveOutcome::kCreated);
  EXPECT_GT(saved.article.id, 0);
  EXPECT_EQ(saved.article.slug, "chinas-president-xi-to-visit");
  EXPECT_EQ(saved.article.version, 1);
  EXPECT_EQ(saved.article.ingested, clock_.now());

  auto found = store_->find_article(saved.article.id);
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_EQ(found->guid, "https://partner.example/1");
  EXPECT_EQ(found->slug, saved.article.slug);
  EXPECT_EQ(found->content, in.content);
  EXPECT_EQ(found->published, at(1000));
  EXPECT_EQ(found->updated, at(1000));
  EXPECT_EQ(found->ingested, clock_.now());
  EXPECT_EQ(found->status, ArticleStatus::kPublished);
  EXPECT_EQ(found->version, 1);

  auto versions = store_->list_versions(saved.article.id);
  ASSERT_TRUE(versions);
  ASSERT_EQ(versions->size(), 1u);
  EXPECT_EQ(versions->at(0).version, 1);
  EXPECT_EQ(versions->at(0).content, in.content);
  EXPECT_EQ(versions->at(0).created, clock_.now());
  EXPECT_EQ(store_->find_article(9999).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->list_versions(9999).error().code, ErrorCode::kNotFound);
}

TEST_F(SqliteStoreTest, ANewVersionWithoutALaterUpdatedTimeIsDatedWhenItArrives) {
  auto news = add_section("news");
  auto in = article(news.id, "g1", "Story", 1000);  // updated = published = 1000
  save(in);
  clock_.set(at(5000));
  in.content.body_html = "<p>Corrected</p>";
  auto second = save(in);  // still says updated 1000, as imports and many feeds do
  EXPECT_EQ(second.outcome, SaveOutcome::kNewVersion);
  EXPECT_EQ(second.article.updated, at(5000));
  EXPECT_EQ(second.article.published, at(1000));
}

TEST_F(SqliteStoreTest, ChangedContentMakesVersionTwoAndKeepsVersionOne) {
  auto news = add_section("news");
  auto in = article(news.id, "g1", "Story", 1000, ArticleStatus::kPending);
  auto first = save(in);
  clock_.advance(seconds(60));
  in.content.body_html = "<p>Corrected body</p>";
  in.content.headline = "Story, corrected";
  in.status = ArticleStatus::kPublished;
  in.updated = at(2000);
  auto second = save(in);
  EXPECT_EQ(second.outcome, SaveOutcome::kNewVersion);
  EXPECT_EQ(second.article.id, first.article.id);
  EXPECT_EQ(second.article.version, 2);
  EXPECT_EQ(second.article.slug, "story");  // the slug never changes

  auto found = store_->find_article(first.article.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->version, 2);
  EXPECT_EQ(found->content.body_html, "<p>Corrected body</p>");
  EXPECT_EQ(found->status, ArticleStatus::kPublished);
  EXPECT_EQ(found->updated, at(2000));
  EXPECT_EQ(found->ingested, first.article.ingested);

  auto versions = store_->list_versions(first.article.id);
  ASSERT_TRUE(versions);
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ(versions->at(0).version, 1);
  EXPECT_EQ(versions->at(0).content.body_html, "<p>Body</p>");
  EXPECT_EQ(versions->at(0).content.headline, "Story");
  EXPECT_EQ(versions->at(1).version, 2);
  EXPECT_EQ(versions->at(1).content.headline, "Story, corrected");
  EXPECT_EQ(versions->at(1).created, versions->at(0).created + seconds(60));
}

TEST_F(SqliteStoreTest, SameContentIsUnchangedAndWritesNothingNotEvenTheStatus) {
  auto news = add_section("news");
  auto in = article(news.id, "g1", "Story");
  auto first = save(in);
  ASSERT_TRUE(store_->set_article_status(first.article.id, ArticleStatus::kWithdrawn, model::Actor::kEditor));
  const std::string seq_before = raw_query("SELECT change_seq FROM articles");
  in.published = at(5000);  // ingest sees the same item again, content untouched
  auto again = save(in);
  EXPECT_EQ(again.outcome, SaveOutcome::kUnchanged);
  EXPECT_EQ(again.article.version, 1);
  EXPECT_EQ(again.article.status, ArticleStatus::kWithdrawn);
  EXPECT_EQ(again.article.published, at(1000));
  EXPECT_EQ(store_->find_article(first.article.id)->status, ArticleStatus::kWithdrawn);
  EXPECT_EQ(store_->list_versions(first.article.id)->size(), 1u);
  EXPECT_EQ(raw_query("SELECT change_seq FROM articles"), seq_before);
}

TEST_F(SqliteStoreTest, SlugCollisionsInASectionGetNumberedSuffixes) {
  auto news = add_section("news");
  auto sport = add_section("sport");
  EXPECT_EQ(save(article(news.id, "g1", "Big Match")).article.slug, "big-match");
  EXPECT_EQ(save(article(news.id, "g2", "Big match")).article.slug, "big-match-2");
  EXPECT_EQ(save(article(news.id, "g3", "BIG MATCH!")).article.slug, "big-match-3");
  EXPECT_EQ(save(article(sport.id, "g1", "Big Match")).article.slug, "big-match");
}

TEST_F(SqliteStoreTest, HeadlineWithoutSlugLettersGetsArticleSlug) {
  auto news = add_section("news");
  EXPECT_EQ(save(article(news.id, "g1", "新闻")).article.slug, "article");
  EXPECT_EQ(save(article(news.id, "g2", "新闻")).article.slug, "article-2");
}

TEST_F(SqliteStoreTest, EmptyGuidIsMadeFromSectionAndSlug) {
  auto news = add_section("news");
  auto a = save(article(news.id, "", "Local Story"));
  EXPECT_EQ(a.article.guid, "urn:newszone:news:local-story");
  auto b = save(article(news.id, "", "Local Story"));  // no guid, no slug: a new article
  EXPECT_EQ(b.outcome, SaveOutcome::kCreated);
  EXPECT_EQ(b.article.guid, "urn:newszone:news:local-story-2");

  auto edit = article(news.id, "", "Local Story, updated");
  edit.slug = "local-story";  // an explicit slug names the article
  auto edited = save(edit);
  EXPECT_EQ(edited.outcome, SaveOutcome::kNewVersion);
  EXPECT_EQ(edited.article.id, a.article.id);
}

TEST_F(SqliteStoreTest, ExplicitSlugThatIsTakenIsAConflict) {
  auto news = add_section("news");
  save(article(news.id, "g1", "Story"));
  auto clash = article(news.id, "g2", "Other");
  clash.slug = "story";
  auto saved = store_->save_article(clash);
  ASSERT_FALSE(saved);
  EXPECT_EQ(saved.error().code, ErrorCode::kConflict);
  clash.slug = "Not a slug";
  EXPECT_EQ(store_->save_article(clash).error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(store_->count_articles().value(), 1);
}

TEST_F(SqliteStoreTest, SaveRejectsEmptyHeadlineAndUnknownSection) {
  auto news = add_section("news");
  EXPECT_EQ(store_->save_article(article(news.id, "g", "")).error().code,
            ErrorCode::kInvalidInput);
  EXPECT_EQ(store_->save_article(article(9999, "g", "Story")).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(store_->count_articles().value(), 0);
}

TEST_F(SqliteStoreTest, SetArticleStatusChangesOnlyTheStatus) {
  auto news = add_section("news");
  auto a = save(article(news.id, "g1", "Story", 1000, ArticleStatus::kPending));
  EXPECT_EQ(store_->list_section_articles(news.id, {})->total, 0);
  ASSERT_TRUE(store_->set_article_status(a.article.id, ArticleStatus::kPublished, model::Actor::kEditor));
  ASSERT_TRUE(store_->set_article_status(a.article.id, ArticleStatus::kPublished, model::Actor::kEditor));
  auto found = store_->find_article(a.article.id);
  EXPECT_EQ(found->status, ArticleStatus::kPublished);
  EXPECT_EQ(found->version, 1);
  EXPECT_EQ(store_->list_section_articles(news.id, {})->total, 1);
  EXPECT_EQ(store_->set_article_status(9999, ArticleStatus::kPublished, model::Actor::kEditor).error().code,
            ErrorCode::kNotFound);
}

TEST_F(SqliteStoreTest, SectionListingIsPublishedOnlyNewestFirstWithPagingAndTotal) {
  auto news = add_section("news");
  auto other = add_section("other");
  save(article(news.id, "1", "one", 100));
  save(article(news.id, "2", "two", 300));
  save(article(news.id, "3", "three", 200));
  save(article(news.id, "4", "four", 300));  // same time as "two": higher id first
  save(article(news.id, "5", "five", 50));
  save(article(news.id, "6", "draft", 999, ArticleStatus::kDraft));
  save(article(news.id, "7", "withdrawn", 999, ArticleStatus::kWithdrawn));
  save(article(other.id, "8", "elsewhere", 999));

  auto page1 = store_->list_section_articles(news.id, {.offset = 0, .limit = 2});
  ASSERT_TRUE(page1) << page1.error().message;
  EXPECT_EQ(page1->total, 5);
  EXPECT_EQ(slugs(*page1), (std::vector<std::string>{"four", "two"}));
  auto page2 = store_->list_section_articles(news.id, {.offset = 2, .limit = 2});
  EXPECT_EQ(slugs(*page2), (std::vector<std::string>{"three", "one"}));
  auto page3 = store_->list_section_articles(news.id, {.offset = 4, .limit = 2});
  EXPECT_EQ(slugs(*page3), (std::vector<std::string>{"five"}));
  EXPECT_EQ(page3->total, 5);
  auto beyond = store_->list_section_articles(news.id, {.offset = 10, .limit = 2});
  EXPECT_TRUE(beyond->articles.empty());
  EXPECT_EQ(beyond->total, 5);
}

TEST_F(SqliteStoreTest, PageLimitIsClampedToOneThrough200) {
  auto news = add_section("news");
  for (int i = 0; i < 205; ++i) {
    save(article(news.id, std::to_string(i), "Story " + std::to_string(i), i));
  }
  EXPECT_EQ(store_->list_section_articles(news.id, {.offset = 0, .limit = 0})->articles.size(),
            1u);
  EXPECT_EQ(store_->list_section_articles(news.id, {.offset = -5, .limit = 1000})
                ->articles.size(),
            200u);
  EXPECT_EQ(store_->count_articles().value(), 205);
}

TEST_F(SqliteStoreTest, TopicListingSpansSectionsAndLeavesOutTheExcludedArticle) {
  auto news = add_section("news");
  auto sport = add_section("sport");
  auto topic = store_->upsert_topic({.key = "one", .name = "One", .slug = "one"});
  auto other = store_->upsert_topic({.key = "two", .name = "Two", .slug = "two"});
  ASSERT_TRUE(topic && other);
  auto a = save(article(news.id, "a", "a", 100));
  auto b = save(article(sport.id, "b", "b", 300));
  auto c = save(article(news.id, "c", "c", 200));
  auto d = save(article(news.id, "d", "d", 400, ArticleStatus::kPending));
  auto e = save(article(news.id, "e", "e", 500));
  for (const auto* s : {&a, &b, &c, &d}) {
    ASSERT_TRUE(store_->tag_article(s->article.id, topic->id, model::TagSource::kTagger));
  }
  ASSERT_TRUE(store_->tag_article(e.article.id, other->id, model::TagSource::kTagger));

  auto all = store_->list_topic_articles(topic->id, {}, std::nullopt);
  ASSERT_TRUE(all) << all.error().message;
  EXPECT_EQ(all->total, 3);
  EXPECT_EQ(slugs(*all), (std::vector<std::string>{"b", "c", "a"}));
  auto related = store_->list_topic_articles(topic->id, {.limit = 1}, b.article.id);
  ASSERT_TRUE(related);
  EXPECT_EQ(related->total, 2);
  EXPECT_EQ(slugs(*related), (std::vector<std::string>{"c"}));
}

// A topic's listing reads copies of its articles' published time, embargo and listability
// kept on the tags by triggers (012_listing_walks.sql). These tests change each of them in
// the ways the store (or any other code) can, and check what the topic pages show against
// the articles themselves.
class TopicListingTest : public SqliteStoreTest {
 protected:
  void SetUp() override {
    SqliteStoreTest::SetUp();
    news_ = add_section("news");
    auto topic = store_->upsert_topic({.key = "one", .name = "One", .slug = "one"});
    ASSERT_TRUE(topic) << topic.error().message;
    topic_ = topic->id;
  }

  // Every page of the topic, two articles a page, as slugs. Every page's total must be the
  // number listed, and that the number the articles themselves give (as counted before 012).
  std::vector<std::string> listed() {
    std::vector<std::string> out;
    std::vector<int64_t> totals;
    for (int64_t offset = 0;; offset += 2) {
      auto page = store_->list_topic_articles(topic_, {.offset = offset, .limit = 2},
                                              std::nullopt);
      EXPECT_TRUE(page) << page.error().message;
      if (!page) break;
      totals.push_back(page->total);
      if (page->articles.empty()) break;
      for (const auto& a : page->articles) out.push_back(a.slug);
    }
    const auto n = static_cast<int64_t>(out.size());
    for (int64_t total : totals) EXPECT_EQ(total, n);
    EXPECT_EQ(raw_query("SELECT count(*) FROM article_topics t JOIN articles a"
                        " ON a.id = t.article_id WHERE t.topic_id = " + std::to_string(topic_) +
                        " AND t.removed = 0 AND a.status = 'published'"
                        " AND a.duplicate_of IS NULL AND (a.embargo_until IS NULL"
                        " OR a.embargo_until <= " +
                        std::to_string(clock_.now().time_since_epoch().count()) + ")"),
              std::to_string(n));
    return out;
  }

  // Tags whose copies differ from their article's values: always 0.
  std::string drifted() {
    return raw_query(
        "SELECT count(*) FROM article_topics t JOIN articles a ON a.id = t.article_id"
        " WHERE t.published IS NOT a.published OR t.embargo_until IS NOT a.embargo_until"
        " OR t.listable IS NOT (a.status = 'published' AND a.duplicate_of IS NULL)");
  }

  model::ArticleId tagged(const std::string& slug, int64_t published) {
    auto saved = save(article(news_.id, slug, slug, published));
    EXPECT_TRUE(store_->tag_article(saved.article.id, topic_, model::TagSource::kTagger));
    return saved.article.id;
  }

  using Slugs = std::vector<std::string>;
  model::Section news_;
  model::TopicId topic_ = 0;
};

TEST_F(TopicListingTest, FollowsTagsAddedRemovedAndGivenBack) {
  auto a = tagged("a", 100);
  tagged("b", 300);
  auto c = save(article(news_.id, "c", "c", 200)).article.id;
  EXPECT_EQ(listed(), (Slugs{"b", "a"}));
  ASSERT_TRUE(store_->set_tagger_topics(c, {topic_}));
  EXPECT_EQ(listed(), (Slugs{"b", "c", "a"}));
  ASSERT_TRUE(store_->untag_article(a, topic_));  // an editor's removal
  EXPECT_EQ(listed(), (Slugs{"b", "c"}));
  ASSERT_TRUE(store_->set_tagger_topics(c, {}));
  EXPECT_EQ(listed(), (Slugs{"b"}));
  ASSERT_TRUE(store_->tag_article(a, topic_, model::TagSource::kEditor));
  EXPECT_EQ(listed(), (Slugs{"b", "a"}));
  EXPECT_EQ(drifted(), "0");
}

TEST_F(TopicListingTest, FollowsWithdrawalAndPublishingAgain) {
  tagged("a", 100);
  auto b = tagged("b", 200);
  tagged("c", 300);
  ASSERT_TRUE(store_->set_article_status(b, ArticleStatus::kWithdrawn, model::Actor::kEditor));
  EXPECT_EQ(listed(), (Slugs{"c", "a"}));
  EXPECT_EQ(drifted(), "0");
  ASSERT_TRUE(store_->set_article_status(b, ArticleStatus::kPublished, model::Actor::kEditor));
  EXPECT_EQ(listed(), (Slugs{"c", "b", "a"}));
  ASSERT_TRUE(store_->set_article_status(b, ArticleStatus::kPending, model::Actor::kEditor));
  EXPECT_EQ(listed(), (Slugs{"c", "a"}));
  EXPECT_EQ(drifted(), "0");
}

TEST_F(TopicListingTest, FollowsANewVersionThatMovesThePublishedTime) {
  tagged("a", 100);
  tagged("b", 200);
  tagged("c", 300);
  auto moved = article(news_.id, "a", "a, corrected", 400);
  moved.slug = "a";
  EXPECT_EQ(save(moved).outcome, SaveOutcome::kNewVersion);
  EXPECT_EQ(listed(), (Slugs{"a", "c", "b"}));
  EXPECT_EQ(drifted(), "0");
}

TEST_F(TopicListingTest, ListsAnEmbargoedArticleOnceItsEmbargoEnds) {
  tagged("a", 100);
  auto in = article(news_.id, "b", "b", 200);
  in.embargo_until = clock_.now() + seconds(3600);
  auto b = save(in).article.id;
  ASSERT_TRUE(store_->tag_article(b, topic_, model::TagSource::kZone));
  EXPECT_EQ(listed(), (Slugs{"a"}));
  clock_.advance(seconds(3599));
  EXPECT_EQ(listed(), (Slugs{"a"}));
  clock_.advance(seconds(1));
  EXPECT_EQ(listed(), (Slugs{"b", "a"}));
  // The partner moves the embargo later again (same content: only the embargo is written).
  in.embargo_until = clock_.now() + seconds(60);
  EXPECT_EQ(save(in).outcome, SaveOutcome::kUnchanged);
  EXPECT_EQ(listed(), (Slugs{"a"}));
  EXPECT_EQ(drifted(), "0");
}

TEST_F(TopicListingTest, NeverListsANearDuplicateTaggedOrMarkedLater) {
  auto a = tagged("a", 100);
  auto copy = article(news_.id, "a2", "a2", 150);
  copy.duplicate_of = a;
  auto a2 = save(copy).article.id;
  ASSERT_TRUE(store_->tag_article(a2, topic_, model::TagSource::kTagger));
  auto b = tagged("b", 200);
  EXPECT_EQ(listed(), (Slugs{"b", "a"}));
  // Marked a duplicate after the fact, by code other than the store's.
  ASSERT_EQ(raw_exec("UPDATE articles SET duplicate_of = " + std::to_string(a) +
                     " WHERE id = " + std::to_string(b)),
            SQLITE_OK);
  EXPECT_EQ(listed(), (Slugs{"a"}));
  ASSERT_EQ(raw_exec("UPDATE articles SET duplicate_of = NULL WHERE id = " + std::to_string(b)),
            SQLITE_OK);
  EXPECT_EQ(listed(), (Slugs{"b", "a"}));
  EXPECT_EQ(drifted(), "0");
}

TEST_F(TopicListingTest, ATagMovedToAnotherArticleTakesThatArticlesPlace) {
  auto a = tagged("a", 100);
  auto b = save(article(news_.id, "b", "b", 200, ArticleStatus::kWithdrawn)).article.id;
  tagged("c", 300);
  ASSERT_EQ(raw_exec("UPDATE article_topics SET article_id = " + std::to_string(b) +
                     " WHERE article_id = " + std::to_string(a)),
            SQLITE_OK);
  EXPECT_EQ(listed(), (Slugs{"c"}));
  EXPECT_EQ(drifted(), "0");
}

// Section pages read a section's articles off one index (012_listing_walks.sql): an article
// moved to another section, by any code, leaves one list and joins the other.
TEST_F(SqliteStoreTest, AnArticleMovedToAnotherSectionIsListedThereOnly) {
  auto news = add_section("news");
  auto sport = add_section("sport");
  auto a = save(article(news.id, "a", "a", 100)).article.id;
  save(article(news.id, "b", "b", 200));
  save(article(sport.id, "c", "c", 300));
  ASSERT_EQ(raw_exec("UPDATE articles SET section_id = " + std::to_string(sport.id) +
                     " WHERE id = " + std::to_string(a)),
            SQLITE_OK);
  auto in_news = store_->list_section_articles(news.id, {});
  auto in_sport = store_->list_section_articles(sport.id, {.offset = 1, .limit = 1});
  ASSERT_TRUE(in_news && in_sport);
  EXPECT_EQ(slugs(*in_news), (std::vector<std::string>{"b"}));
  EXPECT_EQ(in_news->total, 1);
  EXPECT_EQ(slugs(*in_sport), (std::vector<std::string>{"a"}));
  EXPECT_EQ(in_sport->total, 2);
}

// A database made before 012, with tags of articles in every state: the migration copies
// each tag's article's values, and the topic lists what it listed before.
TEST_F(SqliteStoreTest, TopicListingsCoverTagsStoredBeforeTheMigration) {
  store_.reset();
  fs::remove(path_);
  const int64_t now = clock_.now().time_since_epoch().count();
  {
    auto conn = Connection::open(path_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ASSERT_TRUE(conn) << conn.error().message;
    ASSERT_EQ(apply_migrations(**conn, embedded_migrations().first(11)).value(), 11);
    const std::string sql =
        "INSERT INTO sections (id, slug, title, description, kind, position,"
        " attribution_template, disclaimer_template, moderation, noindex) VALUES"
        " (1, 'news', 'News', '', 'editorial', 0, '', '', 'auto-publish', 0);"
        "INSERT INTO topics (id, kind, key, name, slug) VALUES (1, 'subject', 'one', 'One',"
        " 'one');"
        "INSERT INTO articles (id, section_id, guid, slug, headline, standfirst, body_html,"
        " author, language, original_url, published, updated, ingested, status, version,"
        " change_seq, duplicate_of, embargo_until) VALUES"
        " (1, 1, 'a', 'a', 'A', '', '', '', 'en', '', 100, 100, 0, 'published', 1, 1, NULL,"
        "  NULL),"
        " (2, 1, 'b', 'b', 'B', '', '', '', 'en', '', 500, 500, 0, 'withdrawn', 1, 2, NULL,"
        "  NULL),"
        " (3, 1, 'c', 'c', 'C', '', '', '', 'en', '', 300, 300, 0, 'published', 1, 3, 1, NULL),"
        " (4, 1, 'd', 'd', 'D', '', '', '', 'en', '', 400, 400, 0, 'published', 1, 4, NULL, " +
        std::to_string(now + 60) + "),"
        " (5, 1, 'e', 'e', 'E', '', '', '', 'en', '', 200, 200, 0, 'published', 1, 5, NULL, " +
        std::to_string(now - 60) + "),"
        " (6, 1, 'f', 'f', 'F', '', '', '', 'en', '', 600, 600, 0, 'published', 1, 6, NULL,"
        "  NULL);"
        "INSERT INTO article_topics (article_id, topic_id, source, removed) VALUES"
        " (1, 1, 'tagger', 0), (2, 1, 'tagger', 0), (3, 1, 'tagger', 0), (4, 1, 'zone', 0),"
        " (5, 1, 'zone', 0), (6, 1, 'editor', 1);";
    auto inserted = (*conn)->exec(sql);
    ASSERT_TRUE(inserted) << inserted.error().message;
  }
  store_ = open_store();
  ASSERT_TRUE(store_);
  auto page = store_->list_topic_articles(1, {}, std::nullopt);
  ASSERT_TRUE(page) << page.error().message;
  EXPECT_EQ(slugs(*page), (std::vector<std::string>{"e", "a"}));
  EXPECT_EQ(page->total, 2);
  clock_.advance(seconds(60));  // d's embargo ends
  page = store_->list_topic_articles(1, {}, std::nullopt);
  ASSERT_TRUE(page) << page.error().message;
  EXPECT_EQ(slugs(*page), (std::vector<std::string>{"d", "e", "a"}));
  EXPECT_EQ(page->total, 3);
}

// ---- backup, concurrency, invariants ----

TEST_F(SqliteStoreTest, BackupIsACompleteDatabaseThatOpensWithTheSameData) {
  auto news = add_section("news");
  auto in = article(news.id, "g1", "Story");
  save(in);
  in.content.body_html = "<p>v2</p>";
  auto saved = save(in);
  ASSERT_TRUE(store_->set_site({.name = "Backup Times"}));

  const std::string backup = (dir_ / "backup.db").string();
  auto done = store_->backup_to(backup);
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_TRUE(fs::exists(backup));
  EXPECT_FALSE(fs::exists(backup + ".tmp"));

  auto again = store_->backup_to(backup);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kInvalidInput);

  auto copy = open_store(backup);
  ASSERT_TRUE(copy);
  EXPECT_EQ(copy->get_site()->name, "Backup Times");
  auto article_copy = copy->find_article(saved.article.id);
  ASSERT_TRUE(article_copy);
  EXPECT_EQ(article_copy->content.body_html, "<p>v2</p>");
  EXPECT_EQ(copy->list_versions(saved.article.id)->size(), 2u);
  EXPECT_EQ(copy->find_section_by_slug("news")->id, news.id);
}

TEST_F(SqliteStoreTest, BackupIntoAMissingDirectoryIsUnavailable) {
  auto done = store_->backup_to((dir_ / "missing" / "b.db").string());
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().code, ErrorCode::kUnavailable) << done.error().message;
}

TEST_F(SqliteStoreTest, ArticleVersionsAreAppendOnly) {
  auto news = add_section("news");
  save(article(news.id, "g1", "Story"));
  store_.reset();
  EXPECT_NE(raw_exec("UPDATE article_versions SET headline = 'x'"), SQLITE_OK);
  EXPECT_NE(raw_exec("DELETE FROM article_versions"), SQLITE_OK);
  EXPECT_EQ(raw_query("SELECT headline FROM article_versions"), "Story");
}

TEST_F(SqliteStoreTest, EveryArticleWriteTakesANewChangeSequenceNumber) {
  auto news = add_section("news");
  auto a = save(article(news.id, "a", "a"));
  auto b = save(article(news.id, "b", "b"));
  auto seq = [&](const SaveResult& s) {
    return std::stoll(raw_query("SELECT change_seq FROM articles WHERE id = " +
                                std::to_string(s.article.id)));
  };
  const auto b_before = seq(b);
  EXPECT_LT(seq(a), b_before);
  ASSERT_TRUE(store_->set_article_status(a.article.id, ArticleStatus::kWithdrawn, model::Actor::kEditor));
  EXPECT_GT(seq(a), b_before);
}

TEST_F(SqliteStoreTest, ReadersAndTheWriterRunFromManyThreads) {
  auto news = add_section("news");
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        auto saved = store_->save_article(
            article(news.id, std::to_string(t) + "-" + std::to_string(i), "Same Headline", i));
        if (!saved) ++failures;
        auto page = store_->list_section_articles(news.id, {.limit = 5});
        if (!page) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto page = store_->list_section_articles(news.id, {.limit = 1});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->total, 100);
  EXPECT_EQ(raw_query("SELECT count(DISTINCT slug) FROM articles"), "100");
}

// ---- tombstones, embargo, duplicates, provenance (issue 3) ----

TEST_F(SqliteStoreTest, AnEditorsWithdrawalIsATombstoneANewVersionDoesNotUndo) {
  auto zone = add_section("zone");
  auto in = article(zone.id, "g1", "Story");
  auto first = save(in);
  ASSERT_TRUE(store_->set_article_status(first.article.id, ArticleStatus::kWithdrawn,
                                         model::Actor::kEditor));
  in.content.headline = "Story, sent again with a change";
  auto again = save(in);
  EXPECT_EQ(again.outcome, SaveOutcome::kNewVersion);
  EXPECT_EQ(again.article.version, 2);  // the new text is kept...
  auto stored = store_->find_article(first.article.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->status, ArticleStatus::kWithdrawn);  // ...but not shown
  EXPECT_EQ(stored->withdrawn_by, model::Actor::kEditor);
  EXPECT_EQ(store_->list_section_articles(zone.id, {})->total, 0);
}

TEST_F(SqliteStoreTest, APartnersTakeDownIsUndoneByThePartnersNextVersion) {
  auto zone = add_section("zone");
  auto in = article(zone.id, "g1", "Story");
  auto first = save(in);
  ASSERT_TRUE(store_->set_article_status(first.article.id, ArticleStatus::kWithdrawn,
                                         model::Actor::kPartner));
  EXPECT_EQ(store_->find_article(first.article.id)->withdrawn_by, model::Actor::kPartner);
  in.content.headline = "Story, cleared for publication";
  auto again = save(in);
  EXPECT_EQ(again.article.status, ArticleStatus::kPublished);
  EXPECT_EQ(store_->find_article(first.article.id)->withdrawn_by, std::nullopt);
  EXPECT_EQ(store_->list_section_articles(zone.id, {})->total, 1);
}

TEST_F(SqliteStoreTest, AnEmbargoedArticleIsListedOnlyOnceItsEmbargoHasPassed) {
  auto zone = add_section("zone");
  auto in = article(zone.id, "g1", "Embargoed");
  in.embargo_until = clock_.now() + seconds(3600);
  auto saved = save(in);
  EXPECT_EQ(store_->find_article(saved.article.id)->embargo_until, in.embargo_until);
  EXPECT_EQ(store_->list_section_articles(zone.id, {})->total, 0);
  clock_.advance(seconds(3600));
  EXPECT_EQ(store_->list_section_articles(zone.id, {})->total, 1);
}

TEST_F(SqliteStoreTest, APartnerMovingOnlyTheEmbargoChangesNoVersion) {
  auto zone = add_section("zone");
  auto in = article(zone.id, "g1", "Embargoed");
  in.embargo_until = clock_.now() + seconds(3600);
  save(in);
  in.embargo_until.reset();  // lifted early
  auto again = save(in);
  EXPECT_EQ(again.outcome, SaveOutcome::kUnchanged);
  EXPECT_EQ(again.article.version, 1);
  EXPECT_EQ(store_->list_section_articles(zone.id, {})->total, 1);
}

TEST_F(SqliteStoreTest, ANearDuplicateIsKeptButNeverListedNorAFingerprintCandidate) {
  auto zone = add_section("zone");
  auto topic = store_->upsert_topic({.kind = model::TopicKind::kCountry, .key = "CN",
                                     .name = "China", .slug = "china"});
  ASSERT_TRUE(topic);
  auto original = article(zone.id, "g1", "Story");
  original.simhash = 0xF0F0F0F0F0F0F0F0ull;
  auto first = save(original);
  auto copy = article(zone.id, "g2", "Story (resent)");
  copy.simhash = 0xF0F0F0F0F0F0F0F1ull;
  copy.duplicate_of = first.article.id;
  auto second = save(copy);
  ASSERT_TRUE(store_->tag_article(first.article.id, topic->id, model::TagSource::kTagger));
  ASSERT_TRUE(store_->tag_article(second.article.id, topic->id, model::TagSource::kTagger));
  EXPECT_EQ(store_->find_article(second.article.id)->duplicate_of, first.article.id);
  EXPECT_EQ(store_->list_section_articles(zone.id, {})->total, 1);
  EXPECT_EQ(store_->list_topic_articles(topic->id, {}, std::nullopt)->total, 1);
  auto prints = store_->list_fingerprints(zone.id, 10);
  ASSERT_TRUE(prints);
  ASSERT_EQ(prints->size(), 1u);
  EXPECT_EQ(prints->at(0).first, first.article.id);
  EXPECT_EQ(prints->at(0).second, 0xF0F0F0F0F0F0F0F0ull);  // all 64 bits survive SQLite
}

TEST_F(SqliteStoreTest, EachVersionRemembersItsDeliveryAndMetadata) {
  auto zone = add_section("zone");
  auto delivery = store_->begin_delivery({.received = clock_.now(),
                                          .section_id = zone.id,
                                          .channel = model::Channel::kPoll,
                                          .origin = "https://partner.example/feed.xml",
                                          .bytes = 1234,
                                          .raw_sha256 = std::string(64, 'a')});
  ASSERT_TRUE(delivery) << delivery.error().message;
  auto in = article(zone.id, "g1", "Story");
  in.content.metadata_json = R"({"rights":"(c) Partner"})";
  in.delivery_id = delivery->id;
  auto first = save(in);
  in.content.metadata_json = R"({"rights":"CC BY 4.0"})";  // metadata alone is a new version
  in.delivery_id.reset();
  auto second = save(in);
  EXPECT_EQ(second.outcome, SaveOutcome::kNewVersion);
  auto versions = store_->list_versions(first.article.id);
  ASSERT_TRUE(versions);
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ(versions->at(0).delivery_id, delivery->id);
  EXPECT_EQ(versions->at(0).content.metadata_json, R"({"rights":"(c) Partner"})");
  EXPECT_EQ(versions->at(1).delivery_id, std::nullopt);

  ASSERT_TRUE(store_->finish_delivery(delivery->id, "rss20",
                                      {.items = 1, .created = 1}, "ok"));
  auto log = store_->list_deliveries({.section = zone.id});
  ASSERT_TRUE(log);
  ASSERT_EQ(log->size(), 1u);
  EXPECT_EQ(log->at(0).format, "rss20");
  EXPECT_EQ(log->at(0).counts.created, 1);
  EXPECT_EQ(log->at(0).result, "ok");
  EXPECT_EQ(log->at(0).origin, "https://partner.example/feed.xml");
  EXPECT_NE(raw_exec("DELETE FROM deliveries"), SQLITE_OK);  // the log is never deleted
}

TEST_F(SqliteStoreTest, AtomicallyCommitsEveryWriteOrNone) {
  auto zone = add_section("zone");
  Status failed = store_->atomically([&]() -> Status {
    auto a = store_->save_article(article(zone.id, "a", "First"));
    if (!a) return a.error();
    // Reads inside see the writes so far.
    EXPECT_EQ(store_->find_article(a->article.id)->content.headline, "First");
    auto b = store_->save_article(article(zone.id, "b", ""));  // empty headline: refused
    if (!b) return b.error();
    return Ok();
  });
  EXPECT_EQ(failed.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(store_->count_articles().value(), 0);  // "First" was rolled back too

  Status done = store_->atomically([&]() -> Status {
    for (const char* guid : {"a", "b", "c"}) {
      auto saved = store_->save_article(article(zone.id, guid, guid));
      if (!saved) return saved.error();
    }
    return Ok();
  });
  EXPECT_TRUE(done) << done.error().message;
  EXPECT_EQ(store_->count_articles().value(), 3);
  // A failed write inside a successful whole undoes only itself.
  Status partial = store_->atomically([&]() -> Status {
    EXPECT_FALSE(store_->add_source(999, {.url = "https://x.example/"}));
    return store_->save_article(article(zone.id, "d", "d")) ? Ok() : Error::Internal("save");
  });
  EXPECT_TRUE(partial);
  EXPECT_EQ(store_->count_articles().value(), 4);
}

// ---- tokens ----

TEST_F(SqliteStoreTest, TokensAreFoundByHashAndRevokedOnce) {
  auto partner = store_->add_partner({.slug = "pdo", .name = "People's Daily Online"});
  ASSERT_TRUE(partner);
  auto token = store_->add_token({.partner_id = partner->id, .name = "CMS",
                                  .prefix = "nzp_abcd", .hash = "h1", .created = clock_.now()});
  ASSERT_TRUE(token) << token.error().message;
  EXPECT_EQ(store_->find_token_by_hash("h1")->id, token->id);
  EXPECT_EQ(store_->find_token_by_hash("h2").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->add_token({.partner_id = partner->id, .name = "again", .hash = "h1"})
                .error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(store_->add_token({.partner_id = 999, .name = "x", .hash = "h3"}).error().code,
            ErrorCode::kNotFound);
  ASSERT_TRUE(store_->revoke_token(token->id, at(1'700'000'100)));
  ASSERT_TRUE(store_->revoke_token(token->id, at(1'700'000'200)));
  auto revoked = store_->find_token(token->id);
  EXPECT_FALSE(revoked->valid());
  EXPECT_EQ(revoked->revoked, at(1'700'000'100));
  EXPECT_EQ(store_->list_tokens(partner->id)->size(), 1u);
  EXPECT_EQ(store_->revoke_token(999, clock_.now()).error().code, ErrorCode::kNotFound);
}

// ---- sources ----

TEST_F(SqliteStoreTest, SourcesAreValidatedAndOnlyFeedZones) {
  auto news = add_section("news");
  auto zone = add_zone("zone");
  model::SourceSettings settings{.url = "https://partner.example/feed.xml"};
  EXPECT_EQ(store_->add_source(news.id, settings).error().code, ErrorCode::kInvalidInput);
  auto source = store_->add_source(zone.id, settings);
  ASSERT_TRUE(source) << source.error().message;
  EXPECT_EQ(source->state.next_poll, clock_.now());  // due at once
  EXPECT_EQ(store_->add_source(zone.id, settings).error().code, ErrorCode::kConflict);
  EXPECT_EQ(store_->add_source(zone.id, {.url = "file:///etc/passwd"}).error().code,
            ErrorCode::kInvalidInput);
  EXPECT_EQ(store_->add_source(zone.id, {.url = "https://x.example/", .every = seconds(5)})
                .error().code,
            ErrorCode::kInvalidInput);
  EXPECT_EQ(store_->add_source(zone.id, {.url = "https://x.example/",
                                          .headers = {{"X-Evil", "a\r\nHost: b"}}})
                .error().code,
            ErrorCode::kInvalidInput);
  EXPECT_EQ(store_->add_source(999, settings).error().code, ErrorCode::kNotFound);
}

TEST_F(SqliteStoreTest, SourceSettingsAndPollStateAreWrittenSeparately) {
  auto zone = add_zone("zone");
  auto source = store_->add_source(
      zone.id, {.url = "https://partner.example/feed.xml",
                 .headers = {{"X-Api-Key", "k1"}, {"Accept-Language", "en"}}});
  ASSERT_TRUE(source);
  model::PollState state{.etag = "\"v1\"", .last_modified = "Sat, 28 Nov 2026 10:00:00 GMT",
                         .next_poll = clock_.now() + seconds(600),
                         .last_attempt = clock_.now(), .last_success = clock_.now(),
                         .typical_gap = seconds(3600), .guid_warning = "same guid"};
  ASSERT_TRUE(store_->record_poll(source->id, state));
  auto settings = source->settings;
  settings.enabled = false;
  settings.identity_key = model::IdentityKey::kLinkWithoutQuery;
  ASSERT_TRUE(store_->set_source_settings(source->id, settings));
  auto found = store_->find_source(source->id);
  ASSERT_TRUE(found);
  EXPECT_FALSE(found->settings.enabled);
  EXPECT_EQ(found->settings.identity_key, model::IdentityKey::kLinkWithoutQuery);
  EXPECT_EQ(found->settings.headers, settings.headers);
  EXPECT_EQ(found->state.etag, "\"v1\"");  // same URL: validators kept
  EXPECT_EQ(found->state.typical_gap, seconds(3600));
  EXPECT_EQ(found->state.guid_warning, "same guid");
  EXPECT_TRUE(store_->due_sources(clock_.now() + seconds(3600), 10)->empty());  // disabled

  settings.enabled = true;
  settings.url = "https://partner.example/new-feed.xml";
  ASSERT_TRUE(store_->set_source_settings(source->id, settings));
  found = store_->find_source(source->id);
  EXPECT_EQ(found->state.etag, "");  // a new URL is a new feed
  auto due = store_->due_sources(clock_.now(), 10);
  ASSERT_TRUE(due);
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ(due->at(0).settings.url, "https://partner.example/new-feed.xml");

  state.gone = true;
  ASSERT_TRUE(store_->record_poll(source->id, state));
  EXPECT_TRUE(store_->due_sources(clock_.now() + seconds(99999), 10)->empty());
  EXPECT_EQ(store_->record_poll(999, state).error().code, ErrorCode::kNotFound);
}

// ---- sitemaps ----

// 2024-01-15, 2024-02-15 and 2024-03-15, 12:00 UTC.
constexpr int64_t kJan = 1'705'320'000;
constexpr int64_t kFeb = 1'707'998'400;
constexpr int64_t kMar = 1'710'504'000;

// Moves the clock to after the months above, as a server's would be.
void move_after_march(core::FakeClock& clock) {
  clock.advance(seconds(kMar + 30 * 86400 - clock.now().time_since_epoch().count()));
}

std::vector<model::ArticleId> ids_of(const std::vector<SitemapEntry>& entries) {
  std::vector<model::ArticleId> out;
  for (const auto& e : entries) out.push_back(e.id);
  return out;
}

TEST_F(SqliteStoreTest, SitemapMonthsCountListedArticlesOfIndexableSectionsPerMonth) {
  auto news = add_section("news");
  auto zone = add_zone("zone");
  auto hidden = add_zone("hidden");
  hidden.noindex = true;
  ASSERT_TRUE(store_->update_section(hidden));
  save(article(news.id, "a", "A", kJan));
  save(article(news.id, "b", "B", kJan + 60));
  save(article(zone.id, "c", "C", kJan + 120));
  save(article(zone.id, "d", "D", kMar));
  save(article(hidden.id, "e", "E", kFeb));                          // noindex zone
  save(article(news.id, "f", "F", kFeb, ArticleStatus::kPending));   // not published
  auto withdrawn = save(article(news.id, "g", "G", kFeb));
  ASSERT_TRUE(store_->set_article_status(withdrawn.article.id, ArticleStatus::kWithdrawn,
                                         model::Actor::kEditor));
  auto dup = article(zone.id, "h", "H", kFeb);
  dup.duplicate_of = withdrawn.article.id;
  save(dup);

  auto months = store_->list_sitemap_months();
  ASSERT_TRUE(months) << months.error().message;
  ASSERT_EQ(months->size(), 2u);
  EXPECT_EQ(months->at(0).month, "2024-01");
  EXPECT_EQ(months->at(0).listed, 3);
  EXPECT_EQ(months->at(0).lastmod, at(kJan + 120));
  EXPECT_EQ(months->at(1).month, "2024-03");
  EXPECT_EQ(months->at(1).listed, 1);
}

TEST_F(SqliteStoreTest, SitemapMonthsFollowNewVersionsStatusChangesAndMovedDates) {
  auto news = add_section("news");
  auto a = save(article(news.id, "a", "A", kJan));
  // A correction: same month, lastmod moves forward, the count stays.
  auto changed = article(news.id, "a", "A corrected", kJan);
  changed.updated = at(kJan + 3600);
  save(changed);
  auto months = store_->list_sitemap_months();
  ASSERT_TRUE(months);
  ASSERT_EQ(months->size(), 1u);
  EXPECT_EQ(months->at(0).listed, 1);
  EXPECT_EQ(months->at(0).lastmod, at(kJan + 3600));
  // The partner moves the publication date to another month.
  auto moved = article(news.id, "a", "A moved", kFeb);
  moved.updated = at(kFeb);
  save(moved);
  months = store_->list_sitemap_months();
  ASSERT_TRUE(months);
  ASSERT_EQ(months->size(), 1u);
  EXPECT_EQ(months->at(0).month, "2024-02");
  // Withdrawn: the month is gone; published again: it is back.
  ASSERT_TRUE(store_->set_article_status(a.article.id, ArticleStatus::kWithdrawn,
                                         model::Actor::kPartner));
  EXPECT_TRUE(store_->list_sitemap_months()->empty());
  ASSERT_TRUE(store_->set_article_status(a.article.id, ArticleStatus::kPublished,
                                         model::Actor::kPartner));
  EXPECT_EQ(store_->list_sitemap_months()->size(), 1u);
}

TEST_F(SqliteStoreTest, AnArticleLeavingAMonthMovesItsLastmodToNow) {
  move_after_march(clock_);
  auto news = add_section("news");
  auto zone = add_zone("zone");
  save(article(news.id, "a", "A", kJan));
  auto b = save(article(zone.id, "b", "B", kJan + 60));
  auto c = save(article(news.id, "c", "C", kJan + 120));
  clock_.advance(seconds(600));
  // Zone b's withdrawal takes its row to 0; the month still says it changed now.
  ASSERT_TRUE(store_->set_article_status(b.article.id, ArticleStatus::kWithdrawn,
                                         model::Actor::kEditor));
  auto months = store_->list_sitemap_months();
  ASSERT_TRUE(months);
  ASSERT_EQ(months->size(), 1u);
  EXPECT_EQ(months->at(0).listed, 2);
  EXPECT_EQ(months->at(0).lastmod, clock_.now());
  // Moved to February by a new version (with an old `updated`): January changed now too.
  clock_.advance(seconds(600));
  auto moved = article(news.id, "c", "C moved", kFeb);
  moved.updated = at(kFeb);
  save(moved);
  months = store_->list_sitemap_months();
  ASSERT_TRUE(months);
  ASSERT_EQ(months->size(), 2u);
  EXPECT_EQ(months->at(0).lastmod, clock_.now());
  EXPECT_EQ(months->at(1).lastmod, at(kFeb));
  (void)c;
}

TEST_F(SqliteStoreTest, AChangeBetweenUnlistedStatusesLeavesLastmodAlone) {
  move_after_march(clock_);
  auto news = add_section("news");
  save(article(news.id, "a", "A", kJan));
  auto draft = save(article(news.id, "d", "D", kJan, ArticleStatus::kDraft));
  clock_.advance(seconds(600));
  ASSERT_TRUE(store_->set_article_status(draft.article.id, ArticleStatus::kPending,
                                         model::Actor::kEditor));
  EXPECT_EQ(store_->list_sitemap_months()->at(0).lastmod, at(kJan));
}

TEST_F(SqliteStoreTest, RenamingASectionOrItsNoindexMovesTheLastmodOfItsMonths) {
  move_after_march(clock_);
  auto news = add_section("news");
  auto zone = add_zone("zone");
  save(article(news.id, "a", "A", kJan));
  save(article(zone.id, "b", "B", kJan));
  save(article(news.id, "c", "C", kFeb));
  clock_.advance(seconds(600));
  zone.noindex = true;  // January loses b; February is as it was
  ASSERT_TRUE(store_->update_section(zone));
  auto months = store_->list_sitemap_months();
  ASSERT_TRUE(months);
  ASSERT_EQ(months->size(), 2u);
  EXPECT_EQ(months->at(0).lastmod, clock_.now());
  EXPECT_EQ(months->at(1).lastmod, at(kFeb));
  clock_.advance(seconds(600));
  news.slug = "finland";  // every URL of news changes
  ASSERT_TRUE(store_->update_section(news));
  months = store_->list_sitemap_months();
  EXPECT_EQ(months->at(0).lastmod, clock_.now());
  EXPECT_EQ(months->at(1).lastmod, clock_.now());
  clock_.advance(seconds(600));
  news.title = "Finland";  // the URLs stay
  ASSERT_TRUE(store_->update_section(news));
  EXPECT_EQ(store_->list_sitemap_months()->at(1).lastmod, clock_.now() - seconds(600));
}

TEST_F(SqliteStoreTest, SitemapMonthsSeeANoindexChangeAtOnce) {
  auto zone = add_zone("zone");
  save(article(zone.id, "a", "A", kJan));
  EXPECT_EQ(store_->list_sitemap_months()->size(), 1u);
  zone.noindex = true;
  ASSERT_TRUE(store_->update_section(zone));
  EXPECT_TRUE(store_->list_sitemap_months()->empty());
}

TEST_F(SqliteStoreTest, SitemapEntriesAreAMonthsListedArticlesNewestFirstInPages) {
  auto news = add_section("news");
  auto hidden = add_zone("hidden");
  hidden.noindex = true;
  ASSERT_TRUE(store_->update_section(hidden));
  auto a = save(article(news.id, "a", "A", kJan));
  auto b = save(article(news.id, "b", "B", kJan + 60));
  auto c = save(article(news.id, "c", "C", kJan + 120));
  save(article(news.id, "d", "D", kFeb));  // next month
  save(article(hidden.id, "e", "E", kJan));
  save(article(news.id, "f", "F", kJan, ArticleStatus::kPending));
  auto embargoed = article(news.id, "g", "G", kJan);
  embargoed.embargo_until = clock_.now() + seconds(3600);
  save(embargoed);

  const auto from = at(1'704'067'200), to = at(1'706'745'600);  // 2024-01-01 .. 2024-02-01
  auto all = store_->list_sitemap_entries(from, to, 0, 100);
  ASSERT_TRUE(all) << all.error().message;
  EXPECT_EQ(ids_of(*all), (std::vector{c.article.id, b.article.id, a.article.id}));
  EXPECT_EQ(all->at(0).slug, c.article.slug);
  EXPECT_EQ(all->at(0).section_id, news.id);
  EXPECT_EQ(all->at(0).updated, at(kJan + 120));
  EXPECT_TRUE(all->at(0).headline.empty());  // not needed in a monthly sitemap

  auto second_page = store_->list_sitemap_entries(from, to, 2, 2);
  ASSERT_TRUE(second_page);
  EXPECT_EQ(ids_of(*second_page), (std::vector{a.article.id}));
}

TEST_F(SqliteStoreTest, RecentSitemapEntriesAreSinceATimeUpToNowWithHeadlines) {
  const int64_t now = clock_.now().time_since_epoch().count();
  auto news = add_section("news");
  auto zone = add_zone("zone");
  auto old = save(article(news.id, "old", "Old", now - 49 * 3600));
  auto recent = save(article(zone.id, "recent", "Recent", now - 3600));
  auto newest = save(article(news.id, "newest", "Newest", now - 60));
  save(article(news.id, "future", "Future", now + 3600));
  auto withdrawn = save(article(news.id, "gone", "Gone", now - 120));
  ASSERT_TRUE(store_->set_article_status(withdrawn.article.id, ArticleStatus::kWithdrawn,
                                         model::Actor::kEditor));
  auto entries = store_->list_recent_sitemap_entries(at(now - 48 * 3600), 1000);
  ASSERT_TRUE(entries) << entries.error().message;
  EXPECT_EQ(ids_of(*entries), (std::vector{newest.article.id, recent.article.id}));
  EXPECT_EQ(entries->at(1).headline, "Recent");
  EXPECT_EQ(entries->at(1).language, "en");
  (void)old;

  auto one = store_->list_recent_sitemap_entries(at(now - 48 * 3600), 1);
  ASSERT_TRUE(one);
  EXPECT_EQ(one->size(), 1u);
}

TEST_F(SqliteStoreTest, SitemapMonthsAreBuiltFromArticlesStoredBeforeTheMigration) {
  // A database at schema 3 with articles, then opened by this newszone: migration 4 counts
  // what is there.
  store_.reset();
  fs::remove(path_);
  {
    auto conn = Connection::open(path_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ASSERT_TRUE(conn) << conn.error().message;
    ASSERT_EQ(apply_migrations(**conn, embedded_migrations().first(3)).value(), 3);
    const char* sql =
        "INSERT INTO sections (id, slug, title, description, kind, position, attribution_template,"
        " disclaimer_template, moderation, noindex) VALUES (1, 'news', 'News', '', 'editorial', 0,"
        " '', '', 'auto-publish', 0);"
        "INSERT INTO articles (section_id, guid, slug, headline, standfirst, body_html, author,"
        " language, original_url, published, updated, ingested, status, version, change_seq)"
        " VALUES (1, 'a', 'a', 'A', '', '', '', 'en', '', 1705320000, 1705320000, 0,"
        " 'published', 1, 1), (1, 'b', 'b', 'B', '', '', '', 'en', '', 1705320060, 1705320100,"
        " 0, 'published', 1, 2), (1, 'c', 'c', 'C', '', '', '', 'en', '', 1705320000,"
        " 1705320000, 0, 'withdrawn', 1, 3);";
    auto inserted = (*conn)->exec(sql);
    ASSERT_TRUE(inserted) << inserted.error().message;
  }
  store_ = open_store();
  ASSERT_TRUE(store_);
  auto months = store_->list_sitemap_months();
  ASSERT_TRUE(months) << months.error().message;
  ASSERT_EQ(months->size(), 1u);
  EXPECT_EQ(months->at(0).month, "2024-01");
  EXPECT_EQ(months->at(0).listed, 2);
  EXPECT_EQ(months->at(0).lastmod, at(1705320100));
}

// ---- users, sessions, failed logins (007_accounts.sql) ----

constexpr const char* kHash = "$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA";

// Issue 8: a token of a user (an editor), listed apart from partners' tokens.
TEST_F(SqliteStoreTest, ATokenBelongsToAPartnerOrAUser) {
  auto partner = store_->add_partner({.slug = "pdo", .name = "People's Daily Online"});
  auto user = store_->add_user({.email = "ed@example.org", .role = model::Role::kEditor,
                                .password_hash = kHash, .created = clock_.now()});
  ASSERT_TRUE(partner && user);
  auto mine = store_->add_token({.user_id = user->id, .name = "Script", .prefix = "nzp_u",
                                 .hash = "hu", .created = clock_.now()});
  ASSERT_TRUE(mine) << mine.error().message;
  ASSERT_TRUE(store_->add_token({.partner_id = partner->id, .name = "CMS", .prefix = "nzp_p",
                                 .hash = "hp", .created = clock_.now()}));
  auto found = store_->find_token_by_hash("hu");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->user_id, user->id);
  EXPECT_FALSE(found->partner_id);
  auto users = store_->list_user_tokens(user->id);
  ASSERT_TRUE(users);
  ASSERT_EQ(users->size(), 1u);
  EXPECT_EQ(users->front().name, "Script");
  EXPECT_EQ(store_->list_tokens(partner->id)->size(), 1u);
  EXPECT_EQ(store_->list_tokens(std::nullopt)->size(), 2u);
  EXPECT_EQ(store_->add_token({.user_id = 999, .name = "x", .hash = "h9"}).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(store_->add_token({.partner_id = partner->id, .user_id = user->id, .name = "both",
                               .hash = "h8"}).error().code,
            ErrorCode::kInvalidInput);
  EXPECT_EQ(store_->add_token({.name = "neither", .hash = "h7"}).error().code,
            ErrorCode::kInvalidInput);
}

TEST_F(SqliteStoreTest, UsersAreFoundByEmailWhateverItsCase) {
  auto user = store_->add_user({.email = "Editor@Example.org", .role = model::Role::kEditor,
                                .password_hash = kHash, .created = clock_.now()});
  ASSERT_TRUE(user) << user.error().message;
  EXPECT_GT(user->id, 0);
  auto found = store_->find_user_by_email("editor@example.ORG");
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_EQ(found->id, user->id);
  EXPECT_EQ(found->email, "Editor@Example.org");
  EXPECT_EQ(found->role, model::Role::kEditor);
  EXPECT_EQ(found->password_hash, kHash);
  EXPECT_EQ(store_->find_user_by_email("nobody@example.org").error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(store_->add_user({.email = "EDITOR@example.org", .role = model::Role::kAdmin,
                              .password_hash = kHash})
                .error().code,
            ErrorCode::kConflict);
}

TEST_F(SqliteStoreTest, PartnerUsersNeedAnExistingPartnerAndOnlyThey) {
  auto partner = store_->add_partner({.slug = "pdo", .name = "People's Daily Online"});
  ASSERT_TRUE(partner);
  EXPECT_EQ(store_->add_user({.email = "p@x.org", .role = model::Role::kPartner,
                              .password_hash = kHash})
                .error().code,
            ErrorCode::kInvalidInput);
  EXPECT_EQ(store_->add_user({.email = "e@x.org", .role = model::Role::kEditor,
                              .partner_id = partner->id, .password_hash = kHash})
                .error().code,
            ErrorCode::kInvalidInput);
  EXPECT_EQ(store_->add_user({.email = "p@x.org", .role = model::Role::kPartner,
                              .partner_id = 999, .password_hash = kHash})
                .error().code,
            ErrorCode::kNotFound);
  auto user = store_->add_user({.email = "p@x.org", .role = model::Role::kPartner,
                                .partner_id = partner->id, .password_hash = kHash});
  ASSERT_TRUE(user) << user.error().message;
  EXPECT_EQ(store_->find_user(user->id)->partner_id, partner->id);
  EXPECT_EQ(store_->list_users()->size(), 1u);
}

TEST_F(SqliteStoreTest, OnlyPasswordHashesFromArgon2idAreStored) {
  EXPECT_FALSE(store_->add_user({.email = "a@x.org", .role = model::Role::kAdmin,
                                 .password_hash = "plain text password"}));
  EXPECT_EQ(store_->list_users()->size(), 0u);
}

TEST_F(SqliteStoreTest, SessionsAreFoundByHashTouchedAndDeleted) {
  auto user = store_->add_user({.email = "a@x.org", .role = model::Role::kAdmin,
                                .password_hash = kHash});
  ASSERT_TRUE(user);
  model::Session session{.id_hash = "abc", .user_id = user->id, .csrf_token = "csrf",
                         .created = at(1000), .expires = at(5000), .last_seen = at(1000),
                         .address = "127.0.0.1"};
  ASSERT_TRUE(store_->add_session(session));
  EXPECT_EQ(store_->add_session(session).error().code, ErrorCode::kConflict);
  ASSERT_TRUE(store_->touch_session("abc", at(2000)));
  ASSERT_TRUE(store_->touch_session("abc", at(1500)));  // never moves back
  auto found = store_->find_session("abc");
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_EQ(found->user_id, user->id);
  EXPECT_EQ(found->csrf_token, "csrf");
  EXPECT_EQ(found->last_seen, at(2000));
  EXPECT_EQ(found->expires, at(5000));
  ASSERT_TRUE(store_->delete_session("abc"));
  EXPECT_EQ(store_->find_session("abc").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->add_session({.id_hash = "x", .user_id = 999, .csrf_token = "c"})
                .error().code,
            ErrorCode::kNotFound);
}

TEST_F(SqliteStoreTest, ExpiredAndIdleSessionsAreDeletedOthersKept) {
  auto user = store_->add_user({.email = "a@x.org", .role = model::Role::kAdmin,
                                .password_hash = kHash});
  ASSERT_TRUE(user);
  auto add = [&](std::string hash, int64_t expires, int64_t last_seen) {
    ASSERT_TRUE(store_->add_session({.id_hash = hash, .user_id = user->id, .csrf_token = "c",
                                     .created = at(0), .expires = at(expires),
                                     .last_seen = at(last_seen)}));
  };
  add("past-end", 900, 990);
  add("idle", 5000, 100);
  add("live", 5000, 990);
  auto deleted = store_->delete_expired_sessions(at(1000), at(500));
  ASSERT_TRUE(deleted) << deleted.error().message;
  EXPECT_EQ(*deleted, 2);
  EXPECT_TRUE(store_->find_session("live"));
  EXPECT_FALSE(store_->find_session("idle"));
}

TEST_F(SqliteStoreTest, DisablingAUserEndsTheirSessions) {
  auto user = store_->add_user({.email = "a@x.org", .role = model::Role::kEditor,
                                .password_hash = kHash});
  ASSERT_TRUE(user);
  ASSERT_TRUE(store_->add_session({.id_hash = "s1", .user_id = user->id, .csrf_token = "c",
                                   .expires = at(5000)}));
  ASSERT_TRUE(store_->set_user_disabled(user->id, true));
  EXPECT_TRUE(store_->find_user(user->id)->disabled);
  EXPECT_EQ(store_->find_session("s1").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->set_user_disabled(999, true).error().code, ErrorCode::kNotFound);
}

TEST_F(SqliteStoreTest, LoginFailuresAreCountedPerAccountAndAddressInTheWindow) {
  ASSERT_TRUE(store_->record_login_failure("a@x.org", "10.0.0.1", at(100), at(0)));
  ASSERT_TRUE(store_->record_login_failure("a@x.org", "10.0.0.2", at(200), at(0)));
  ASSERT_TRUE(store_->record_login_failure("b@x.org", "10.0.0.1", at(300), at(0)));
  auto counts = store_->count_login_failures("a@x.org", "10.0.0.1", at(150));
  ASSERT_TRUE(counts) << counts.error().message;
  EXPECT_EQ(counts->account, 1);  // the one at 100 is outside the window
  EXPECT_EQ(counts->address, 1);
  EXPECT_EQ(counts->oldest_account_failure, at(200));
  counts = store_->count_login_failures("a@x.org", "10.0.0.1", at(0));
  EXPECT_EQ(counts->account, 2);
  EXPECT_EQ(counts->address, 2);
  ASSERT_TRUE(store_->clear_login_failures("a@x.org"));
  counts = store_->count_login_failures("a@x.org", "10.0.0.1", at(0));
  EXPECT_EQ(counts->account, 0);
  EXPECT_EQ(counts->address, 1);
  EXPECT_FALSE(counts->oldest_account_failure);
}

TEST_F(SqliteStoreTest, OldLoginFailuresAreForgottenAsNewOnesArrive) {
  ASSERT_TRUE(store_->record_login_failure("a@x.org", "10.0.0.1", at(100), at(0)));
  ASSERT_TRUE(store_->record_login_failure("a@x.org", "10.0.0.1", at(1000), at(500)));
  EXPECT_EQ(raw_query("SELECT count(*) FROM login_failures"), "1");
}

TEST_F(SqliteStoreTest, AddressesAUserSignedInFromAreKnownForAWhile) {
  auto user = store_->add_user({.email = "a@x.org", .role = model::Role::kEditor,
                                .password_hash = kHash});
  ASSERT_TRUE(user);
  ASSERT_TRUE(store_->record_login_success(user->id, "10.0.0.1", at(100)));
  ASSERT_TRUE(store_->record_login_success(user->id, "10.0.0.1", at(500)));
  EXPECT_TRUE(*store_->is_known_address(user->id, "10.0.0.1", at(400)));
  EXPECT_FALSE(*store_->is_known_address(user->id, "10.0.0.1", at(600)));
  EXPECT_FALSE(*store_->is_known_address(user->id, "10.0.0.2", at(0)));
}

// ---- audit log ----

TEST_F(SqliteStoreTest, AuditEntriesAreListedNewestFirstWithTheirActor) {
  auto user = store_->add_user({.email = "a@x.org", .role = model::Role::kAdmin,
                                .password_hash = kHash});
  ASSERT_TRUE(user);
  auto first = store_->append_audit({.at = at(100), .actor_kind = model::ActorKind::kCli,
                                     .actor_label = "cli", .action = "user.add",
                                     .target = "user:1", .after_json = R"({"role":"admin"})"});
  ASSERT_TRUE(first) << first.error().message;
  auto second = store_->append_audit({.at = at(200), .actor_kind = model::ActorKind::kUser,
                                      .user_id = user->id, .actor_label = "a@x.org",
                                      .action = "user.disable", .target = "user:2",
                                      .before_json = R"({"disabled":false})",
                                      .after_json = R"({"disabled":true})",
                                      .address = "127.0.0.1"});
  ASSERT_TRUE(second) << second.error().message;
  auto entries = store_->list_audit({});
  ASSERT_TRUE(entries) << entries.error().message;
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ(entries->at(0).action, "user.disable");
  EXPECT_EQ(entries->at(0).user_id, user->id);
  EXPECT_EQ(entries->at(0).before_json, R"({"disabled":false})");
  EXPECT_EQ(entries->at(0).address, "127.0.0.1");
  EXPECT_EQ(entries->at(1).actor_kind, model::ActorKind::kCli);
  EXPECT_EQ(entries->at(1).at, at(100));
  auto older = store_->list_audit({.before_id = second->id});
  ASSERT_EQ(older->size(), 1u);
  EXPECT_EQ(older->at(0).id, first->id);
}

TEST_F(SqliteStoreTest, AuditEntriesMustNameTheirActor) {
  EXPECT_EQ(store_->append_audit({.actor_kind = model::ActorKind::kUser, .action = "x"})
                .error().code,
            ErrorCode::kInvalidInput);
  EXPECT_EQ(store_->append_audit({.actor_kind = model::ActorKind::kCli, .action = ""})
                .error().code,
            ErrorCode::kInvalidInput);
}

TEST_F(SqliteStoreTest, TheAuditLogRefusesUpdateAndDelete) {
  ASSERT_TRUE(store_->append_audit({.at = at(100), .actor_kind = model::ActorKind::kCli,
                                    .actor_label = "cli", .action = "user.add",
                                    .target = "user:1"}));
  EXPECT_NE(raw_exec("UPDATE audit_log SET action = 'nothing'"), SQLITE_OK);
  EXPECT_NE(raw_exec("DELETE FROM audit_log"), SQLITE_OK);
  EXPECT_EQ(raw_query("SELECT action FROM audit_log"), "user.add");
}

// --- Moderation (issue 8) ---------------------------------------------------------------

TEST_F(SqliteStoreTest, AnEditorsEditIsANewVersionMadeByTheEditor) {
  auto zone = add_zone("zone");
  auto editor = store_->add_user({.email = "ed@x.org", .role = model::Role::kEditor,
                                  .password_hash = kHash, .created = clock_.now()});
  ASSERT_TRUE(editor) << editor.error().message;
  auto first = save(article(zone.id, "g1", "Partner headline", 1000, ArticleStatus::kPending));
  const int64_t seq = *store_->last_change_seq();
  clock_.advance(seconds{60});
  model::ArticleContent content = first.article.content;
  content.headline = "Editor headline";
  auto edited = store_->edit_article(first.article.id, content, editor->id);
  ASSERT_TRUE(edited) << edited.error().message;
  EXPECT_EQ(edited->outcome, SaveOutcome::kNewVersion);
  EXPECT_EQ(edited->article.version, 2);
  EXPECT_EQ(edited->article.status, ArticleStatus::kPending);
  EXPECT_EQ(edited->article.updated, first.article.updated) << "not published: no correction";
  EXPECT_GT(*store_->last_change_seq(), seq);
  auto versions = store_->list_versions(first.article.id);
  ASSERT_TRUE(versions);
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ(versions->at(0).editor_id, std::nullopt);
  EXPECT_EQ(versions->at(1).editor_id, editor->id);
  EXPECT_EQ(versions->at(1).editor_email, "ed@x.org");
  EXPECT_EQ(versions->at(1).content.headline, "Editor headline");
  EXPECT_EQ(versions->at(1).created, clock_.now());
  // The same text again writes nothing.
  EXPECT_EQ(store_->edit_article(first.article.id, content, editor->id)->outcome,
            SaveOutcome::kUnchanged);
  content.headline = "";
  EXPECT_EQ(store_->edit_article(first.article.id, content, editor->id).error().code,
            ErrorCode::kInvalidInput);
  EXPECT_EQ(store_->edit_article(999, first.article.content, editor->id).error().code,
            ErrorCode::kNotFound);
}

TEST_F(SqliteStoreTest, APartnerSendingItsTextAgainDoesNotUndoAnEditorsEdit) {
  auto zone = add_zone("zone");
  auto editor = store_->add_user({.email = "ed@x.org", .role = model::Role::kEditor,
                                  .password_hash = kHash, .created = clock_.now()});
  ASSERT_TRUE(editor);
  auto in = article(zone.id, "g1", "Partner headline");
  auto first = save(in);
  model::ArticleContent content = first.article.content;
  content.headline = "Editor headline";
  ASSERT_TRUE(store_->edit_article(first.article.id, content, editor->id));
  // A poll brings the partner's unchanged item again: the edit stands.
  auto again = save(in);
  EXPECT_EQ(again.outcome, SaveOutcome::kUnchanged);
  EXPECT_EQ(store_->find_article(first.article.id)->content.headline, "Editor headline");
  // A real correction from the partner is a new version, which replaces the edit.
  in.content.headline = "Partner headline, corrected";
  auto corrected = save(in);
  EXPECT_EQ(corrected.outcome, SaveOutcome::kNewVersion);
  EXPECT_EQ(corrected.article.version, 3);
  EXPECT_EQ(store_->find_article(first.article.id)->content.headline,
            "Partner headline, corrected");
}

TEST_F(SqliteStoreTest, AStatusReasonIsKeptUntilTheStatusChanges) {
  auto zone = add_zone("zone");
  auto first = save(article(zone.id, "g1", "Story", 1000, ArticleStatus::kPending));
  const model::ArticleId id = first.article.id;
  ASSERT_TRUE(store_->set_article_status(id, ArticleStatus::kWithdrawn, model::Actor::kEditor));
  ASSERT_TRUE(store_->set_status_reason(id, "Off topic for the zone"));
  auto rejected = store_->find_article(id);
  EXPECT_EQ(rejected->status_reason, "Off topic for the zone");
  EXPECT_TRUE(model::is_rejected(*rejected)) << "withdrawn by an editor, never published";
  ASSERT_TRUE(store_->set_article_status(id, ArticleStatus::kPublished, model::Actor::kEditor));
  auto published = store_->find_article(id);
  EXPECT_EQ(published->status_reason, "");
  ASSERT_TRUE(store_->set_article_status(id, ArticleStatus::kWithdrawn, model::Actor::kEditor));
  EXPECT_FALSE(model::is_rejected(*store_->find_article(id))) << "a withdrawal, once published";
  EXPECT_EQ(store_->set_status_reason(999, "x").error().code, ErrorCode::kNotFound);
}

TEST_F(SqliteStoreTest, FindArticlesFiltersBySectionStatusAndHeadlineNewestFirst) {
  auto a = add_zone("a");
  auto b = add_zone("b");
  save(article(a.id, "1", "Trade talks open", 1000, ArticleStatus::kPending));
  clock_.advance(seconds{10});
  save(article(a.id, "2", "Trade talks close", 1000, ArticleStatus::kPublished));
  clock_.advance(seconds{10});
  save(article(b.id, "3", "Weather 100% sunny", 1000, ArticleStatus::kPending));
  auto headlines = [&](const ArticleQuery& q) {
    std::vector<std::string> out;
    auto page = store_->find_articles(q, {});
    EXPECT_TRUE(page) << page.error().message;
    for (const auto& x : page->articles) out.push_back(x.content.headline);
    EXPECT_EQ(page->total, static_cast<int64_t>(out.size()));
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(headlines({}), (V{"Weather 100% sunny", "Trade talks close", "Trade talks open"}));
  EXPECT_EQ(headlines({.status = ArticleStatus::kPending}),
            (V{"Weather 100% sunny", "Trade talks open"}));
  EXPECT_EQ(headlines({.sections = {a.id}}), (V{"Trade talks close", "Trade talks open"}));
  EXPECT_EQ(headlines({.sections = {a.id, b.id}, .status = ArticleStatus::kPending}),
            (V{"Weather 100% sunny", "Trade talks open"}));
  EXPECT_EQ(headlines({.headline_contains = "TALKS c"}), (V{"Trade talks close"}));
  EXPECT_EQ(headlines({.headline_contains = "100%"}), (V{"Weather 100% sunny"}));
  EXPECT_EQ(headlines({.headline_contains = "1_0"}), V{}) << "_ is no wildcard";
  auto second = store_->find_articles({}, {.offset = 1, .limit = 1});
  ASSERT_TRUE(second);
  EXPECT_EQ(second->total, 3);
  ASSERT_EQ(second->articles.size(), 1u);
  EXPECT_EQ(second->articles[0].content.headline, "Trade talks close");
}

// ---- issue 8: password resets, partners' delivery logs and article lists ----

TEST_F(SqliteStoreTest, ANewResetLinkReplacesTheUsersOpenOnesAndEachIsUsedOnce) {
  auto user = store_->add_user({.email = "a@x.org", .role = model::Role::kEditor,
                                .password_hash = kHash});
  ASSERT_TRUE(user);
  auto first = store_->add_password_reset(
      {.user_id = user->id, .token_hash = "h1", .created = at(100), .expires = at(3700)});
  ASSERT_TRUE(first) << first.error().message;
  auto second = store_->add_password_reset(
      {.user_id = user->id, .token_hash = "h2", .created = at(200), .expires = at(3800)});
  ASSERT_TRUE(second);
  EXPECT_EQ(store_->find_password_reset("h1")->replaced, at(200));
  EXPECT_EQ(store_->find_password_reset("h2")->replaced, std::nullopt);
  EXPECT_EQ(store_->use_password_reset(first->id, at(300)).error().code, ErrorCode::kConflict);
  ASSERT_TRUE(store_->use_password_reset(second->id, at(300)));
  EXPECT_EQ(store_->find_password_reset("h2")->used, at(300));
  EXPECT_EQ(store_->use_password_reset(second->id, at(301)).error().code, ErrorCode::kConflict);
  EXPECT_EQ(store_->use_password_reset(999, at(301)).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->find_password_reset("nope").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->add_password_reset({.user_id = 999, .token_hash = "h3"}).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(store_->add_password_reset({.user_id = user->id, .token_hash = "h2"}).error().code,
            ErrorCode::kConflict);
}

TEST_F(SqliteStoreTest, APasswordIsReplacedAndAUsersSessionsEndTogether) {
  auto user = store_->add_user({.email = "a@x.org", .role = model::Role::kEditor,
                                .password_hash = kHash});
  auto other = store_->add_user({.email = "b@x.org", .role = model::Role::kEditor,
                                 .password_hash = kHash});
  ASSERT_TRUE(user && other);
  for (const char* id : {"s1", "s2"}) {
    ASSERT_TRUE(store_->add_session({.id_hash = id, .user_id = user->id, .csrf_token = "c",
                                     .expires = at(5000)}));
  }
  ASSERT_TRUE(store_->add_session({.id_hash = "s3", .user_id = other->id, .csrf_token = "c",
                                   .expires = at(5000)}));
  const std::string new_hash = std::string(kHash) + "x";
  ASSERT_TRUE(store_->set_user_password(user->id, new_hash));
  EXPECT_EQ(store_->find_user(user->id)->password_hash, new_hash);
  EXPECT_EQ(store_->delete_user_sessions(user->id).value(), 2);
  EXPECT_EQ(store_->find_session("s1").error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(store_->find_session("s3"));
  EXPECT_EQ(store_->set_user_password(999, kHash).error().code, ErrorCode::kNotFound);
  EXPECT_FALSE(store_->set_user_password(user->id, "plain text"));  // argon2id only
}

TEST_F(SqliteStoreTest, APartnersDeliveryLogHasOnlyItsZonesInPagesWithACount) {
  auto mine = add_zone("mine");
  auto theirs = add_zone("theirs");
  auto partner = mine.partner_id;
  auto second = store_->add_section({.slug = "mine-two", .title = "Mine two",
                                     .kind = model::SectionKind::kPartnerZone,
                                     .partner_id = partner});
  ASSERT_TRUE(second);
  for (int i = 0; i < 5; ++i) {
    for (model::SectionId section : {mine.id, theirs.id, second->id}) {
      ASSERT_TRUE(store_->begin_delivery({.received = at(100 + i), .section_id = section,
                                          .channel = model::Channel::kPush,
                                          .origin = "nzp_x", .raw_sha256 = "h"}));
    }
  }
  DeliveryFilter filter{.partner = *partner, .limit = 4};
  EXPECT_EQ(store_->count_deliveries(filter).value(), 10);
  auto page1 = store_->list_deliveries(filter);
  filter.offset = 8;
  auto page3 = store_->list_deliveries(filter);
  ASSERT_TRUE(page1 && page3);
  ASSERT_EQ(page1->size(), 4u);
  ASSERT_EQ(page3->size(), 2u);
  EXPECT_EQ(page1->front().received, at(104));
  EXPECT_EQ(page3->back().received, at(100));
  for (const auto* page : {&*page1, &*page3}) {
    for (const auto& d : *page) EXPECT_NE(d.section_id, theirs.id);
  }
  EXPECT_EQ(store_->count_deliveries({.section = theirs.id}).value(), 5);
  EXPECT_EQ(store_->count_deliveries({.section = theirs.id, .partner = *partner}).value(), 0);
}

TEST_F(SqliteStoreTest, FoundArticlesAreOfTheGivenZonesInEveryStatusNewestReceivedFirst) {
  auto mine = add_zone("mine");
  auto theirs = add_zone("theirs");
  save(article(mine.id, "a", "Published one"));
  save(article(mine.id, "b", "Pending one", 1000, ArticleStatus::kPending));
  save(article(theirs.id, "c", "Not mine"));
  clock_.advance(std::chrono::seconds{10});
  save(article(mine.id, "d", "Withdrawn one", 1000, ArticleStatus::kWithdrawn));
  auto all = store_->find_articles({.sections = {mine.id}}, {.limit = 2});
  ASSERT_TRUE(all) << all.error().message;
  EXPECT_EQ(all->total, 3);
  ASSERT_EQ(all->articles.size(), 2u);
  EXPECT_EQ(all->articles[0].content.headline, "Withdrawn one");
  auto pending = store_->find_articles(
      {.sections = {mine.id, theirs.id}, .status = ArticleStatus::kPending}, {});
  ASSERT_TRUE(pending);
  ASSERT_EQ(pending->total, 1);
  EXPECT_EQ(pending->articles[0].content.headline, "Pending one");
}

}  // namespace
}  // namespace nz::store::sqlite
