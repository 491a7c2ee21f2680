#include "feed/url.h"

#include <gtest/gtest.h>

namespace nz::feed {
namespace {

struct Row {
  const char* ref;
  const char* expected;
};

// RFC 3986 §5.4.1 normal and §5.4.2 abnormal examples, base "http://a/b/c/d;p?q".
constexpr Row kRfcExamples[] = {
    {"g:h", "g:h"},          {"g", "http://a/b/c/g"},     {"./g", "http://a/b/c/g"},
    {"g/", "http://a/b/c/g/"}, {"/g", "http://a/g"},       {"//g", "http://g"},
    {"?y", "http://a/b/c/d;p?y"}, {"g?y", "http://a/b/c/g?y"}, {"#s", "http://a/b/c/d;p?q#s"},
    {"g#s", "http://a/b/c/g#s"}, {"g?y#s", "http://a/b/c/g?y#s"}, {";x", "http://a/b/c/;x"},
    {"g;x", "http://a/b/c/g;x"}, {"g;x?y#s", "http://a/b/c/g;x?y#s"}, {"", "http://a/b/c/d;p?q"},
    {".", "http://a/b/c/"},   {"./", "http://a/b/c/"},     {"..", "http://a/b/"},
    {"../", "http://a/b/"},   {"../g", "http://a/b/g"},    {"../..", "http://a/"},
    {"../../", "http://a/"},  {"../../g", "http://a/g"},   {"../../../g", "http://a/g"},
    {"../../../../g", "http://a/g"}, {"/./g", "http://a/g"}, {"/../g", "http://a/g"},
    {"g.", "http://a/b/c/g."}, {".g", "http://a/b/c/.g"},  {"g..", "http://a/b/c/g.."},
    {"..g", "http://a/b/c/..g"}, {"./../g", "http://a/b/g"}, {"./g/.", "http://a/b/c/g/"},
    {"g/./h", "http://a/b/c/g/h"}, {"g/../h", "http://a/b/c/h"}, {"g;x=1/./y", "http://a/b/c/g;x=1/y"},
    {"g;x=1/../y", "http://a/b/c/y"}, {"g?y/./x", "http://a/b/c/g?y/./x"},
    {"g?y/../x", "http://a/b/c/g?y/../x"}, {"g#s/./x", "http://a/b/c/g#s/./x"},
    {"g#s/../x", "http://a/b/c/g#s/../x"}, {"http:g", "http:g"},
};

TEST(ResolveUrlTest, FollowsRfc3986Examples) {
  for (const Row& row : kRfcExamples) {
    EXPECT_EQ(resolve_url("http://a/b/c/d;p?q", row.ref), row.expected) << row.ref;
  }
}

TEST(ResolveUrlTest, KeepsRelativeWhenNoBase) {
  EXPECT_EQ(resolve_url("", "/story.html"), "/story.html");
  EXPECT_EQ(resolve_url("not a url", "story.html"), "story.html");
}

TEST(ResolveUrlTest, ResolvesAgainstHostWithoutPath) {
  EXPECT_EQ(resolve_url("https://example.org", "story.html"), "https://example.org/story.html");
}

TEST(ResolveUrlTest, TrimsWhitespace) {
  EXPECT_EQ(resolve_url(" https://example.org/news/ ", "\n  a.html \n"),
            "https://example.org/news/a.html");
}

TEST(HasSchemeTest, RecognisesSchemes) {
  EXPECT_TRUE(has_scheme("https://x"));
  EXPECT_TRUE(has_scheme("mailto:a@b"));
  EXPECT_FALSE(has_scheme("/path"));
  EXPECT_FALSE(has_scheme("a/b:c"));
  EXPECT_FALSE(has_scheme("1http://x"));
}

TEST(EncodeInvalidUtf8Test, PercentEncodesOnlyBytesThatAreNoUtf8) {
  EXPECT_EQ(encode_invalid_utf8("https://x.example/n\xC3\xA4/\xC3/\xFF"),
            "https://x.example/n\xC3\xA4/%C3/%FF");
  EXPECT_EQ(encode_invalid_utf8("https://x.example/a b"), "https://x.example/a b");
}

}  // namespace
}  // namespace nz::feed
