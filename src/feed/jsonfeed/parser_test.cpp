#include <gtest/gtest.h>

#include "feed/parse.h"

namespace nz::feed {
namespace {

TEST(JsonFeedParserTest, DetectsVersions) {
  auto v10 = parse(R"({"version":"https://jsonfeed.org/version/1","items":[]})");
  auto v11 = parse(R"({"version":"https://jsonfeed.org/version/1.1","items":[]})");
  ASSERT_TRUE(v10);
  ASSERT_TRUE(v11);
  EXPECT_EQ(v10->format, FeedFormat::kJson10);
  EXPECT_EQ(v11->format, FeedFormat::kJson11);
}

TEST(JsonFeedParserTest, NumericIdBecomesString) {
  auto feed = parse(R"({"version":"https://jsonfeed.org/version/1.1","items":[{"id":42}]})");
  ASSERT_TRUE(feed);
  EXPECT_EQ(feed->entries.at(0).id, "42");
}

TEST(JsonFeedParserTest, ResolvesItemUrlAgainstFeedUrl) {
  auto feed = parse(R"({"version":"https://jsonfeed.org/version/1.1",
    "feed_url":"https://example.org/f/feed.json","items":[{"url":"../a"}]})");
  ASSERT_TRUE(feed);
  EXPECT_EQ(feed->entries.at(0).link, "https://example.org/a");
}

TEST(JsonFeedParserTest, WrongTypesReadAsAbsent) {
  auto feed = parse(R"({"version":"https://jsonfeed.org/version/1.1","title":5,
    "items":[{"id":"1","title":["x"],"tags":"no","attachments":{"url":"x"}}, 7]})");
  ASSERT_TRUE(feed);
  EXPECT_FALSE(feed->feed.title.has_value());
  ASSERT_EQ(feed->entries.size(), 1u);
  EXPECT_FALSE(feed->entries.at(0).title.has_value());
}

TEST(JsonFeedParserTest, ReadsWebSubHubButNotRssCloud) {
  auto feed = parse(R"({"version":"https://jsonfeed.org/version/1.1",
    "feed_url":"https://example.org/feed.json",
    "hubs":[{"type":"rssCloud","url":"https://cloud.example/"},{"type":"WebSub","url":"/hub"}]})");
  ASSERT_TRUE(feed);
  EXPECT_EQ(feed->feed.hub, "https://example.org/hub");
  EXPECT_EQ(feed->feed.self, "https://example.org/feed.json");
}

TEST(JsonFeedParserTest, ItemLanguageOverridesFeedLanguage) {
  auto feed = parse(R"({"version":"https://jsonfeed.org/version/1.1","language":"en",
    "items":[{"id":"1"},{"id":"2","language":"fr"}]})");
  ASSERT_TRUE(feed);
  EXPECT_EQ(feed->entries.at(0).language, "en");
  EXPECT_EQ(feed->entries.at(1).language, "fr");
}

TEST(JsonFeedParserTest, RecoversCompleteItemsOfTruncatedFeed) {
  auto feed = parse(R"({"version":"https://jsonfeed.org/version/1.1","title":"T",
    "items":[{"id":"1"},{"id":"2","tags":["a","b)");
  ASSERT_TRUE(feed) << feed.error().message;
  EXPECT_TRUE(feed->bozo);
  EXPECT_EQ(feed->feed.title, "T");
  ASSERT_EQ(feed->entries.size(), 1u);
  EXPECT_EQ(feed->entries[0].id, "1");
}

TEST(JsonFeedParserTest, RecoversFeedCutAfterItsItems) {
  auto feed = parse(R"({"version":"https://jsonfeed.org/version/1.1",
    "items":[{"id":"1"},{"id":"2"}],"_ext":{"a":)");
  ASSERT_TRUE(feed) << feed.error().message;
  EXPECT_TRUE(feed->bozo);
  EXPECT_EQ(feed->entries.size(), 2u);
}

}  // namespace
}  // namespace nz::feed
