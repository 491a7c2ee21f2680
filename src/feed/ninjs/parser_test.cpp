#include <gtest/gtest.h>

#include "core/rfc3339.h"
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

TEST(NinjsParserTest, ReadsPubstatusEmbargoAndRights) {
  auto feed = parse(R"({"uri":"u","pubstatus":"withheld","embargoed":"2024-10-08T06:00:00+02:00",
    "copyrightnotice":"(c) P","usageterms":"Editorial only",
    "rightsinfo":{"linkedrights":"https://p.example/rights"}})");
  ASSERT_TRUE(feed) << feed.error().message;
  const FeedEntry& e = feed->entries.at(0);
  EXPECT_EQ(e.pubstatus, PubStatus::kWithheld);
  ASSERT_TRUE(e.embargoed);
  EXPECT_EQ(core::format_rfc3339(*e.embargoed), "2024-10-08T04:00:00Z");
  EXPECT_EQ(e.rights, "(c) P");
  EXPECT_EQ(e.usage_terms, "Editorial only");
  EXPECT_EQ(e.rights_link, "https://p.example/rights");
}

TEST(NinjsParserTest, ReadsNewsmlG2Pubstatus) {
  auto feed = parse(R"({"uri":"u","pubstatus":"stat:canceled"})");
  ASSERT_TRUE(feed);
  EXPECT_EQ(feed->entries.at(0).pubstatus, PubStatus::kCanceled);
}

TEST(NinjsParserTest, ByOfVersion2IsBylineAndAuthor) {
  auto feed = parse(R"({"uri":"u","by":"Staff <i>Writer</i>"})");
  ASSERT_TRUE(feed);
  EXPECT_EQ(feed->entries.at(0).byline, "Staff Writer");
  EXPECT_EQ(feed->entries.at(0).author, "Staff Writer");
}

TEST(NinjsParserTest, ReadsPlacesAndSubjectsOfBothVersions) {
  auto v1 = parse(R"({"uri":"u","place":[{"name":"Oslo"}],"subject":[{"name":"Sport"}]})");
  auto v2 = parse(R"({"uri":"u","places":[{"name":"Oslo"}],"subjects":[{"name":"Sport"}]})");
  ASSERT_TRUE(v1);
  ASSERT_TRUE(v2);
  for (const auto* feed : {&*v1, &*v2}) {
    EXPECT_EQ(feed->entries.at(0).places, std::vector<std::string>{"Oslo"});
    EXPECT_EQ(feed->entries.at(0).subjects, std::vector<std::string>{"Sport"});
    EXPECT_EQ(feed->entries.at(0).categories, std::vector<std::string>{"Sport"});
  }
}

TEST(NinjsParserTest, RecoversCompleteItemsOfTruncatedArray) {
  auto feed = parse(R"([{"uri":"urn:1"},{"uri":"urn:2","subjects":[{"name":"A"},{"na)");
  ASSERT_TRUE(feed) << feed.error().message;
  EXPECT_TRUE(feed->bozo);
  ASSERT_EQ(feed->entries.size(), 1u);
  EXPECT_EQ(feed->entries[0].id, "urn:1");
}

TEST(NinjsParserTest, TruncatedSingleItemIsNotTakenForTheWhole) {
  auto feed = parse(R"({"uri":"urn:1","headline":"H","pubstatus":"with)");
  ASSERT_FALSE(feed);
  EXPECT_EQ(feed.error().code, ErrorCode::kInvalidInput);
}

TEST(NinjsParserTest, TruncatedArrayWithoutACompleteItemFails) {
  auto feed = parse(R"([{"uri":"urn:1","headline":"H)");
  EXPECT_FALSE(feed);
}

}  // namespace
}  // namespace nz::feed
