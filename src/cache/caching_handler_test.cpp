#include "cache/caching_handler.h"

#include <cctype>

#include <gtest/gtest.h>

#include "core/clock.h"
#include "core/rfc3339.h"

namespace nz::cache {
namespace {

const core::Timestamp kNow = core::Timestamp(std::chrono::seconds(1790000000));

// A header as the client would see it: from the header list, or from the serialized lines a
// kept page is sent with (http::Response::raw_headers).
std::optional<std::string> header(const http::Response& response, std::string_view name) {
  if (auto value = response.header(name)) return std::string(*value);
  if (!response.raw_headers) return std::nullopt;
  std::string_view rest = *response.raw_headers;
  while (!rest.empty()) {
    size_t end = rest.find("\r\n");
    std::string_view line = rest.substr(0, end);
    rest.remove_prefix(end + 2);
    size_t colon = line.find(": ");
    std::string key(line.substr(0, colon));
    for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (key == name) return std::string(line.substr(colon + 2));
  }
  return std::nullopt;
}

std::string long_page(const std::string& word) {
  std::string body = "<!DOCTYPE html><title>" + word + "</title>";
  for (int i = 0; i < 200; ++i) body += "<p>" + word + " paragraph " + std::to_string(i) + "</p>";
  return body;
}

// A router stand-in: renders "/news/a-N" as an article naming a<N>, counts its renders.
struct Site {
  core::FakeClock clock{kNow};
  PageCache cache{1 << 20};
  int renders = 0;
  bool fresh = true;
  std::string word = "first";
  CachingHandler handler{cache, CachePolicy::defaults(), clock, [this] { return fresh; },
                         [this](http::Request& request) {
                           ++renders;
                           if (request.path == "/api/v1/search") {
                             return http::Response::json(200, "{}");
                           }
                           if (request.path == "/missing") {
                             auto r = http::Response::html(404, "gone");
                             r.cache_as = "article";
                             return r;
                           }
                           auto r = http::Response::html(200, long_page(word));
                           r.cache_as = "article";
                           r.set_header("Surrogate-Key", "a7 s1");
                           return r;
                         }};

