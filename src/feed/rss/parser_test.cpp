#include <gtest/gtest.h>

#include "feed/encoding.h"
#include "feed/parse.h"

namespace nz::feed {
namespace {

TEST(RssParserTest, DetectsEveryVersion) {
  for (auto [version, format] : {std::pair{"0.91", FeedFormat::kRss091},
                                 {"0.92", FeedFormat::kRss092}, {"0.93", FeedFormat::kRss093},
                                 {"0.94", FeedFormat::kRss094}, {"2.0", FeedFormat::kRss20}}) {
    auto feed = parse(std::string("<rss version=\"") + version + "\"><channel/></rss>");
    ASSERT_TRUE(feed) << feed.error().message;
    EXPECT_EQ(feed->format, format) << version;
  }
}

TEST(RssParserTest, ResolvesRelativeLinkAgainstXmlBase) {
  auto feed = parse(
      "<rss version=\"2.0\"><channel><item xml:base=\"https://example.org/news/\">"
      "<link>2024/story.html</link></item></channel></rss>",
      {.base_url = "https://other.example/"});
  ASSERT_TRUE(feed) << feed.error().message;
  EXPECT_EQ(feed->entries.at(0).link, "https://example.org/news/2024/story.html");
}

TEST(RssParserTest, OpaqueGuidIsIdNeverLink) {
  auto feed = parse(
      "<rss version=\"2.0\"><channel><item><guid isPermaLink=\"false\">https://x/1</guid>"
      "</item></channel></rss>");
  ASSERT_TRUE(feed);
  EXPECT_EQ(feed->entries.at(0).id, "https://x/1");
  EXPECT_FALSE(feed->entries.at(0).link.has_value());
}

TEST(RssParserTest, ReadsNameFromAuthorEmail) {
  auto feed = parse(
      "<rss version=\"2.0\"><channel><item><author>a@b.org (Ann B)</author></item></channel></rss>");
  ASSERT_TRUE(feed);
  EXPECT_EQ(feed->entries.at(0).author, "Ann B");
}

TEST(RssParserTest, NeverLoadsExternalEntities) {
  auto feed = parse(
      "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
      "<rss version=\"2.0\"><channel><title>a&x;b</title></channel></rss>");
  ASSERT_TRUE(feed);
  EXPECT_EQ(feed->feed.title, "ab");
}

TEST(RssParserTest, RecoversItemsAfterUnclosedTitle) {
  auto feed = parse(
      "<rss version=\"2.0\"><channel><item><title>x</item>"
      "<item><title>y</title></item></channel></rss>");
  ASSERT_TRUE(feed);
  EXPECT_TRUE(feed->bozo);
  ASSERT_FALSE(feed->entries.empty());
  EXPECT_EQ(feed->entries.at(0).title, "x");
}

TEST(RssParserTest, KeepsContentBaseForTheSanitizer) {
  auto feed = parse("<rss version=\"2.0\"><channel><item><description>&lt;a href=\"/x\"&gt;"
                    "&lt;/a&gt;</description></item></channel></rss>",
                    {.base_url = "https://example.org/feed"});
  ASSERT_TRUE(feed);
  EXPECT_EQ(feed->entries.at(0).content_base, "https://example.org/feed");
  EXPECT_EQ(feed->entries.at(0).summary_html, "<a href=\"/x\"></a>");
}

TEST(RssParserTest, UnclosedInlineElementDoesNotSwallowLaterItems) {
  auto feed = parse(
      "<rss version=\"2.0\"><channel><item><title>a</title><description><b>x</description>"
      "</item><item><title>b</title></item><item><title>c</title></item></channel></rss>");
  ASSERT_TRUE(feed) << feed.error().message;
  EXPECT_TRUE(feed->bozo);
  ASSERT_EQ(feed->entries.size(), 3u);
  EXPECT_EQ(feed->entries[0].summary_html, "<b>x</b>");
  EXPECT_EQ(feed->entries[2].title, "c");
}

TEST(RssParserTest, UnclosedItemEndsWhereTheNextItemStarts) {
  auto feed = parse(
      "<rss version=\"2.0\"><channel><item><title>a</title>"
      "<item><title>b</title></item></channel></rss>");
  ASSERT_TRUE(feed) << feed.error().message;
  ASSERT_EQ(feed->entries.size(), 2u);
  EXPECT_EQ(feed->entries[0].title, "a");
  EXPECT_EQ(feed->entries[1].title, "b");
}

TEST(RssParserTest, ItemInheritsChannelCopyrightUnlessItHasDcRights) {
  auto feed = parse(
      "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>"
      "<copyright>(c) Channel</copyright><item><title>a</title></item>"
      "<item><dc:rights>(c) Item</dc:rights></item></channel></rss>");
  ASSERT_TRUE(feed);
  EXPECT_EQ(feed->entries.at(0).rights, "(c) Channel");
  EXPECT_EQ(feed->entries.at(1).rights, "(c) Item");
}

TEST(RssParserTest, ReadsWebSubHubAndSelfFromAtomLinks) {
  auto feed = parse(
      "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel>"
      "<atom:link rel=\"hub\" href=\"https://hub.example/\"/>"
      "<atom:link rel=\"self\" href=\"https://example.org/rss\"/></channel></rss>");
  ASSERT_TRUE(feed);
  EXPECT_EQ(feed->feed.hub, "https://hub.example/");
  EXPECT_EQ(feed->feed.self, "https://example.org/rss");
}

TEST(RssParserTest, ItemLanguageFallsBackToChannelLanguage) {
  auto feed = parse(
      "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>"
      "<language>fi</language><item/><item><dc:language>sv</dc:language></item>"
      "</channel></rss>");
  ASSERT_TRUE(feed);
  EXPECT_EQ(feed->entries.at(0).language, "fi");
  EXPECT_EQ(feed->entries.at(1).language, "sv");
}

TEST(RssParserTest, BaseUrlThatIsNoUtf8NeverReachesTheLinks) {
  // Found by fuzz_feed_parse: resolved links carried the base's invalid UTF-8 into the JSON.
  auto feed = parse("<rss version=\"2.0\"><channel><item><link>a</link></item></channel></rss>",
                    {.base_url = "https://x.example/\xC3/"});
  ASSERT_TRUE(feed);
  EXPECT_EQ(feed->entries.at(0).link, "https://x.example/%C3/a");
}

TEST(RssParserTest, BozoReasonIsOneLineOfUtf8) {
  // Found by fuzz_feed_parse: libxml2 quotes the input in some messages, cut mid-character.
  auto feed = parse("<rss version=\"2.0\"><channel><title><![CDATA[\n<p>a</p>\xC3\xA4\xC3\xA4"
                    "\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4"
                    "\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4\xC3\xA4");
  ASSERT_TRUE(feed) << feed.error().message;
  ASSERT_TRUE(feed->bozo_reason);
  EXPECT_TRUE(is_valid_utf8(*feed->bozo_reason)) << *feed->bozo_reason;
  EXPECT_EQ(feed->bozo_reason->find('\n'), std::string::npos) << *feed->bozo_reason;
}

}  // namespace
}  // namespace nz::feed
