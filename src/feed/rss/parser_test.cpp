#include <gtest/gtest.h>

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

}  // namespace
}  // namespace nz::feed
