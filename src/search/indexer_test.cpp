#include "search/indexer.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "store/sqlite/sqlite_store.h"

namespace nz::search {
namespace {

namespace fs = std::filesystem;
using model::ArticleStatus;
using std::chrono::seconds;

core::Timestamp at(int64_t s) { return core::Timestamp{seconds{s}}; }
const core::Timestamp kNow = at(1'800'000'000);

class IndexerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "nz-indexer-test-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    auto store = store::sqlite::SqliteStore::open(
        {.path = (dir_ / "newszone.db").string(), .readers = 2, .clock = &clock_});
    ASSERT_TRUE(store) << store.error().message;
    store_ = std::move(*store);
    auto section = store_->add_section({.slug = "news", .title = "Finland News"});
    ASSERT_TRUE(section);
    section_ = section->id;
    index_ = open_index();
  }
  void TearDown() override {
    index_.reset();
    store_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  std::string index_dir() const { return (dir_ / "search").string(); }
  std::unique_ptr<SearchIndex> open_index() {
    auto index = SearchIndex::open(index_dir());
    EXPECT_TRUE(index) << index.error().message;
    return index ? std::move(*index) : nullptr;
  }
  IndexerSources sources() { return {*store_, *store_, *store_}; }

  model::ArticleId save(std::string guid, std::string headline, std::string body_html,
                        ArticleStatus status = ArticleStatus::kPublished) {
    model::Article a;
    a.section_id = section_;
    a.guid = std::move(guid);
    a.content.headline = std::move(headline);
    a.content.body_html = std::move(body_html);
    a.published = kNow - seconds(3600);
    a.updated = a.published;
    a.status = status;
    auto saved = store_->save_article(a);
    EXPECT_TRUE(saved) << saved.error().message;
    return saved ? saved->article.id : 0;
  }

  int64_t catch_up() {
    auto applied = search::catch_up(*index_, sources());
    EXPECT_TRUE(applied) << applied.error().message;
    return applied ? *applied : -1;
  }

  std::vector<model::ArticleId> ids(const std::string& text) {
    auto results = index_->search({.text = text, .limit = 100}, kNow);
    EXPECT_TRUE(results) << results.error().message;
    std::vector<model::ArticleId> out;
    if (results) {
      for (const auto& hit : results->hits) out.push_back(hit.id);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  core::FakeClock clock_{kNow};
  fs::path dir_;
  std::unique_ptr<store::sqlite::SqliteStore> store_;
  std::unique_ptr<SearchIndex> index_;
  model::SectionId section_ = 0;
};

using Ids = std::vector<model::ArticleId>;

TEST_F(IndexerTest, IndexesPublishedArticlesWithTheirBodyTextSectionAndTopics) {
  auto a = save("a", "Ferry strike", "<p>The <b>ferry</b> crews walked out in Turku.</p>");
  auto topic = store_->upsert_topic({.kind = model::TopicKind::kCountry, .key = "EE",
                                     .name = "Estonia", .slug = "estonia"});
  ASSERT_TRUE(topic);
  ASSERT_TRUE(store_->tag_article(a, topic->id, model::TagSource::kEditor));
  save("b", "Draft story about Turku", "<p>Not yet.</p>", ArticleStatus::kPending);
  EXPECT_EQ(catch_up(), 2);
  EXPECT_EQ(ids("turku"), Ids{a});  // the pending one is not searchable
  EXPECT_EQ(ids("crews"), Ids{a});
  EXPECT_EQ(ids("estonia"), Ids{a});
  EXPECT_EQ(ids("finland"), Ids{a});  // the section's title
  EXPECT_TRUE(ids("<b>").empty());
  EXPECT_EQ(catch_up(), 0);  // nothing new
}

TEST_F(IndexerTest, WithdrawnAndDuplicateArticlesLeaveTheIndex) {
  auto a = save("a", "Ferry strike", "<p>Crews walked out.</p>");
  auto b = save("b", "Ferry timetable", "<p>Crews are back.</p>");
  catch_up();
  EXPECT_EQ(ids("ferry"), (Ids{a, b}));
  ASSERT_TRUE(store_->set_article_status(a, ArticleStatus::kWithdrawn, model::Actor::kEditor));
  EXPECT_EQ(catch_up(), 1);
  EXPECT_EQ(ids("ferry"), Ids{b});
  ASSERT_TRUE(store_->set_article_status(a, ArticleStatus::kPublished, model::Actor::kEditor));
  catch_up();
  EXPECT_EQ(ids("ferry"), (Ids{a, b}));
}

TEST_F(IndexerTest, ANewVersionReplacesTheOldText) {
  auto a = save("a", "Ferry strike", "<p>Crews walked out.</p>");
  catch_up();
  save("a", "Ferry strike ends", "<p>Crews returned to work on Tuesday.</p>");
  EXPECT_EQ(catch_up(), 1);
  EXPECT_EQ(ids("tuesday"), Ids{a});
  EXPECT_TRUE(ids("walked").empty());
}

TEST_F(IndexerTest, ARestartCarriesOnFromTheLastAppliedChange) {
  for (int i = 0; i < 3; ++i) {
    save("a" + std::to_string(i), "Harbour " + std::to_string(i), "<p>x</p>");
  }
  catch_up();
  index_.reset();  // the server stops
  auto late = save("late", "Harbour late", "<p>x</p>");
  index_ = open_index();
  EXPECT_EQ(catch_up(), 1);  // only what changed while it was down
  EXPECT_EQ(ids("harbour").size(), 4u);
  EXPECT_EQ(ids("late"), Ids{late});
}

// A process killed in the middle of a catch-up leaves the index at its last committed batch,
// consistent with the sequence number recorded with it, and the next start completes it.
TEST_F(IndexerTest, ACrashMidCatchUpLosesNothing) {
  const int total = 3 * kIndexBatch / 2;  // two batches
  for (int i = 0; i < total; ++i) {
    save("g" + std::to_string(i), "Harbour story " + std::to_string(i), "<p>Boats.</p>");
  }
  index_.reset();
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // SQLite connections must not cross a fork: the child opens its own.
    auto store = store::sqlite::SqliteStore::open(
        {.path = (dir_ / "newszone.db").string(), .readers = 1, .clock = &clock_});
    auto index = SearchIndex::open(index_dir());
    if (!store || !index) _exit(3);
    // Killed right after the first batch commits, before the second.
    (void)search::catch_up(**index, {**store, **store, **store}, [](int64_t) { _exit(9); });
    _exit(4);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 9);

  index_ = open_index();
  EXPECT_EQ(index_->document_count(), kIndexBatch);
  EXPECT_GT(index_->last_applied_seq(), 0);
  EXPECT_EQ(catch_up(), total - kIndexBatch);
  EXPECT_EQ(index_->document_count(), total);
  auto results = index_->search({.text = "harbour"}, kNow);
  ASSERT_TRUE(results);
  EXPECT_EQ(results->total_estimate, total);
}

TEST_F(IndexerTest, RebuildMakesANewGenerationTheServerMovesTo) {
  auto a = save("a", "Ferry strike", "<p>Crews walked out.</p>");
  catch_up();
  std::string before = index_->generation_dir();
  int64_t progress_calls = 0;
  auto rebuilt = rebuild(index_dir(), sources(), [&](int64_t) { ++progress_calls; });
  ASSERT_TRUE(rebuilt) << rebuilt.error().message;
  EXPECT_EQ(*rebuilt, 1);
  EXPECT_EQ(progress_calls, 1);
  EXPECT_EQ(ids("ferry"), Ids{a});  // the server searches on meanwhile
  auto moved = index_->follow_current();
  ASSERT_TRUE(moved);
  EXPECT_TRUE(*moved);
  EXPECT_NE(index_->generation_dir(), before);
  EXPECT_EQ(ids("ferry"), Ids{a});
  auto b = save("b", "Ferry timetable", "<p>Back.</p>");
  catch_up();
  EXPECT_EQ(ids("ferry"), (Ids{a, b}));
}

}  // namespace
}  // namespace nz::search
