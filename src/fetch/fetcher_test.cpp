// Fetcher against a real HTTP server on 127.0.0.1 and a free port (test_server.h). Every
// request carries a timeout of a few seconds at most, so a fault fails a test instead of
// hanging the run.
#include "fetch/fetcher.h"

#include <brotli/encode.h>
#include <zlib.h>

#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <map>
#include <mutex>

#include <gtest/gtest.h>

#include "core/clock.h"
#include "fetch/test_server.h"

namespace nz::fetch {
namespace {

using namespace std::chrono;
using namespace std::chrono_literals;
using testing::RefusingPort;
using testing::Reply;
using testing::SeenRequest;
using testing::SilentPort;
using testing::TestServer;

// The fixture's clock: 2015-10-21 07:28:00 UTC.
const core::Timestamp kNow = sys_days{2015y / October / 21} + 7h + 28min;

// A proxy from the environment would take requests to 127.0.0.1 elsewhere.
class NoProxyEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    for (const char* name : {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY",
                             "all_proxy", "ALL_PROXY"}) {
      ::unsetenv(name);
    }
  }
};
const auto* const kNoProxy = ::testing::AddGlobalTestEnvironment(new NoProxyEnvironment);

// Serves fixed replies by request target; anything else is 404.
testing::ReplyHandler routes(std::map<std::string, Reply> table) {
  return [table = std::move(table)](const SeenRequest& r) {
    auto it = table.find(r.target);
    return it != table.end() ? it->second : Reply{.status = 404, .body = "no route"};
  };
}

std::string gzip(std::string_view data) {
  z_stream z{};
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    std::abort();
  }
  std::string out(deflateBound(&z, data.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  if (deflate(&z, Z_FINISH) != Z_STREAM_END) std::abort();
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string brotli(std::string_view data) {
  size_t size = BrotliEncoderMaxCompressedSize(data.size());
  std::string out(size, '\0');
  if (!BrotliEncoderCompress(BROTLI_DEFAULT_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT,
                             data.size(), reinterpret_cast<const uint8_t*>(data.data()), &size,
                             reinterpret_cast<uint8_t*>(out.data()))) {
    std::abort();
  }
  out.resize(size);
  return out;
}

class FetcherTest : public ::testing::Test {
 protected:
  // A request bounded for tests: nothing here should take more than a fraction of this.
  static FetchRequest request(std::string url) {
    FetchRequest r;
    r.url = std::move(url);
    r.timeout = 5s;
    r.connect_timeout = 5s;
    return r;
  }

  core::FakeClock clock_{kNow};
  Fetcher fetcher_{clock_};
};

TEST_F(FetcherTest, ReturnsStatusBodyAndResponseHeaders) {
  Reply feed{.headers = {{"Content-Type", "application/rss+xml; charset=ISO-8859-1"},
                         {"ETag", "\"v1\""},
                         {"Last-Modified", "Wed, 21 Oct 2015 07:00:00 GMT"}},
             .body = "<rss version=\"2.0\"/>"};
  TestServer server(routes({{"/feed.xml", feed}}));

  auto response = fetcher_.fetch(request(server.url("/feed.xml")));

  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "<rss version=\"2.0\"/>");
  EXPECT_EQ(response->content_type, "application/rss+xml; charset=ISO-8859-1");
  EXPECT_EQ(response->charset, "iso-8859-1");
  EXPECT_EQ(response->etag, "\"v1\"");
  EXPECT_EQ(response->last_modified, "Wed, 21 Oct 2015 07:00:00 GMT");
  EXPECT_EQ(response->final_url, server.url("/feed.xml"));
  EXPECT_FALSE(response->permanent_url.has_value());
  EXPECT_FALSE(response->retry_after.has_value());
  EXPECT_LT(response->elapsed, 5000ms);
}

TEST_F(FetcherTest, SendsConditionalHeadersAndReturnsNotModified) {
  TestServer server([](const SeenRequest& r) {
    bool fresh = r.header("if-none-match") == "\"v1\"" &&
                 r.header("if-modified-since") == "Wed, 21 Oct 2015 07:00:00 GMT";
    return fresh ? Reply{.status = 304, .headers = {{"ETag", "\"v1\""}}}
                 : Reply{.status = 200, .body = "full body"};
  });
  FetchRequest r = request(server.url("/feed.xml"));
  r.etag = "\"v1\"";
  r.last_modified = "Wed, 21 Oct 2015 07:00:00 GMT";

  auto response = fetcher_.fetch(r);

  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 304);
  EXPECT_EQ(response->body, "");
  EXPECT_EQ(response->etag, "\"v1\"");
}

