#include "sanitize/absolutize_urls.h"

#include <gtest/gtest.h>

namespace nz::sanitize {
namespace {

struct Case {
  const char* ref;
  const char* expected;
};

// RFC 3986 section 5.4.1, "Normal Examples", base "http://a/b/c/d;p?q".
TEST(ResolveUrlTest, ResolvesTheNormalExamplesOfRfc3986) {
  const Case cases[] = {
      {"g:h", "g:h"},          {"g", "http://a/b/c/g"},     {"./g", "http://a/b/c/g"},
      {"g/", "http://a/b/c/g/"}, {"/g", "http://a/g"},      {"//g", "http://g"},
      {"?y", "http://a/b/c/d;p?y"}, {"g?y", "http://a/b/c/g?y"},
      {"#s", "http://a/b/c/d;p?q#s"}, {"g#s", "http://a/b/c/g#s"},
      {"g?y#s", "http://a/b/c/g?y#s"}, {";x", "http://a/b/c/;x"},
      {"g;x", "http://a/b/c/g;x"}, {"g;x?y#s", "http://a/b/c/g;x?y#s"},
      {"", "http://a/b/c/d;p?q"}, {".", "http://a/b/c/"},    {"./", "http://a/b/c/"},
      {"..", "http://a/b/"},     {"../", "http://a/b/"},     {"../g", "http://a/b/g"},
      {"../..", "http://a/"},    {"../../", "http://a/"},    {"../../g", "http://a/g"},
  };
  for (const auto& c : cases) {
    auto got = resolve_url("http://a/b/c/d;p?q", c.ref);
    ASSERT_TRUE(got) << c.ref;
    EXPECT_EQ(*got, c.expected) << c.ref;
  }
}

// RFC 3986 section 5.4.2, "Abnormal Examples".
TEST(ResolveUrlTest, ResolvesTheAbnormalExamplesOfRfc3986) {
  const Case cases[] = {
      {"../../../g", "http://a/g"},   {"../../../../g", "http://a/g"},
      {"/./g", "http://a/g"},         {"/../g", "http://a/g"},
      {"g.", "http://a/b/c/g."},      {".g", "http://a/b/c/.g"},
      {"g..", "http://a/b/c/g.."},    {"..g", "http://a/b/c/..g"},
      {"./../g", "http://a/b/g"},     {"./g/.", "http://a/b/c/g/"},
      {"g/./h", "http://a/b/c/g/h"},  {"g/../h", "http://a/b/c/h"},
      {"g;x=1/./y", "http://a/b/c/g;x=1/y"}, {"g;x=1/../y", "http://a/b/c/y"},
      {"g?y/./x", "http://a/b/c/g?y/./x"}, {"g?y/../x", "http://a/b/c/g?y/../x"},
      {"g#s/./x", "http://a/b/c/g#s/./x"}, {"g#s/../x", "http://a/b/c/g#s/../x"},
      {"http:g", "http:g"},
  };
  for (const auto& c : cases) {
    auto got = resolve_url("http://a/b/c/d;p?q", c.ref);
    ASSERT_TRUE(got) << c.ref;
    EXPECT_EQ(*got, c.expected) << c.ref;
  }
}

TEST(ResolveUrlTest, ResolvesAgainstABaseWithoutPath) {
  auto got = resolve_url("https://example.org", "news/a.html");
  ASSERT_TRUE(got);
  EXPECT_EQ(*got, "https://example.org/news/a.html");
}

TEST(ResolveUrlTest, FailsOnARelativeBase) {
  auto got = resolve_url("/news/", "a.html");
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::kInvalidInput);
}

TEST(RemoveDotSegmentsTest, FollowsTheRfcExamples) {
  // RFC 3986 section 5.2.4 walks through these two.
  EXPECT_EQ(remove_dot_segments("/a/b/c/./../../g"), "/a/g");
  EXPECT_EQ(remove_dot_segments("mid/content=5/../6"), "mid/6");
  EXPECT_EQ(remove_dot_segments(""), "");
  EXPECT_EQ(remove_dot_segments("/"), "/");
}

TEST(SplitUriReferenceTest, DistinguishesAbsentFromEmptyComponents) {
  UriReference r = split_uri_reference("http://a/?#");
  EXPECT_EQ(r.scheme, "http");
  EXPECT_EQ(r.authority, "a");
  EXPECT_EQ(r.path, "/");
  EXPECT_EQ(r.query, "");
  EXPECT_EQ(r.fragment, "");
  UriReference s = split_uri_reference("a/b");
  EXPECT_FALSE(s.scheme);
  EXPECT_FALSE(s.authority);
  EXPECT_FALSE(s.query);
  EXPECT_EQ(recompose(r), "http://a/?#");
}

TEST(UrlSchemeTest, FindsLowercaseSchemeOrNothing) {
  const Case cases[] = {
      {"http://a", "http"},   {"JavaScript:x", "javascript"}, {"mailto:a@b", "mailto"},
      {"a+b.c-d:x", "a+b.c-d"}, {"/a:b", ""}, {"1a:b", ""}, {"java script:x", ""},
      {"no-colon", ""},       {"", ""},  {":x", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(url_scheme(c.ref), c.expected) << c.ref;
}

TEST(CleanUrlAttributeTest, DoesWhatBrowsersDoBeforeParsing) {
  const Case cases[] = {
      {"  http://a  ", "http://a"},
      {"\x01\x02javascript:x\x1f ", "javascript:x"},
      {"jav\tas\ncr\ript:x", "javascript:x"},
      {"a b", "a b"},
  };
  for (const auto& c : cases) EXPECT_EQ(clean_url_attribute(c.ref), c.expected) << c.ref;
}

}  // namespace
}  // namespace nz::sanitize
