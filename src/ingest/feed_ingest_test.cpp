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

  Result<IngestReport> ingest(const std::string& document, IngestOptions options = {}) {
    return ingest_document(*store_, zone_, document,
                           {.channel = model::Channel::kFile, .origin = "test.xml"}, options,
                           clock_);
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

// The topics of the zone's only article, by slug.
std::vector<std::string> topic_slugs(store::Store& store, model::ArticleId id) {
  std::vector<std::string> out;
  for (const auto& t : store.topics_of(id).value()) out.push_back(t.slug);
  return out;
}

TEST_F(FeedIngestTest, ArticlesAreTaggedWithWhatTheyAreAboutAndRetaggedWhenTheyChange) {
  auto item = [](const std::string& title, const std::string& body) {
    return rss("<item><guid>pdo-7</guid><title>" + title + "</title><description><![CDATA[" +
               body + "]]></description></item>");
  };
  auto report = ingest(item("Finland and the SCO sign an energy pact",
                            "<p>HELSINKI -- Finnish ministers met officials of the Shanghai "
                            "Cooperation Organization on Monday to sign the pact.</p>"
                            "<p>A delegation visited Japan last year.</p>"));
  ASSERT_TRUE(report) << report.error().message;
  const model::ArticleId id = report->items.at(0).article->id;
  // The zone's own topic, and what the tagger found; not the passing mention of Japan.
  EXPECT_EQ(topic_slugs(*store_, id),
            (std::vector<std::string>{"china", "finland", "sco"}));

  // An editor takes Finland off; a corrected version is tagged again, without Finland.
  auto finland = store_->find_topic_by_slug("finland");
  ASSERT_TRUE(finland);
  ASSERT_TRUE(store_->untag_article(id, finland->id));
  report = ingest(item("Sweden and the SCO sign an energy pact",
                       "<p>HELSINKI -- Finnish and Swedish ministers met officials of the "
                       "Shanghai Cooperation Organization in Stockholm on Monday.</p>"));
  ASSERT_TRUE(report) << report.error().message;
  ASSERT_EQ(report->counts.new_versions, 1);
  EXPECT_EQ(topic_slugs(*store_, id),
            (std::vector<std::string>{"china", "sco", "sweden"}));
}

TEST_F(FeedIngestTest, StoresEntriesSanitizedAndTaggedWithTheZonesTopic) {
  auto report = ingest(rss(
      "<item><guid>pdo-1</guid><title>First &amp; foremost</title>"
      "<link>http://en.people.cn/a/1.html</link><pubDate>Tue, 13 Sep 2022 08:00:00 GMT</pubDate>"
      "<description><![CDATA[<p onclick=\"x()\">Hello <script>alert(1)</script>"
      "<a href=\"/b/2.html\">more</a></p>]]></description></item>"));
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->format, "rss20");
  EXPECT_EQ(report->counts.created, 1);
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
  EXPECT_EQ(again->counts.created, 0);
  EXPECT_EQ(again->counts.unchanged, 1);

  auto changed = ingest(rss("<item><guid>g</guid><title>T</title><description>Two</description></item>"));
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->counts.new_versions, 1);
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
  EXPECT_EQ(again->counts.unchanged, 1);
  EXPECT_EQ(zone_articles().size(), 1u);
}

TEST_F(FeedIngestTest, ABadEntryIsReportedAndTheOthersAreStored) {
  auto report = ingest(rss("<item><guid>a</guid><title>A</title></item>"
                           "<item><description></description></item>"
                           "<item><guid>c</guid><title>C</title></item>"));
  ASSERT_TRUE(report);
  EXPECT_EQ(report->counts.created, 2);
  EXPECT_EQ(report->counts.failed, 1);
  ASSERT_EQ(report->items.size(), 3u);
  EXPECT_EQ(report->items[1].outcome, ItemOutcome::kFailed);
  EXPECT_EQ(report->items[1].error, "no title and no text");
  EXPECT_EQ(report->items[2].outcome, ItemOutcome::kCreated);
  EXPECT_EQ(zone_articles().size(), 2u);
  auto log = store_->list_deliveries({.section = zone_.id});
  ASSERT_TRUE(log);
  ASSERT_EQ(log->size(), 1u);
  EXPECT_EQ(log->at(0).counts.failed, 1);
  EXPECT_EQ(log->at(0).result,
            "1 of 3 items not stored; first: item 1: no title and no text");
}