TEST_F(FetcherTest, SendsNoConditionalHeadersWhenItHasNoValidators) {
  TestServer server(routes({{"/feed.xml", {.body = "x"}}}));

  auto response = fetcher_.fetch(request(server.url("/feed.xml")));

  ASSERT_TRUE(response) << response.error().message;
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_FALSE(server.requests()[0].header("if-none-match").has_value());
  EXPECT_FALSE(server.requests()[0].header("if-modified-since").has_value());
}

TEST_F(FetcherTest, DecodesGzipAndBrotliBodies) {
  const std::string text(5000, 'a');
  TestServer server(routes({
      {"/gzip", {.headers = {{"Content-Encoding", "gzip"}}, .body = gzip(text)}},
      {"/br", {.headers = {{"Content-Encoding", "br"}}, .body = brotli(text)}},
  }));

  for (const char* path : {"/gzip", "/br"}) {
    SCOPED_TRACE(path);
    auto response = fetcher_.fetch(request(server.url(path)));
    ASSERT_TRUE(response) << response.error().message;
    EXPECT_EQ(response->body, text);
  }
  for (const auto& seen : server.requests()) {
    std::string accepted = seen.header("accept-encoding").value_or("");
    EXPECT_NE(accepted.find("gzip"), std::string::npos) << accepted;
    EXPECT_NE(accepted.find("br"), std::string::npos) << accepted;
  }
}

TEST_F(FetcherTest, SetsPermanentUrlOnlyWhenEveryRedirectWasPermanent) {
  struct Case {
    std::vector<int> codes;  // the redirect chain, hop by hop
    bool permanent;
  };
  const Case cases[] = {
      {{301}, true},
      {{301, 301}, true},
      {{308}, true},
      {{301, 308}, true},
      {{302}, false},
      {{302, 302}, false},
      {{303}, false},
      {{307}, false},
      {{301, 302}, false},
      {{302, 301}, false},
      {{308, 307}, false},
  };
  for (const auto& c : cases) {
    std::string name;
    for (int code : c.codes) name += std::to_string(code) + " ";
    SCOPED_TRACE(name);
    // /hop/0 redirects to /hop/1 and so on; the last hop points at /final with a relative
    // Location.
    std::map<std::string, Reply> table;
    for (size_t i = 0; i < c.codes.size(); ++i) {
      std::string next =
          i + 1 < c.codes.size() ? "/hop/" + std::to_string(i + 1) : std::string("../final");
      table["/hop/" + std::to_string(i)] = Reply::redirect(c.codes[i], next);
    }
    table["/final"] = Reply{.body = "the feed"};
    TestServer server(routes(table));

    auto response = fetcher_.fetch(request(server.url("/hop/0")));

    ASSERT_TRUE(response) << response.error().message;
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body, "the feed");
    EXPECT_EQ(response->final_url, server.url("/final"));
    if (c.permanent) {
      EXPECT_EQ(response->permanent_url, server.url("/final"));
    } else {
      EXPECT_FALSE(response->permanent_url.has_value());
    }
    EXPECT_EQ(server.requests().size(), c.codes.size() + 1);
  }
}

TEST_F(FetcherTest, RedirectLoopIsAnErrorAfterMaxRedirects) {
  TestServer server(routes({{"/loop", Reply::redirect(302, "/loop")}}));

  auto response = fetcher_.fetch(request(server.url("/loop")));

  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(response.error().message,
            "too many redirects (more than 5), the last to " + server.url("/loop"));
  EXPECT_EQ(server.requests().size(), 6u);  // the request and five redirects followed
}

TEST_F(FetcherTest, RefusesARedirectToAnotherScheme) {
  TestServer server(routes({{"/feed", Reply::redirect(301, "file:///etc/passwd")}}));

  auto response = fetcher_.fetch(request(server.url("/feed")));

  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(response.error().message,
            "redirect to file:///etc/passwd refused: only http and https are followed");
}

TEST_F(FetcherTest, RejectsAUrlThatIsNotHttp) {
  for (const char* url : {"file:///etc/passwd", "ftp://127.0.0.1/feed", "not a url"}) {
    SCOPED_TRACE(url);
    auto response = fetcher_.fetch(request(url));
    ASSERT_FALSE(response);
    EXPECT_EQ(response.error().code, ErrorCode::kInvalidInput);
  }
}

TEST_F(FetcherTest, RejectsAHeaderThatWouldSplitTheRequest) {
  FetchRequest r = request("http://127.0.0.1:1/feed");
  r.headers = {{"X-Token", "abc\r\nX-Injected: 1"}};

  auto response = fetcher_.fetch(r);

  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(response.error().message, "value of header X-Token contains a line break");
}

TEST_F(FetcherTest, ReturnsGoneAsAResponse) {
  TestServer server(routes({{"/feed", Reply{.status = 410, .body = "gone"}}}));

  auto response = fetcher_.fetch(request(server.url("/feed")));

  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 410);
}

