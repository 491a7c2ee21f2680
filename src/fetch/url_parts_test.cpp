#include "fetch/url_parts.h"

#include <gtest/gtest.h>

namespace nz::fetch {
namespace {

TEST(SplitUrlTest, ReadsSchemeHostAndPortWithItsDefault) {
  struct Case {
    const char* url;
    const char* scheme;
    const char* host;
    const char* port;
  };
  const Case cases[] = {
      {"http://example.org/feed", "http", "example.org", "80"},
      {"HTTPS://Example.org/feed", "https", "Example.org", "443"},
      {"http://127.0.0.1:8080/", "http", "127.0.0.1", "8080"},
      {"http://[::1]:8080/", "http", "[::1]", "8080"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.url);
    auto parts = split_url(c.url);
    ASSERT_TRUE(parts.has_value());
    EXPECT_EQ(parts->scheme, c.scheme);
    EXPECT_EQ(parts->host, c.host);
    EXPECT_EQ(parts->port, c.port);
  }
}

TEST(SplitUrlTest, ReadsTheSchemeOfAUrlThatIsNotHttp) {
  auto parts = split_url("file:///etc/passwd");
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ(parts->scheme, "file");
  EXPECT_EQ(parts->host, "");
  EXPECT_FALSE(is_http_scheme(parts->scheme));
}

TEST(SplitUrlTest, RejectsWhatIsNotAnAbsoluteUrl) {
  for (const char* url : {"", "not a url", "/feed.xml", "http://"}) {
    SCOPED_TRACE(url);
    EXPECT_FALSE(split_url(url).has_value());
  }
}

TEST(UrlPartsTest, OriginIgnoresHostCaseAndNamesTheDefaultPort) {
  EXPECT_EQ(split_url("https://Example.ORG/a")->origin(),
            split_url("https://example.org:443/b")->origin());
  EXPECT_NE(split_url("https://example.org/")->origin(),
            split_url("http://example.org/")->origin());
}

TEST(ResolveUrlTest, ResolvesALocationAgainstTheRequestUrl) {
  struct Case {
    const char* reference;
    const char* expected;
  };
  const Case cases[] = {
      {"https://other.example/feed", "https://other.example/feed"},
      {"/new", "http://example.org/new"},
      {"next", "http://example.org/news/next"},
      {"../up", "http://example.org/up"},
      {"?page=2", "http://example.org/news/rss?page=2"},
      {"//cdn.example/feed", "http://cdn.example/feed"},
      {"file:///etc/passwd", "file:///etc/passwd"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.reference);
    EXPECT_EQ(resolve_url("http://example.org/news/rss", c.reference), c.expected);
  }
}

}  // namespace
}  // namespace nz::fetch