TEST_F(FeedIngestTest, HoldForReviewZonesGetPendingArticles) {
  zone_.moderation = model::ModerationPolicy::kHoldForReview;
  ASSERT_TRUE(store_->update_section(zone_));
  ASSERT_TRUE(ingest(rss("<item><guid>p</guid><title>Held</title></item>")));
  EXPECT_TRUE(zone_articles().empty());  // lists show published articles only
  EXPECT_EQ(*store_->count_articles(), 1);
}

TEST_F(FeedIngestTest, NothingReadableIsAnErrorAndStillInTheDeliveryLog) {
  auto report = ingest("\x01\x02\x03 not a feed");
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, ErrorCode::kInvalidInput);
  auto log = store_->list_deliveries({.section = zone_.id});
  ASSERT_TRUE(log);
  ASSERT_EQ(log->size(), 1u);
  EXPECT_TRUE(log->at(0).result.starts_with("unreadable: ")) << log->at(0).result;
  EXPECT_EQ(log->at(0).bytes, 14);
}

TEST_F(FeedIngestTest, EveryVersionPointsToTheDeliveryAndTheHashOfItsBytes) {
  std::string doc = rss("<item><guid>g</guid><title>T</title><description>One</description>"
                        "<category>Economy</category></item>");
  auto report = ingest(doc);
  ASSERT_TRUE(report);
  auto article = store_->find_article_by_guid(zone_.id, "g");
  ASSERT_TRUE(article);
  EXPECT_EQ(article->content.metadata_json, R"({"categories":["Economy"]})");
  auto versions = store_->list_versions(article->id);
  ASSERT_EQ(versions->at(0).delivery_id, report->delivery_id);
  auto log = store_->list_deliveries({.section = zone_.id});
  EXPECT_EQ(log->at(0).raw_sha256.size(), 64u);
  EXPECT_EQ(log->at(0).origin, "test.xml");
  EXPECT_EQ(log->at(0).format, "rss20");
  EXPECT_EQ(log->at(0).result, "ok");
}

TEST_F(FeedIngestTest, AtomicStoresNothingWhenOneItemIsBad) {
  auto report = ingest(rss("<item><guid>a</guid><title>A</title></item>"
                           "<item><description></description></item>"),
                       {.atomic = true});
  ASSERT_TRUE(report);
  EXPECT_EQ(report->atomic_failure, "item 1: no title and no text");
  EXPECT_EQ(report->counts.failed, 2);
  EXPECT_EQ(*store_->count_articles(), 0);
  auto ok = ingest(rss("<item><guid>a</guid><title>A</title></item>"
                       "<item><guid>b</guid><title>B</title></item>"),
                   {.atomic = true});
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->counts.created, 2);
  EXPECT_EQ(*store_->count_articles(), 2);
}

const std::string kBody =
    "<p>Finland and China signed an agreement on Tuesday to expand cooperation in clean energy "
    "research, the Ministry of Economic Affairs said in Helsinki. The deal covers wind power, "
    "battery recycling and hydrogen, and it names three universities in each country that "
    "will exchange researchers from next spring.</p>";

TEST_F(FeedIngestTest, TheSameStoryUnderANewGuidIsStoredAsADuplicateAndNotListed) {
  auto first = ingest(rss("<item><guid>v1</guid><title>Finland and China sign energy pact"
                          "</title><link>http://en.people.cn/a/1.html</link><description>" +
                          kBody + "</description></item>"));
  ASSERT_TRUE(first);
  auto resent = ingest(rss("<item><guid>v2</guid><title>Finland, China sign clean energy pact"
                           "</title><link>http://en.people.cn/a/1.html?from=rss</link>"
                           "<description>" + kBody + "</description></item>"));
  ASSERT_TRUE(resent);
  ASSERT_EQ(resent->items.size(), 1u);
  EXPECT_EQ(resent->items[0].outcome, ItemOutcome::kDuplicate);
  EXPECT_EQ(resent->items[0].duplicate_of, first->items[0].article->id);
  EXPECT_EQ(resent->counts.duplicates, 1);
  EXPECT_EQ(zone_articles().size(), 1u);
  EXPECT_EQ(*store_->count_articles(), 2);  // kept, not shown
}