TEST_F(FetcherTest, ReadsRetryAfterAsSecondsOrHttpDate) {
  TestServer server(routes({
      {"/429", {.status = 429, .headers = {{"Retry-After", "120"}}}},
      {"/503", {.status = 503, .headers = {{"Retry-After", "Wed, 21 Oct 2015 07:29:00 GMT"}}}},
      {"/503-unreadable", {.status = 503, .headers = {{"Retry-After", "later"}}}},
  }));

  auto too_many = fetcher_.fetch(request(server.url("/429")));
  auto unavailable = fetcher_.fetch(request(server.url("/503")));
  auto unreadable = fetcher_.fetch(request(server.url("/503-unreadable")));

  ASSERT_TRUE(too_many) << too_many.error().message;
  EXPECT_EQ(too_many->status, 429);
  EXPECT_EQ(too_many->retry_after, 120s);
  ASSERT_TRUE(unavailable) << unavailable.error().message;
  EXPECT_EQ(unavailable->status, 503);
  EXPECT_EQ(unavailable->retry_after, 60s);  // one minute after the fixture's clock
  ASSERT_TRUE(unreadable) << unreadable.error().message;
  EXPECT_FALSE(unreadable->retry_after.has_value());
}

TEST_F(FetcherTest, SlowServerTimesOutWithTheLimitInTheMessage) {
  // The head and 10 bytes arrive, then nothing until the server is destroyed.
  TestServer server(routes({{"/slow", Reply{.body = std::string(100, 'x'), .stall_after = 10}}}));
  FetchRequest r = request(server.url("/slow"));
  r.timeout = 300ms;

  auto started = steady_clock::now();
  auto response = fetcher_.fetch(r);
  auto took = steady_clock::now() - started;

  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(response.error().message, "timed out after 300 ms");
  EXPECT_GE(took, 250ms);
  EXPECT_LT(took, 3s);
}

TEST_F(FetcherTest, TimeoutCoversTheWholeRedirectChain) {
  TestServer server(routes({
      {"/old", Reply::redirect(301, "/slow")},
      {"/slow", Reply{.body = std::string(100, 'x'), .stall_after = 0}},
  }));
  FetchRequest r = request(server.url("/old"));
  r.timeout = 300ms;

  auto response = fetcher_.fetch(r);

  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().message,
            "redirected to " + server.url("/slow") + ": timed out after 300 ms");
}

TEST_F(FetcherTest, OversizedBodyIsAnErrorNamingTheLimit) {
  TestServer server(routes({{"/big", Reply{.body = std::string(4096, 'x')}}}));
  FetchRequest r = request(server.url("/big"));
  r.max_body_bytes = 1024;

  auto response = fetcher_.fetch(r);

  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(response.error().message, "response body larger than 1 KiB");
}

TEST_F(FetcherTest, BodyLimitAppliesToTheDecodedBody) {
  // 1 MiB of zeros compresses to about 1 KiB: the limit is on what it decodes to.
  TestServer server(routes({{"/bomb",
                             Reply{.headers = {{"Content-Encoding", "gzip"}},
                                   .body = gzip(std::string(1 << 20, '\0'))}}}));
  FetchRequest r = request(server.url("/bomb"));
  r.max_body_bytes = 64 * 1024;

  auto response = fetcher_.fetch(r);

  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().message, "response body larger than 64 KiB");
}

TEST_F(FetcherTest, BodyExactlyAtTheLimitIsAccepted) {
  TestServer server(routes({{"/exact", Reply{.body = std::string(1024, 'x')}}}));
  FetchRequest r = request(server.url("/exact"));
  r.max_body_bytes = 1024;

  auto response = fetcher_.fetch(r);

  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->body.size(), 1024u);
}

TEST_F(FetcherTest, ConnectionRefusedIsAnError) {
  RefusingPort refusing;
  auto response =
      fetcher_.fetch(request("http://127.0.0.1:" + std::to_string(refusing.port()) + "/feed"));

  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(response.error().message,
            "connection refused to 127.0.0.1:" + std::to_string(refusing.port()));
}

TEST_F(FetcherTest, ConnectTimeoutIsAnErrorNamingTheHostAndTheLimit) {
  SilentPort silent;
  FetchRequest r = request("http://127.0.0.1:" + std::to_string(silent.port()) + "/feed");
  r.connect_timeout = 200ms;

  auto response = fetcher_.fetch(r);

  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(response.error().message, "could not connect to 127.0.0.1:" +
                                          std::to_string(silent.port()) + " within 200 ms");
}

