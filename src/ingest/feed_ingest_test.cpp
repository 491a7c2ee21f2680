#include "ingest/feed_ingest.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/rfc3339.h"
#include "store/sqlite/sqlite_store.h"

namespace nz::ingest {
namespace {

const core::Timestamp kNow = *core::parse_rfc3339("2022-09-20T00:00:00Z");

std::string rss(const std::string& items) {
  return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>PDO</title>"
         "<link>http://en.people.cn/</link>" +
         items + "</channel></rss>";
}

class FeedIngestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("nz_ingest_test_" + std::string(::testing::UnitTest::GetInstance()
                                                ->current_test_info()
                                                ->name()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto opened = store::sqlite::SqliteStore::open(
        {.path = (dir_ / "newszone.db").string(), .clock = &clock_});
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::move(*opened);
    auto partner = store_->add_partner({.slug = "pdo", .name = "People's Daily Online"});
    ASSERT_TRUE(partner);
    auto topic = store_->upsert_topic(
        {.kind = model::TopicKind::kCountry, .key = "CN", .name = "China", .slug = "china"});
    ASSERT_TRUE(topic);
    auto zone = store_->add_section({.slug = "china-news-zone",
                                     .title = "China News Zone",
                                     .kind = model::SectionKind::kPartnerZone,
                                     .partner_id = partner->id,
                                     .topic_id = topic->id});
    ASSERT_TRUE(zone) << zone.error().message;
    zone_ = *zone;
    china_ = topic->id;
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  Result<IngestReport> ingest(const std::string& document) {
    return ingest_document(*store_, zone_, document, {}, clock_);
  }

  std::vector<model::Article> zone_articles() {
    auto page = store_->list_section_articles(zone_.id, {.offset = 0, .limit = 100});
    EXPECT_TRUE(page);
    return page ? page->articles : std::vector<model::Article>{};
  }

  core::FakeClock clock_{kNow};
  std::filesystem::path dir_;
  std::unique_ptr<store::sqlite::SqliteStore> store_;
  model::Section zone_;
  model::TopicId china_ = 0;
};

TEST_F(FeedIngestTest, StoresEntriesSanitizedAndTaggedWithTheZonesTopic) {
  auto report = ingest(rss(
      "<item><guid>pdo-1</guid><title>First &amp; foremost</title>"
      "<link>http://en.people.cn/a/1.html</link><pubDate>Tue, 13 Sep 2022 08:00:00 GMT</pubDate>"
      "<description><![CDATA[<p onclick=\"x()\">Hello <script>alert(1)</script>"
      "<a href=\"/b/2.html\">more</a></p>]]></description></item>"));
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->format, "rss20");
  EXPECT_EQ(report->created, 1);
  auto articles = zone_articles();
  ASSERT_EQ(articles.size(), 1u);
  const auto& a = articles[0];
  EXPECT_EQ(a.guid, "pdo-1");
  EXPECT_EQ(a.content.headline, "First & foremost");
  EXPECT_EQ(core::format_rfc3339(a.published), "2022-09-13T08:00:00Z");
  EXPECT_EQ(a.content.original_url, "http://en.people.cn/a/1.html");
  EXPECT_EQ(a.content.body_html.find("script"), std::string::npos) << a.content.body_html;
  EXPECT_EQ(a.content.body_html.find("onclick"), std::string::npos) << a.content.body_html;
  EXPECT_NE(a.content.body_html.find("href=\"http://en.people.cn/b/2.html\""), std::string::npos)
      << a.content.body_html;
  auto topics = store_->topics_of(a.id);
  ASSERT_TRUE(topics);
  ASSERT_EQ(topics->size(), 1u);
  EXPECT_EQ(topics->at(0).id, china_);
}

TEST_F(FeedIngestTest, SameDocumentTwiceIsUnchangedAndAChangedBodyIsANewVersion) {
  std::string first = rss("<item><guid>g</guid><title>T</title><description>One</description></item>");
  ASSERT_TRUE(ingest(first));
  auto again = ingest(first);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->created, 0);
  EXPECT_EQ(again->unchanged, 1);

  auto changed = ingest(rss("<item><guid>g</guid><title>T</title><description>Two</description></item>"));
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->new_versions, 1);
  auto articles = zone_articles();
  ASSERT_EQ(articles.size(), 1u);
  auto versions = store_->list_versions(articles[0].id);
  ASSERT_TRUE(versions);
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ(versions->at(0).content.body_html, "<p>One</p>");
  EXPECT_EQ(versions->at(1).content.body_html, "<p>Two</p>");
}

TEST_F(FeedIngestTest, EntriesWithoutIdentityAreRecognisedByTheirContent) {
  std::string doc = rss("<item><title>No guid, no link</title><description>Body</description></item>");
  ASSERT_TRUE(ingest(doc));
  auto again = ingest(doc);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->unchanged, 1);
  EXPECT_EQ(zone_articles().size(), 1u);
}

TEST_F(FeedIngestTest, ABadEntryIsReportedAndTheOthersAreStored) {
  auto report = ingest(rss("<item><guid>a</guid><title>A</title></item>"
                           "<item><description></description></item>"
                           "<item><guid>c</guid><title>C</title></item>"));
  ASSERT_TRUE(report);
  EXPECT_EQ(report->created, 2);
  ASSERT_EQ(report->problems.size(), 1u);
  EXPECT_EQ(report->problems[0].index, 1u);
  EXPECT_EQ(zone_articles().size(), 2u);
}

TEST_F(FeedIngestTest, HoldForReviewZonesGetPendingArticles) {
  zone_.moderation = model::ModerationPolicy::kHoldForReview;
  ASSERT_TRUE(store_->update_section(zone_));
  ASSERT_TRUE(ingest(rss("<item><guid>p</guid><title>Held</title></item>")));
  EXPECT_TRUE(zone_articles().empty());  // lists show published articles only
  EXPECT_EQ(*store_->count_articles(), 1);
}

TEST_F(FeedIngestTest, NothingReadableIsAnError) {
  auto report = ingest("\x01\x02\x03 not a feed");
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace nz::ingest
