#include <gtest/gtest.h>

#include "feed/parse.h"

namespace nz::feed {
namespace {

TEST(NinjsParserTest, ReadsOneItem) {
  auto feed = parse(R"({"uri":"urn:1","headline":"H","body_text":"a<b"})");
  ASSERT_TRUE(feed) << feed.error().message;
  EXPECT_EQ(feed->format, FeedFormat::kNinjs);
  ASSERT_EQ(feed->entries.size(), 1u);
  EXPECT_EQ(feed->entries[0].title, "H");
  EXPECT_EQ(feed->entries[0].content_html, "a&lt;b");
}

TEST(NinjsParserTest, ReadsArrayOfItems) {
  auto feed = parse(R"([{"uri":"urn:1"},{"uri":"urn:2"}])");
  ASSERT_TRUE(feed);
  EXPECT_EQ(feed->entries.size(), 2u);
  EXPECT_FALSE(feed->bozo);
}

TEST(NinjsParserTest, ReadsJsonLines) {
  auto feed = parse("{\"uri\":\"urn:1\"}\n{\"uri\":\"urn:2\"}\n");
  ASSERT_TRUE(feed);
  EXPECT_EQ(feed->entries.size(), 2u);
}

TEST(NinjsParserTest, PrefersMainHeadlineOfVersion2) {
  auto feed = parse(R"({"uri":"u","headlines":[{"role":"sub","value":"S"},{"role":"main","value":"M"}]})");
  ASSERT_TRUE(feed);
  EXPECT_EQ(feed->entries[0].title, "M");
}

TEST(NinjsParserTest, RejectsJsonThatIsNoFeed) {
  auto feed = parse(R"({"foo":1})");
  ASSERT_FALSE(feed);
  EXPECT_EQ(feed.error().code, ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace nz::feed