  http::Response get(std::string target, std::vector<std::pair<std::string, std::string>> headers =
                                             {},
                     http::Method method = http::Method::kGet) {
    http::Request request;
    request.method = method;
    request.target = target;
    size_t q = target.find('?');
    request.path = target.substr(0, q);
    if (q != std::string::npos) request.query = target.substr(q + 1);
    request.headers = std::move(headers);
    return handler.handle(request);
  }
};

TEST(CachingHandlerTest, RendersOnceThenServesTheKeptPage) {
  Site site;
  auto first = site.get("/news/a-7");
  auto second = site.get("/news/a-7");
  EXPECT_EQ(site.renders, 1);
  EXPECT_EQ(first.payload(), second.payload());
  EXPECT_EQ(header(first, "x-cache"), "miss");
  EXPECT_EQ(header(second, "x-cache"), "hit");
  EXPECT_EQ(header(second, "etag"), header(first, "etag"));
  EXPECT_EQ(header(second, "vary"), "Accept-Encoding");
  EXPECT_EQ(header(second, "cache-control"), CachePolicy::defaults().control_for("article"));
  EXPECT_EQ(header(second, "last-modified"), core::format_http_date(kNow));
}

TEST(CachingHandlerTest, AHitGoesOutAsSerializedHeaderLinesMadeOnce) {
  Site site;
  site.get("/news/a-7");
  auto hit = site.get("/news/a-7");
  ASSERT_TRUE(hit.raw_headers);
  EXPECT_TRUE(hit.headers.empty());
  EXPECT_EQ(header(hit, "content-length"), std::to_string(hit.payload().size()));
  EXPECT_EQ(header(hit, "content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(site.get("/news/a-7").raw_headers, hit.raw_headers);  // the same lines, shared
  // HEAD, 304 and the miss that kept the page go through the server's usual path.
  EXPECT_FALSE(site.get("/news/a-7", {}, http::Method::kHead).raw_headers);
  EXPECT_FALSE(site.get("/news/a-7", {{"if-none-match", *header(hit, "etag")}}).raw_headers);
}

TEST(CachingHandlerTest, GzipAndBrotliAreMadeOnceAndNamedInTheEtag) {
  Site site;
  auto plain = site.get("/news/a-7");
  auto gz = site.get("/news/a-7", {{"accept-encoding", "gzip"}});
  auto br = site.get("/news/a-7", {{"accept-encoding", "gzip, br"}});
  EXPECT_EQ(header(gz, "content-encoding"), "gzip");
  EXPECT_EQ(header(br, "content-encoding"), "br");
  EXPECT_FALSE(header(plain, "content-encoding"));
  EXPECT_LT(gz.payload().size(), plain.payload().size());
  EXPECT_LT(br.payload().size(), plain.payload().size());
  EXPECT_NE(header(gz, "etag"), header(plain, "etag"));
  EXPECT_NE(header(br, "etag"), header(gz, "etag"));
  auto gz_again = site.get("/news/a-7", {{"accept-encoding", "gzip"}});
  EXPECT_EQ(gz_again.shared_body, gz.shared_body);  // the same bytes, not compressed again
  EXPECT_EQ(site.renders, 1);
}

TEST(CachingHandlerTest, IfNoneMatchAnswers304ForAnyCodingsTag) {
  Site site;
  auto gz = site.get("/news/a-7", {{"accept-encoding", "gzip"}});
  std::string tag(*header(gz, "etag"));
  auto again = site.get("/news/a-7", {{"accept-encoding", "gzip"}, {"if-none-match", tag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.payload().empty());
  EXPECT_EQ(header(again, "etag"), tag);
  // A client that changed its Accept-Encoding still holds the same content.
  EXPECT_EQ(site.get("/news/a-7", {{"if-none-match", tag}}).status, 304);
  EXPECT_EQ(site.get("/news/a-7", {{"if-none-match", "W/" + tag}}).status, 304);
  EXPECT_EQ(site.get("/news/a-7", {{"if-none-match", "\"other\", " + tag}}).status, 304);
  EXPECT_EQ(site.get("/news/a-7", {{"if-none-match", "*"}}).status, 304);
  EXPECT_EQ(site.get("/news/a-7", {{"if-none-match", "\"other\""}}).status, 200);
}

TEST(CachingHandlerTest, IfModifiedSinceAnswers304UnlessTheEtagDiffers) {
  Site site;
  site.get("/news/a-7");
  std::string now = core::format_http_date(kNow);
  std::string earlier = core::format_http_date(kNow - std::chrono::seconds(1));
  EXPECT_EQ(site.get("/news/a-7", {{"if-modified-since", now}}).status, 304);
  EXPECT_EQ(site.get("/news/a-7", {{"if-modified-since", earlier}}).status, 200);
  EXPECT_EQ(site.get("/news/a-7", {{"if-modified-since", "garbage"}}).status, 200);
  // If-None-Match wins over If-Modified-Since (RFC 9110 13.1.3).
  EXPECT_EQ(site.get("/news/a-7", {{"if-modified-since", now}, {"if-none-match", "\"x\""}}).status,
            200);
}

TEST(CachingHandlerTest, APageChangedInTheSameSecondIsNotValidatedByDate) {
  Site site;
  site.get("/news/a-7");
  std::vector<std::string> keys = {"a7"};
  site.cache.invalidate(keys, site.clock.now());
  site.word = "second";
  auto changed = site.get("/news/a-7");
  EXPECT_NE(changed.payload().find("second"), std::string::npos);
  // The old copy's Last-Modified is this same second: the date cannot tell them apart.
  auto since = site.get("/news/a-7", {{"if-modified-since", core::format_http_date(kNow)}});
  EXPECT_EQ(since.status, 200);
}

TEST(CachingHandlerTest, InvalidatedPagesAreRenderedAgain) {
  Site site;
  site.get("/news/a-7");
  std::vector<std::string> keys = {"s1"};
  site.cache.invalidate(keys, site.clock.now());
  site.word = "corrected";
  auto page = site.get("/news/a-7");
  EXPECT_EQ(site.renders, 2);
  EXPECT_NE(page.payload().find("corrected"), std::string::npos);
}

TEST(CachingHandlerTest, WhenFreshnessIsUnknownPagesAreRendered) {
  Site site;
  site.get("/news/a-7");
  site.fresh = false;
  site.word = "live";
  auto page = site.get("/news/a-7");
  EXPECT_EQ(site.renders, 2);
  EXPECT_NE(page.payload().find("live"), std::string::npos);
}

TEST(CachingHandlerTest, OnlyPlainAndPagedTargetsAreKept) {
  Site site;
  site.get("/news/?page=2");
  site.get("/news/?page=2");
  EXPECT_EQ(site.renders, 1);
  site.get("/news/?utm_source=x");
  site.get("/news/?utm_source=x");
  EXPECT_EQ(site.renders, 3);
  EXPECT_TRUE(cacheable_query(""));
  EXPECT_TRUE(cacheable_query("page=12"));
  EXPECT_FALSE(cacheable_query("page=0"));
  EXPECT_FALSE(cacheable_query("page=01"));
  EXPECT_FALSE(cacheable_query("page=2&x=1"));
  EXPECT_FALSE(cacheable_query("page=1234567"));
}

TEST(CachingHandlerTest, ErrorsPostsAndUnmarkedResponsesPassThrough) {
  Site site;
  EXPECT_EQ(site.get("/missing").status, 404);
  EXPECT_EQ(site.get("/missing").status, 404);
  EXPECT_EQ(site.renders, 2);
  auto api = site.get("/api/v1/search");
  site.get("/api/v1/search");
  EXPECT_EQ(site.renders, 4);
  EXPECT_FALSE(header(api, "etag"));
  site.get("/news/a-7", {}, http::Method::kPost);
  site.get("/news/a-7", {}, http::Method::kPost);
  EXPECT_EQ(site.renders, 6);
}

TEST(CachingHandlerTest, WithTheCacheOffPagesStillGetCodingsAndEtags) {
  core::FakeClock clock{kNow};
  PageCache off(0);
  int renders = 0;
  CachingHandler handler(off, CachePolicy::defaults(), clock, [] { return true; },
                         [&](http::Request&) {
                           ++renders;
                           auto r = http::Response::html(200, long_page("x"));
                           r.cache_as = "home";
                           return r;
                         });
  http::Request request;
  request.path = "/";
  request.target = "/";
  request.headers = {{"accept-encoding", "gzip"}};
  auto first = handler.handle(request);
  auto second = handler.handle(request);
  EXPECT_EQ(renders, 2);
  EXPECT_EQ(header(first, "content-encoding"), "gzip");
  EXPECT_TRUE(header(first, "etag"));
  EXPECT_FALSE(header(first, "last-modified"));  // no record of changes to answer dates with
  EXPECT_FALSE(header(first, "x-cache"));
  request.headers.emplace_back("if-none-match", std::string(*header(first, "etag")));
  EXPECT_EQ(handler.handle(request).status, 304);
}

}  // namespace
}  // namespace nz::cache
