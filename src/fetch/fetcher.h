// Fetcher: HTTP GETs over libcurl's multi interface, for the feed poller (issue 3, "Sources
// polled by serve"). It sends conditional requests, accepts compressed bodies, follows
// redirects itself so that it can tell a permanent move from a temporary one, and bounds every
// transfer in time and body size. libcurl appears only in src/fetch/*.cpp.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace nz::core {
class Clock;
}

namespace nz::fetch {

// One GET (or a form POST). Every field but `url` has a usable default.
struct FetchRequest {
  std::string url;            // absolute http:// or https:// URL; anything else is kInvalidInput
  std::string etag;           // sent as If-None-Match when non-empty (from the last response)
  std::string last_modified;  // sent as If-Modified-Since when non-empty (from the last response)
  std::string user_agent = "newszone/0.1 (+https://example.invalid/newszone)";
  // Extra per-source headers, sent as given; one named like a built-in header (User-Agent,
  // Accept, ...) replaces it. Authorization and Cookie are not sent on after a redirect to
  // another origin (scheme, host or port), as browsers and curl do not. A name or value with
  // CR, LF or NUL, or a name with ':' or space, makes the request kInvalidInput.
  std::vector<std::pair<std::string, std::string>> headers;
  std::chrono::milliseconds timeout{30000};  // the whole fetch, every redirect hop included
  std::chrono::milliseconds connect_timeout{10000};  // DNS + TCP + TLS, per hop
  size_t max_body_bytes = size_t{16} << 20;  // decoded body bound, enforced while receiving
  int max_redirects = 5;                     // hops followed; one more is an error
  // When set, the request is a POST of this application/x-www-form-urlencoded body (a WebSub
  // subscription) instead of a GET, and a redirect is not followed: it is the response.
  std::string form_body;
};

// What the server finally answered. Any HTTP status (304, 410, 429, 503, ...) is a response.
struct FetchResponse {
  int status = 0;             // status of the final response, after redirects
  std::string body;           // decoded (Content-Encoding gzip, deflate, br, zstd)
  std::string content_type;   // the whole Content-Type value; empty when absent
  std::string charset;        // its charset parameter, lower-case; empty when absent
  std::string etag;           // ETag of the final response; empty when absent (a 304 often
                              // has none: keep the stored one then)
  std::string last_modified;  // Last-Modified of the final response, verbatim; empty when absent
  std::string final_url;      // the URL that gave the final response
  // Set only when at least one redirect was followed and every hop was permanent (301 or
  // 308): the URL the source should be updated to. Any 302, 303 or 307 in the chain leaves it
  // empty. (RFC 9110 15.4)
  std::optional<std::string> permanent_url;
  // From Retry-After on any status, relative to the Fetcher's clock; an HTTP-date in the past
  // is 0 s. Empty when absent or unreadable. (RFC 9110 10.2.3)
  std::optional<std::chrono::seconds> retry_after;
  std::chrono::milliseconds elapsed{};  // wall time of the whole fetch, redirects included
};

// Runs GETs on one curl multi handle, whose connections and DNS cache are kept between calls.
//
// Failures that leave no HTTP response are Errors with a one-line message a person can act on.
// It does not repeat the request URL (add it with with_context), but names the hop when the
// failure came after a redirect:
//   kUnavailable: "could not resolve host feeds.example.org", "connection refused to
//     127.0.0.1:8080", "timed out after 30 s", "could not connect to example.org:443 within
//     10 s", TLS failures, a connection closed early, a body that cannot be decoded,
//     "too many redirects (more than 5), the last to https://...".
//   kInvalidInput: a URL that is malformed or not http(s), a redirect to another scheme
//     (file:, ftp:, ...), "response body larger than 16 MiB", a bad extra header.
//
// Thread-safety: a Fetcher may be used from one thread at a time; separate Fetchers may run
// on separate threads. The first Fetcher constructed initialises libcurl (once per process,
// thread-safely); it is never torn down. libcurl is told not to use signals (CURLOPT_NOSIGNAL).
// As curl does, it honours http_proxy, https_proxy and no_proxy from the environment.
class Fetcher {
 public:
  // `clock` turns a Retry-After HTTP-date into a delay; it must outlive the Fetcher.
  explicit Fetcher(const core::Clock& clock);
  ~Fetcher();
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  // Runs all requests concurrently, at most `max_parallel` at once (values below 1 mean 1),
  // and returns one result per request, in request order. Blocks until every request has
  // finished; each is bounded by its own timeout.
  std::vector<Result<FetchResponse>> fetch_all(std::span<const FetchRequest> requests,
                                               int max_parallel = 8);

  // One request; the same as fetch_all with one element.
  Result<FetchResponse> fetch(const FetchRequest& request);

 private:
  class Multi;  // the curl multi handle and the transfers on it (fetcher.cpp)
  const core::Clock& clock_;
  std::unique_ptr<Multi> multi_;
};

}  // namespace nz::fetch