TEST_F(FetcherTest, FetchAllReturnsResultsInRequestOrder) {
  TestServer server([](const SeenRequest& r) { return Reply{.body = "body of " + r.target}; });
  RefusingPort refusing;
  std::vector<FetchRequest> requests;
  for (int i = 0; i < 6; ++i) {
    requests.push_back(request(server.url("/" + std::to_string(i))));
  }
  requests.insert(requests.begin() + 2,
                  request("http://127.0.0.1:" + std::to_string(refusing.port()) + "/"));

  auto results = fetcher_.fetch_all(requests, 2);

  ASSERT_EQ(results.size(), 7u);
  for (size_t i = 0; i < results.size(); ++i) {
    SCOPED_TRACE(i);
    if (i == 2) {
      EXPECT_FALSE(results[i]);
      continue;
    }
    ASSERT_TRUE(results[i]) << results[i].error().message;
    int n = static_cast<int>(i < 2 ? i : i - 1);
    EXPECT_EQ(results[i]->body, "body of /" + std::to_string(n));
  }
}

TEST_F(FetcherTest, FetchAllRunsRequestsConcurrently) {
  // Each reply waits until all three requests have arrived: a fetcher that ran them one at a
  // time would see every reply say "alone".
  constexpr int kRequests = 3;
  std::mutex mu;
  std::condition_variable all_arrived;
  int arrived = 0;
  TestServer server([&](const SeenRequest&) {
    std::unique_lock lock(mu);
    ++arrived;
    all_arrived.notify_all();
    bool together = all_arrived.wait_for(lock, 3s, [&] { return arrived == kRequests; });
    return Reply{.body = together ? "together" : "alone"};
  });
  std::vector<FetchRequest> requests(kRequests, request(server.url("/feed")));

  auto results = fetcher_.fetch_all(requests, kRequests);

  for (const auto& result : results) {
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(result->body, "together");
  }
}

TEST_F(FetcherTest, FetchAllOfNothingIsEmpty) {
  EXPECT_TRUE(fetcher_.fetch_all({}).empty());
}

TEST_F(FetcherTest, SendsUserAgentAndExtraHeaders) {
  TestServer server(routes({{"/feed", Reply{.body = "ok"}}}));
  FetchRequest r = request(server.url("/feed"));
  r.user_agent = "newszone-test/1.0";
  r.headers = {{"X-Partner-Key", "k-123"}, {"Accept", "application/atom+xml"}, {"X-Empty", ""}};

  auto response = fetcher_.fetch(r);

  ASSERT_TRUE(response) << response.error().message;
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  const SeenRequest& seen = requests[0];
  EXPECT_EQ(seen.method, "GET");
  EXPECT_EQ(seen.header("user-agent"), "newszone-test/1.0");
  EXPECT_EQ(seen.header("x-partner-key"), "k-123");
  EXPECT_EQ(seen.header("accept"), "application/atom+xml");  // replaces curl's "*/*"
  EXPECT_EQ(seen.header("x-empty"), "");
}

TEST_F(FetcherTest, KeepsCredentialsToTheOriginalOriginOnly) {
  TestServer other(routes({{"/feed", Reply{.body = "moved feed"}}}));
  TestServer origin(routes({
      {"/same", Reply::redirect(301, "/feed")},
      {"/feed", Reply{.body = "feed"}},
      {"/away", Reply::redirect(301, other.url("/feed"))},
  }));
  auto with_credentials = [&](const std::string& path) {
    FetchRequest r = request(origin.url(path));
    r.headers = {{"Authorization", "Bearer secret"}, {"Cookie", "s=1"}, {"X-Partner", "p"}};
    return r;
  };

  auto same = fetcher_.fetch(with_credentials("/same"));
  auto away = fetcher_.fetch(with_credentials("/away"));

  ASSERT_TRUE(same) << same.error().message;
  ASSERT_TRUE(away) << away.error().message;
  EXPECT_EQ(away->body, "moved feed");
  for (const auto& seen : origin.requests()) {
    SCOPED_TRACE(seen.target);
    EXPECT_EQ(seen.header("authorization"), "Bearer secret");
    EXPECT_EQ(seen.header("cookie"), "s=1");
  }
  ASSERT_EQ(other.requests().size(), 1u);
  EXPECT_FALSE(other.requests()[0].header("authorization").has_value());
  EXPECT_FALSE(other.requests()[0].header("cookie").has_value());
  EXPECT_EQ(other.requests()[0].header("x-partner"), "p");
}

TEST_F(FetcherTest, AFetcherCanBeUsedAgain) {
  TestServer server(routes({{"/feed", Reply{.body = "ok"}}}));
  for (int i = 0; i < 3; ++i) {
    auto response = fetcher_.fetch(request(server.url("/feed")));
    ASSERT_TRUE(response) << response.error().message;
    EXPECT_EQ(response->body, "ok");
  }
}

}  // namespace
}  // namespace nz::fetch