TEST_F(FeedIngestTest, AKnownLinkUnderANewGuidWarnsThatGuidsChangeWithTheHeadline) {
  ASSERT_TRUE(ingest(rss("<item><guid>pdo-Energy-pact</guid><title>Energy pact</title><link>"
                         "http://en.people.cn/a/1.html</link><description>" + kBody +
                         "</description></item>")));
  auto again = ingest(rss("<item><guid>pdo-Energy-pact-signed</guid><title>Energy pact signed"
                          "</title><link>http://en.people.cn/a/1.html</link><description>" +
                          kBody + "</description></item>"));
  ASSERT_TRUE(again);
  EXPECT_NE(again->guid_warning.find("identity key to link"), std::string::npos)
      << again->guid_warning;
  // With the identity key the editor then sets, the story is one article with two versions.
  auto by_link = ingest(rss("<item><guid>pdo-Energy-pact-final</guid><title>Energy pact final"
                            "</title><link>http://en.people.cn/a/1.html?utm=x</link>"
                            "<description>" + kBody + "</description></item>"),
                        {.identity_key = model::IdentityKey::kLinkWithoutQuery});
  ASSERT_TRUE(by_link);
  EXPECT_EQ(by_link->items[0].guid, "http://en.people.cn/a/1.html");
}

TEST_F(FeedIngestTest, OneGuidOnDifferentStoriesIsReported) {
  auto report = ingest(rss("<item><guid>same</guid><title>One story</title></item>"
                           "<item><guid>same</guid><title>Another story</title></item>"));
  ASSERT_TRUE(report);
  EXPECT_NE(report->guid_warning.find("2 different stories share the identity \"same\""),
            std::string::npos)
      << report->guid_warning;
}

TEST_F(FeedIngestTest, AnArticleTheEditorWithdrewDoesNotComeBack) {
  std::string doc = rss("<item><guid>g</guid><title>T</title><description>One</description></item>");
  auto first = ingest(doc);
  ASSERT_TRUE(first);
  const auto id = first->items[0].article->id;
  ASSERT_TRUE(store_->set_article_status(id, model::ArticleStatus::kWithdrawn,
                                         model::Actor::kEditor));
  ASSERT_TRUE(ingest(doc));
  ASSERT_TRUE(ingest(rss("<item><guid>g</guid><title>T, updated</title><description>Two"
                         "</description></item>")));
  EXPECT_EQ(store_->find_article(id)->status, model::ArticleStatus::kWithdrawn);
  EXPECT_TRUE(zone_articles().empty());
}

TEST_F(FeedIngestTest, APartnersCanceledPubstatusTakesTheArticleDownAndUsableRestoresIt) {
  const std::string usable =
      R"({"uri":"urn:pdo:p1","headline":"Story","body_html":"<p>Text</p>","pubstatus":"usable"})";
  const std::string canceled =
      R"({"uri":"urn:pdo:p1","headline":"Story","body_html":"<p>Text</p>","pubstatus":"canceled"})";
  ASSERT_TRUE(ingest(usable));
  EXPECT_EQ(zone_articles().size(), 1u);
  ASSERT_TRUE(ingest(canceled));
  auto article = store_->find_article_by_guid(zone_.id, "urn:pdo:p1");
  EXPECT_EQ(article->status, model::ArticleStatus::kWithdrawn);
  EXPECT_EQ(article->withdrawn_by, model::Actor::kPartner);
  ASSERT_TRUE(ingest(usable));
  EXPECT_EQ(store_->find_article_by_guid(zone_.id, "urn:pdo:p1")->status,
            model::ArticleStatus::kPublished);
}

