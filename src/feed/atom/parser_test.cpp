#include <gtest/gtest.h>

#include "core/rfc3339.h"
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

TEST(AtomParserTest, ReadsTombstones) {
  auto feed = parse(std::string(kHead) +
                    "<at:deleted-entry xmlns:at=\"http://purl.org/atompub/tombstones/1.0\" "
                    "ref=\"urn:1\" when=\"2024-10-07T11:00:00+02:00\">"
                    "<at:comment>legal</at:comment></at:deleted-entry></feed>");
  ASSERT_TRUE(feed) << feed.error().message;
  ASSERT_EQ(feed->deleted_entries.size(), 1u);
  EXPECT_EQ(feed->deleted_entries[0].ref, "urn:1");
  ASSERT_TRUE(feed->deleted_entries[0].when);
  EXPECT_EQ(core::format_rfc3339(*feed->deleted_entries[0].when), "2024-10-07T09:00:00Z");
  EXPECT_EQ(feed->deleted_entries[0].comment, "legal");
}

TEST(AtomParserTest, TombstoneWithoutRefIsSkipped) {
  auto feed = parse(std::string(kHead) +
                    "<at:deleted-entry xmlns:at=\"http://purl.org/atompub/tombstones/1.0\" "
                    "when=\"2024-10-07T11:00:00Z\"/></feed>");
  ASSERT_TRUE(feed);
  EXPECT_TRUE(feed->deleted_entries.empty());
}

TEST(AtomParserTest, EntryInheritsFeedRightsUnlessItHasItsOwn) {
  auto feed = parse(std::string(kHead) +
                    "<rights>(c) Feed</rights><entry><id>1</id></entry>"
                    "<entry><id>2</id><rights>(c) Entry</rights></entry></feed>");
  ASSERT_TRUE(feed);
  EXPECT_EQ(feed->entries.at(0).rights, "(c) Feed");
  EXPECT_EQ(feed->entries.at(1).rights, "(c) Entry");
}

TEST(AtomParserTest, UnspecifiedLicenseStopsInheritance) {
  auto feed = parse(std::string(kHead) +
                    "<link rel=\"license\" href=\"https://cc.example/by\"/>"
                    "<entry><id>1</id></entry><entry><id>2</id><link rel=\"license\" "
                    "href=\"http://purl.org/atompub/license#unspecified\"/></entry></feed>");
  ASSERT_TRUE(feed);
  EXPECT_EQ(feed->entries.at(0).rights_link, "https://cc.example/by");
  EXPECT_FALSE(feed->entries.at(1).rights_link.has_value());
}

TEST(AtomParserTest, EntryXmlLangOverridesFeedLanguage) {
  auto feed = parse("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">"
                    "<entry><id>1</id></entry><entry xml:lang=\"de\"><id>2</id></entry></feed>");
  ASSERT_TRUE(feed);
  EXPECT_EQ(feed->entries.at(0).language, "en");
  EXPECT_EQ(feed->entries.at(1).language, "de");
}

TEST(AtomParserTest, ReadsHubAndSelfLinks) {
  auto feed = parse(std::string(kHead) +
                    "<link rel=\"self\" href=\"https://example.org/atom\"/>"
                    "<link rel=\"hub\" href=\"/hub\"/></feed>");
  ASSERT_TRUE(feed);
  EXPECT_EQ(feed->feed.self, "https://example.org/atom");
  EXPECT_EQ(feed->feed.hub, "https://example.org/hub");
}

TEST(AtomParserTest, UnclosedEntryEndsWhereTheNextEntryStarts) {
  auto feed = parse(std::string(kHead) +
                    "<entry><id>1</id><summary>a <b>b</summary>"
                    "<entry><id>2</id></entry></feed>");
  ASSERT_TRUE(feed);
  EXPECT_TRUE(feed->bozo);
  ASSERT_EQ(feed->entries.size(), 2u);
  EXPECT_EQ(feed->entries[1].id, "2");
}

}  // namespace
}  // namespace nz::feed
