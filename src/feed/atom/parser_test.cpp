#include <gtest/gtest.h>

#include "feed/parse.h"

namespace nz::feed {
namespace {

constexpr const char* kHead = "<feed xmlns=\"http://www.w3.org/2005/Atom\">";

TEST(AtomParserTest, SerializesXhtmlDivChildren) {
  auto feed = parse(std::string(kHead) +
                    "<entry><content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">"
                    "<p>Hi <b>you</b></p></div></content></entry></feed>");
  ASSERT_TRUE(feed) << feed.error().message;
  EXPECT_EQ(feed->entries.at(0).content_html, "<p>Hi <b>you</b></p>");
}

TEST(AtomParserTest, EscapesTextContentAsHtml) {
  auto feed = parse(std::string(kHead) +
                    "<entry><content type=\"text\">a &lt;b&gt;</content></entry></feed>");
  ASSERT_TRUE(feed);
  EXPECT_EQ(feed->entries.at(0).content_html, "a &lt;b&gt;");
}

TEST(AtomParserTest, IdFallsBackToAlternateLink) {
  auto feed = parse(std::string(kHead) +
                    "<entry><link rel=\"self\" href=\"https://x/self\"/>"
                    "<link href=\"https://x/alt\"/></entry></feed>");
  ASSERT_TRUE(feed);
  EXPECT_EQ(feed->entries.at(0).id, "https://x/alt");
  EXPECT_EQ(feed->entries.at(0).link, "https://x/alt");
}

TEST(AtomParserTest, DetectsAtom03ByNamespace) {
  auto feed = parse("<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title>t</title></feed>");
  ASSERT_TRUE(feed);
  EXPECT_EQ(feed->format, FeedFormat::kAtom03);
}

TEST(AtomParserTest, HtmlTitleBecomesPlainText) {
  auto feed = parse(std::string(kHead) +
                    "<title type=\"html\">&lt;b&gt;A&lt;/b&gt; &amp;amp; B</title></feed>");
  ASSERT_TRUE(feed);
  EXPECT_EQ(feed->feed.title, "A & B");
}

}  // namespace
}  // namespace nz::feed
