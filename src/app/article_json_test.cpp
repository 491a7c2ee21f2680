#include "app/article_json.h"

#include <gtest/gtest.h>

#include "core/rfc3339.h"

namespace nz::app {
namespace {

const core::Timestamp kNow = *core::parse_rfc3339("2022-09-20T00:00:00Z");

TEST(ArticleJsonTest, ReadsEveryField) {
  auto item = article_from_json_text(
      R"({"section":"news","guid":"g1","headline":" Hello ","standfirst":"S","author":"A",)"
      R"("published":"2022-09-13T08:00:00Z","paragraphs":["One","Two"],"topics":["country:CN"]})",
      kNow);
  ASSERT_TRUE(item) << item.error().message;
  EXPECT_EQ(item->section_slug, "news");
  EXPECT_EQ(item->article.guid, "g1");
  EXPECT_EQ(item->article.content.headline, "Hello");
  EXPECT_EQ(item->article.content.body_html, "<p>One</p>\n<p>Two</p>");
  EXPECT_EQ(core::format_rfc3339(item->article.published), "2022-09-13T08:00:00Z");
  EXPECT_EQ(item->article.status, model::ArticleStatus::kPublished);
  EXPECT_EQ(item->topics, std::vector<std::string>{"country:CN"});
}

TEST(ArticleJsonTest, BodyTextIsEscapedNeverPassedThroughAsHtml) {
  auto item = article_from_json_text(
      R"({"section":"news","headline":"H","body":"<script>alert(1)</script>\n\nSecond <b>para</b>"})",
      kNow);
  ASSERT_TRUE(item);
  EXPECT_EQ(item->article.content.body_html,
            "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n<p>Second &lt;b&gt;para&lt;/b&gt;</p>");
  EXPECT_EQ(item->article.published, kNow);  // absent: now
}

TEST(ArticleJsonTest, RejectsBadInputNamingTheField) {
  struct Case {
    const char* json;
    const char* names;
  };
  for (const Case& c : {Case{R"({"headline":"H"})", "section"},
                        Case{R"({"section":"s"})", "headline"},
                        Case{R"({"section":"s","headline":"  "})", "headline"},
                        Case{R"({"section":"s","headline":"H","published":"Tuesday"})", "published"},
                        Case{R"({"section":"s","headline":"H","topics":"country:CN"})", "topics"},
                        Case{R"({"section":"s","headline":"H","status":"live"})", "status"},
                        Case{R"({"section":"s","headline":7})", "headline"},
                        Case{R"([1,2])", "object"},
                        Case{R"({"section":)", "JSON"}}) {
    auto item = article_from_json_text(c.json, kNow);
    ASSERT_FALSE(item) << c.json;
    EXPECT_EQ(item.error().code, ErrorCode::kInvalidInput);
    EXPECT_NE(item.error().message.find(c.names), std::string::npos) << item.error().message;
  }
}

TEST(ArticleJsonTest, SplitsParagraphsAtBlankLines) {
  EXPECT_EQ(split_paragraphs("a\nb\n\n\n c \r\n\r\nd"),
            (std::vector<std::string>{"a b", "c", "d"}));
  EXPECT_TRUE(split_paragraphs("\n \n").empty());
}

}  // namespace
}  // namespace nz::app