TEST_F(FeedIngestTest, AnEmbargoedItemIsStoredButNotListedUntilTheEmbargoEnds) {
  ASSERT_TRUE(ingest(R"({"uri":"urn:pdo:e1","headline":"Embargoed","body_html":"<p>T</p>",)"
                     R"("embargoed":"2022-09-20T06:00:00Z"})"));
  auto article = store_->find_article_by_guid(zone_.id, "urn:pdo:e1");
  ASSERT_TRUE(article);
  EXPECT_EQ(core::format_rfc3339(*article->embargo_until), "2022-09-20T06:00:00Z");
  EXPECT_TRUE(zone_articles().empty());
  clock_.advance(std::chrono::hours(6));
  EXPECT_EQ(zone_articles().size(), 1u);
}

TEST_F(FeedIngestTest, EveryMetadataFieldThePartnerSendsIsKept) {
  ASSERT_TRUE(ingest(R"({"uri":"urn:pdo:m1","headline":"Meta","body_html":"<p>T</p>",)"
                     R"("byline":"Li Wei","language":"zh","copyrightnotice":"(c) PDO",)"
                     R"("usageterms":"Helsinki Times only","place":[{"name":"Beijing"}],)"
                     R"("subject":[{"name":"Economy"}]})"));
  auto article = store_->find_article_by_guid(zone_.id, "urn:pdo:m1");
  ASSERT_TRUE(article);
  EXPECT_EQ(article->content.author, "Li Wei");
  EXPECT_EQ(article->content.language, "zh");
  const std::string& meta = article->content.metadata_json;
  for (const char* expected : {R"("byline":"Li Wei")", R"("rights":"(c) PDO")",
                               R"("usage_terms":"Helsinki Times only")",
                               R"("places":["Beijing"])", R"("subjects":["Economy"])"}) {
    EXPECT_NE(meta.find(expected), std::string::npos) << expected << " in " << meta;
  }
}

TEST_F(FeedIngestTest, AnAtomTombstoneWithdrawsTheEntryButNotAnotherZonesArticle) {
  const std::string entry =
      "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>PDO</title>"
      "<id>urn:feed</id><updated>2022-09-19T00:00:00Z</updated>"
      "<entry><id>urn:pdo:t1</id><title>To be deleted</title>"
      "<updated>2022-09-19T00:00:00Z</updated><content>Text</content></entry></feed>";
  ASSERT_TRUE(ingest(entry));
  EXPECT_EQ(zone_articles().size(), 1u);
  auto report = ingest(
      "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\" "
      "xmlns:at=\"http://purl.org/atompub/tombstones/1.0\"><title>PDO</title><id>urn:feed</id>"
      "<updated>2022-09-19T01:00:00Z</updated>"
      "<at:deleted-entry ref=\"urn:pdo:t1\" when=\"2022-09-19T01:00:00Z\"/></feed>");
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->deleted, 1);
  auto article = store_->find_article_by_guid(zone_.id, "urn:pdo:t1");
  EXPECT_EQ(article->status, model::ArticleStatus::kWithdrawn);
  EXPECT_EQ(article->withdrawn_by, model::Actor::kPartner);
  EXPECT_TRUE(zone_articles().empty());
}

TEST_F(FeedIngestTest, LinksInPartnerHtmlCarryTheZonesLinkPolicy) {
  zone_.link_rel = "ugc";
  ASSERT_TRUE(store_->update_section(zone_));
  zone_.link_rel = "sponsored javascript:";  // not a link type
  EXPECT_EQ(store_->update_section(zone_).error().code, ErrorCode::kInvalidInput);
  zone_ = *store_->find_section(zone_.id);
  EXPECT_EQ(zone_.link_rel, "ugc");
  ASSERT_TRUE(ingest(rss("<item><guid>l</guid><title>Links</title><description>"
                         "&lt;p&gt;&lt;a href=\"http://en.people.cn/x\"&gt;x&lt;/a&gt;&lt;/p&gt;"
                         "</description></item>")));
  auto article = store_->find_article_by_guid(zone_.id, "l");
  ASSERT_TRUE(article);
  EXPECT_NE(article->content.body_html.find("rel=\"noopener noreferrer ugc\""),
            std::string::npos)
      << article->content.body_html;
}

}  // namespace
}  // namespace nz::ingest
