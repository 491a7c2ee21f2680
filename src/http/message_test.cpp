#include "http/message.h"

#include <gtest/gtest.h>

namespace nz::http {
namespace {

TEST(PercentDecodeTest, DecodesTable) {
  struct Case {
    std::string_view input;
    bool plus_is_space;
    std::string expected;
  };
  const Case cases[] = {
      {"plain", false, "plain"},
      {"a%20b", false, "a b"},
      {"%e4%B8%ad", false, "\xe4\xb8\xad"},
      {"a+b", false, "a+b"},
      {"a+b", true, "a b"},
      {"100%", false, "100%"},
      {"%zz", false, "%zz"},
      {"%4", false, "%4"},
      {"%41%", false, "A%"},
      {"", true, ""},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(percent_decode(c.input, c.plus_is_space), c.expected) << c.input;
  }
}

TEST(RequestTest, QueryParamDecodesPlusAndPercent) {
  Request r;
  r.query = "q=hello+world%21&page=2&empty=&flag&page=3";
  EXPECT_EQ(r.query_param("q"), "hello world!");
  EXPECT_EQ(r.query_param("page"), "2");  // the first one wins
  EXPECT_EQ(r.query_param("empty"), "");
  EXPECT_EQ(r.query_param("flag"), "");
  EXPECT_EQ(r.query_param("missing"), std::nullopt);
}

TEST(RequestTest, HeaderAndParamLookup) {
  Request r;
  r.headers = {{"user-agent", "test"}, {"accept", "a"}, {"accept", "b"}};
  r.params["slug"] = "china";
  EXPECT_EQ(r.header("accept"), "a");
  EXPECT_EQ(r.header("User-Agent"), "test");
  EXPECT_EQ(r.header("cookie"), std::nullopt);
  EXPECT_EQ(r.param("slug"), "china");
  EXPECT_EQ(r.param("other"), "");
}

TEST(ResponseTest, HelpersSetContentType) {
  EXPECT_EQ(Response::html(200, "x").header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(Response::json(201, "{}").header("Content-Type"), "application/json");
  auto text = Response::text(404, "nope");
  EXPECT_EQ(text.status, 404);
  EXPECT_EQ(text.body, "nope");
  EXPECT_EQ(text.header("content-type"), "text/plain; charset=utf-8");
}

TEST(ResponseTest, RedirectSetsLocationAndBody) {
  auto r = Response::redirect(301, "/new/");
  EXPECT_EQ(r.status, 301);
  EXPECT_EQ(r.header("location"), "/new/");
  EXPECT_FALSE(r.body.empty());
}

TEST(ResponseTest, SetHeaderReplacesCaseInsensitively) {
  Response r = Response::text(200, "");
  r.set_header("content-type", "image/png");
  r.set_header("X-Extra", "1");
  EXPECT_EQ(r.headers.size(), 2u);
  EXPECT_EQ(r.header("Content-Type"), "image/png");
  EXPECT_EQ(r.header("x-extra"), "1");
}

TEST(ReasonPhraseTest, KnownAndUnknown) {
  EXPECT_EQ(reason_phrase(200), "OK");
  EXPECT_EQ(reason_phrase(404), "Not Found");
  EXPECT_EQ(reason_phrase(431), "Request Header Fields Too Large");
  EXPECT_EQ(reason_phrase(799), "Unknown");
}

TEST(MethodTest, ToString) {
  EXPECT_EQ(to_string(Method::kGet), "GET");
  EXPECT_EQ(to_string(Method::kDelete), "DELETE");
}

}  // namespace
}  // namespace nz::http
