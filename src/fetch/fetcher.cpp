// Fetcher over libcurl's multi interface.
//
// Each request is a Transfer with one easy handle. Redirects are followed here, not by curl
// (CURLOPT_FOLLOWLOCATION off): when a hop ends in 301/302/303/307/308 with a Location, the
// same easy handle is pointed at the resolved Location and added again. That is how we know
// which codes the chain contained (only 301 and 308 may update a source's URL), can refuse a
// redirect to any scheme but http(s) with a clear message, and can drop credentials when the
// chain leaves the original origin. Every hop gets what is left of the request's time budget.
//
// The body bound is enforced in the write callback, which sees the decoded bytes (curl
// decodes Content-Encoding when CURLOPT_ACCEPT_ENCODING is set), so a compressed bomb is
// stopped at max_body_bytes of output too.
#include "fetch/fetcher.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <mutex>

#include "core/clock.h"
#include "fetch/content_type.h"
#include "fetch/retry_after.h"
#include "fetch/url_parts.h"

namespace nz::fetch {
namespace {

using SteadyClock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// curl_global_init is called once per process and never undone: other Fetchers (or other
// threads) may still be using libcurl when one goes away.
CURLcode init_curl_once() {
  static std::once_flag once;
  static CURLcode code = CURLE_OK;
  std::call_once(once, [] { code = curl_global_init(CURL_GLOBAL_DEFAULT); });
  return code;
}

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "30 s", "300 ms", "1500 ms".
std::string describe_duration(milliseconds d) {
  if (d.count() >= 1000 && d.count() % 1000 == 0) return std::to_string(d.count() / 1000) + " s";
  return std::to_string(d.count()) + " ms";
}

// "16 MiB", "64 KiB", "1000 bytes".
std::string describe_size(size_t bytes) {
  constexpr size_t kKiB = 1024, kMiB = kKiB * 1024, kGiB = kMiB * 1024;
  if (bytes >= kGiB && bytes % kGiB == 0) return std::to_string(bytes / kGiB) + " GiB";
  if (bytes >= kMiB && bytes % kMiB == 0) return std::to_string(bytes / kMiB) + " MiB";
  if (bytes >= kKiB && bytes % kKiB == 0) return std::to_string(bytes / kKiB) + " KiB";
  return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
}

// A header line is built from these; CR, LF or NUL in them would end it early and let the
// value smuggle in headers of its own. (RFC 9110 5.5)
bool has_line_break(std::string_view s) {
  return s.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos;
}

bool is_valid_header_name(std::string_view name) {
  if (name.empty() || has_line_break(name)) return false;
  return std::none_of(name.begin(), name.end(),
                      [](char c) { return c == ':' || c == ' ' || c == '\t'; });
}

// Checks what the caller gave and returns the parts of its URL.
Result<UrlParts> check_request(const FetchRequest& r) {
  auto parts = split_url(r.url);
  if (!parts) return Error::InvalidInput("malformed URL");
  if (!is_http_scheme(parts->scheme)) {
    return Error::InvalidInput("scheme \"" + parts->scheme +
                               "\" is not allowed: only http and https URLs are fetched");
  }
  if (has_line_break(r.etag)) return Error::InvalidInput("ETag contains a line break");
  if (has_line_break(r.last_modified)) {
    return Error::InvalidInput("Last-Modified contains a line break");
  }
  if (has_line_break(r.user_agent)) {
    return Error::InvalidInput("User-Agent contains a line break");
  }
  for (const auto& [name, value] : r.headers) {
    if (!is_valid_header_name(name)) {
      return Error::InvalidInput("invalid header name \"" + name + "\"");
    }
    if (has_line_break(value)) {
      return Error::InvalidInput("value of header " + name + " contains a line break");
    }
  }
  return *parts;
}

struct EasyDeleter {
  void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using HeaderList = std::unique_ptr<curl_slist, SlistDeleter>;

// The request headers for one hop. Authorization and Cookie go only to the origin the
// request named, as curl does when it follows redirects itself.
Result<HeaderList> build_headers(const FetchRequest& r, bool same_origin) {
  HeaderList list;
  auto append = [&](const std::string& line) {
    curl_slist* grown = curl_slist_append(list.get(), line.c_str());
    if (grown == nullptr) return false;
    list.release();
    list.reset(grown);
    return true;
  };
  bool ok = true;
  if (!r.etag.empty()) ok = ok && append("If-None-Match: " + r.etag);
  if (!r.last_modified.empty()) ok = ok && append("If-Modified-Since: " + r.last_modified);
  if (!r.form_body.empty()) {
    ok = ok && append("Content-Type: application/x-www-form-urlencoded");
  }
  for (const auto& [name, value] : r.headers) {
    std::string lower = lowercase(name);
    if (!same_origin && (lower == "authorization" || lower == "cookie")) continue;
    // "Name:" would tell curl to remove the header; "Name;" sends it empty.
    ok = ok && append(value.empty() ? name + ";" : name + ": " + value);
  }
  if (!ok) return Error::Internal("out of memory building request headers");
  return list;
}

// One request in flight: its easy handle and what it has received so far.
struct Transfer {
  size_t index = 0;
  const FetchRequest* request = nullptr;
  std::unique_ptr<CURL, EasyDeleter> easy;
  HeaderList headers;           // must live as long as the hop that uses it
  std::string origin;           // of request->url
  std::string url;              // of the current hop
  UrlParts url_parts;           // of the current hop
  std::string body;
  bool body_too_large = false;  // the write callback stopped the transfer
  int redirects = 0;            // hops followed so far
  bool all_permanent = true;    // every hop followed was 301 or 308
  SteadyClock::time_point start;
  SteadyClock::time_point deadline;
  milliseconds hop_budget{};          // CURLOPT_TIMEOUT_MS of the current hop
  milliseconds hop_connect_budget{};  // CURLOPT_CONNECTTIMEOUT_MS of the current hop
  char error_buffer[CURL_ERROR_SIZE] = {};
};

size_t on_body(char* data, size_t size, size_t count, void* userdata) {
  auto* t = static_cast<Transfer*>(userdata);
  size_t n = size * count;
  if (n > t->request->max_body_bytes - t->body.size()) {
    t->body_too_large = true;
    return CURL_WRITEFUNC_ERROR;  // curl aborts the transfer with CURLE_WRITE_ERROR
  }
  t->body.append(data, n);
  return n;
}

// The first value of a response header of the last response on `easy`; empty when absent.
std::string header_value(CURL* easy, const char* name) {
  curl_header* h = nullptr;
  if (curl_easy_header(easy, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK || h == nullptr) {
    return {};
  }
  return h->value;
}

bool is_redirect(long status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// The message for a transfer curl ended with `code`.
Error describe_failure(const Transfer& t, CURLcode code) {
  const FetchRequest& r = *t.request;
  std::string detail = t.error_buffer[0] != '\0' ? t.error_buffer : curl_easy_strerror(code);
  std::string host_port = t.url_parts.host_port();
  Error error;
  switch (code) {
    case CURLE_WRITE_ERROR:
      if (t.body_too_large) {
        error = Error::InvalidInput("response body larger than " +
                                    describe_size(r.max_body_bytes));
      } else {
        error = Error::Internal("could not store the response body: " + detail);
      }
      break;
    case CURLE_OPERATION_TIMEDOUT: {
      // Before the request went out (no pre-transfer time), the connect budget applied,
      // when it was the smaller one.
      curl_off_t pretransfer = 0;
      curl_easy_getinfo(t.easy.get(), CURLINFO_PRETRANSFER_TIME_T, &pretransfer);
      if (pretransfer == 0 && t.hop_connect_budget < t.hop_budget) {
        error = Error::Unavailable("could not connect to " + host_port + " within " +
                                   describe_duration(t.hop_connect_budget));
      } else {
        error = Error::Unavailable("timed out after " + describe_duration(r.timeout));
      }
      break;
    }
    case CURLE_COULDNT_RESOLVE_HOST:
      error = Error::Unavailable("could not resolve host " + t.url_parts.host);
      break;
    case CURLE_COULDNT_CONNECT: {
      long os_errno = 0;
      curl_easy_getinfo(t.easy.get(), CURLINFO_OS_ERRNO, &os_errno);
      if (os_errno == ECONNREFUSED) {
        error = Error::Unavailable("connection refused to " + host_port);
      } else {
        error = Error::Unavailable(
            "could not connect to " + host_port + ": " +
            (os_errno != 0 ? std::string(std::strerror(static_cast<int>(os_errno))) : detail));
      }
      break;
    }
    case CURLE_PEER_FAILED_VERIFICATION:
      error = Error::Unavailable("TLS certificate of " + t.url_parts.host +
                                 " is not trusted: " + detail);
      break;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
      error = Error::Unavailable("TLS with " + host_port + " failed: " + detail);
      break;
    case CURLE_GOT_NOTHING:
      error = Error::Unavailable(host_port + " closed the connection without responding");
      break;
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
      error = Error::Unavailable("connection to " + host_port +
                                 " broke before the response was complete: " + detail);
      break;
    case CURLE_BAD_CONTENT_ENCODING:
      error = Error::Unavailable("could not decode the response body: " + detail);
      break;
    case CURLE_WEIRD_SERVER_REPLY:
      error = Error::Unavailable("invalid HTTP response from " + host_port + ": " + detail);
      break;
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      error = Error::InvalidInput(detail);
      break;
    case CURLE_OUT_OF_MEMORY:
      error = Error::Internal("out of memory: " + detail);
      break;
    default:
      error = Error::Unavailable(detail);
      break;
  }
  if (t.redirects > 0) error = error.with_context("redirected to " + t.url);
  return error;
}

// One fetch_all call: starts transfers as slots free up and collects their results.
class Batch {
 public:
  Batch(CURLM* multi, const core::Clock& clock, std::span<const FetchRequest> requests)
      : multi_(multi), clock_(clock), requests_(requests), results_(requests.size()) {}

  std::vector<Result<FetchResponse>> run(size_t max_parallel) {
    size_t next = 0;
    auto fill = [&] {
      while (active_.size() < max_parallel && next < requests_.size()) start(next++);
    };
    fill();
    while (!active_.empty()) {
      int running = 0;
      CURLMcode mc = curl_multi_perform(multi_, &running);
      if (mc == CURLM_OK) {
        drain();
        fill();  // before waiting, so that a freed slot is used at once
        if (active_.empty()) break;
        // Returns on socket activity or when curl's next timer is due, whichever is first.
        mc = curl_multi_poll(multi_, nullptr, 0, 1000, nullptr);
      }
      if (mc != CURLM_OK) {
        fail_active(Error::Internal(std::string("curl multi: ") + curl_multi_strerror(mc)));
        fill();
      }
    }
    std::vector<Result<FetchResponse>> out;
    out.reserve(results_.size());
    for (auto& r : results_) out.push_back(std::move(*r));
    return out;
  }

 private:
  void start(size_t index) {
    const FetchRequest& r = requests_[index];
    auto parts = check_request(r);
    if (!parts) {
      results_[index] = parts.error();
      return;
    }
    auto t = std::make_unique<Transfer>();
    t->index = index;
    t->request = &r;
    t->origin = parts->origin();
    t->start = SteadyClock::now();
    t->deadline = t->start + r.timeout;
    t->easy.reset(curl_easy_init());
    if (!t->easy) {
      results_[index] = Error::Internal("could not create a curl handle");
      return;
    }
    CURL* e = t->easy.get();
    curl_easy_setopt(e, CURLOPT_PRIVATE, t.get());
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->error_buffer);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, t.get());
    if (r.form_body.empty()) {
      curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
    } else {
      curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE, static_cast<long>(r.form_body.size()));
      curl_easy_setopt(e, CURLOPT_POSTFIELDS, r.form_body.data());
    }
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    // "" offers every encoding this libcurl decodes; Debian 12's has gzip, deflate, br, zstd.
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(e, CURLOPT_USERAGENT, r.user_agent.c_str());
    if (curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https") != CURLE_OK ||
        curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https") != CURLE_OK) {
      results_[index] = Error::Internal("libcurl cannot be limited to http and https");
      return;
    }
    if (auto started = start_hop(*t, r.url, *parts); !started) {
      results_[index] = started.error();
      return;
    }
    active_.push_back(std::move(t));
  }

  // Points the transfer at `url` with what is left of its time and adds it to the multi
  // handle. The handle must not be on the multi handle.
  Status start_hop(Transfer& t, const std::string& url, const UrlParts& parts) {
    auto remaining = std::chrono::ceil<milliseconds>(t.deadline - SteadyClock::now());
    if (remaining <= milliseconds(0)) {
      return Error::Unavailable("timed out after " + describe_duration(t.request->timeout))
          .with_context("redirected to " + url);
    }
    auto headers = build_headers(*t.request, parts.origin() == t.origin);
    if (!headers) return headers.error();
    t.headers = std::move(*headers);
    t.url = url;
    t.url_parts = parts;
    t.body.clear();
    t.body_too_large = false;
    t.error_buffer[0] = '\0';
    t.hop_budget = remaining;
    t.hop_connect_budget = std::min(t.request->connect_timeout, remaining);
    CURL* e = t.easy.get();
    curl_easy_setopt(e, CURLOPT_URL, t.url.c_str());
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, t.headers.get());
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(t.hop_budget.count()));
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(std::max<int64_t>(1, t.hop_connect_budget.count())));
    CURLMcode mc = curl_multi_add_handle(multi_, e);
    if (mc != CURLM_OK) {
      return Error::Internal(std::string("curl multi: ") + curl_multi_strerror(mc));
    }
    return Ok();
  }

  // Handles every transfer curl reports done.
  void drain() {
    int queued = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi_, &queued)) {
      if (msg->msg != CURLMSG_DONE) continue;
      CURL* easy = msg->easy_handle;
      CURLcode code = msg->data.result;  // msg dies with curl_multi_remove_handle
      char* priv = nullptr;
      curl_easy_getinfo(easy, CURLINFO_PRIVATE, &priv);
      auto* t = reinterpret_cast<Transfer*>(priv);
      curl_multi_remove_handle(multi_, easy);
      if (auto result = on_done(*t, code)) finish(*t, std::move(*result));
    }
  }

  // The result of a finished hop, or nothing when the transfer went on to the next hop.
  std::optional<Result<FetchResponse>> on_done(Transfer& t, CURLcode code) {
    if (code != CURLE_OK) return describe_failure(t, code);
    CURL* e = t.easy.get();
    const FetchRequest& r = *t.request;
    long status = 0;
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
    if (is_redirect(status) && r.form_body.empty()) {
      // curl leaves CURLINFO_REDIRECT_URL empty for a scheme it would not follow; resolving
      // the Location ourselves lets the message name it.
      char* target = nullptr;
      curl_easy_getinfo(e, CURLINFO_REDIRECT_URL, &target);
      std::string location = header_value(e, "Location");
      if (target != nullptr || !location.empty()) {
        auto next = target != nullptr ? std::optional<std::string>(target)
                                      : resolve_url(t.url, location);
        auto parts = next ? split_url(*next) : std::nullopt;
        if (!parts) {
          return Error::InvalidInput("redirect to \"" + location + "\" cannot be followed");
        }
        if (!is_http_scheme(parts->scheme)) {
          return Error::InvalidInput("redirect to " + *next +
                                     " refused: only http and https are followed");
        }
        if (t.redirects >= r.max_redirects) {
          return Error::Unavailable("too many redirects (more than " +
                                    std::to_string(r.max_redirects) + "), the last to " + *next);
        }
        ++t.redirects;
        if (status != 301 && status != 308) t.all_permanent = false;
        if (auto started = start_hop(t, *next, *parts); !started) return started.error();
        return std::nullopt;
      }
    }
    FetchResponse response;
    response.status = static_cast<int>(status);
    response.body = std::move(t.body);
    response.content_type = header_value(e, "Content-Type");
    response.charset = charset_parameter(response.content_type);
    response.etag = header_value(e, "ETag");
    response.last_modified = header_value(e, "Last-Modified");
    char* effective = nullptr;
    curl_easy_getinfo(e, CURLINFO_EFFECTIVE_URL, &effective);
    response.final_url = effective != nullptr ? effective : t.url;
    if (t.redirects > 0 && t.all_permanent) response.permanent_url = response.final_url;
    if (auto retry = header_value(e, "Retry-After"); !retry.empty()) {
      response.retry_after = parse_retry_after(retry, clock_.now());
    }
    return response;
  }

  void finish(Transfer& t, Result<FetchResponse> result) {
    if (result) {
      result->elapsed = std::chrono::duration_cast<milliseconds>(SteadyClock::now() - t.start);
    }
    results_[t.index] = std::move(result);
    std::erase_if(active_, [&](const auto& p) { return p.get() == &t; });
  }

  // The multi handle itself failed: every transfer on it fails.
  void fail_active(const Error& error) {
    for (auto& t : active_) {
      curl_multi_remove_handle(multi_, t->easy.get());
      results_[t->index] = error;
    }
    active_.clear();
  }

  CURLM* multi_;
  const core::Clock& clock_;
  std::span<const FetchRequest> requests_;
  std::vector<std::optional<Result<FetchResponse>>> results_;
  std::vector<std::unique_ptr<Transfer>> active_;
};

}  // namespace

class Fetcher::Multi {
 public:
  Multi() {
    CURLcode code = init_curl_once();
    if (code != CURLE_OK) {
      init_error_ = std::string("libcurl could not start: ") + curl_easy_strerror(code);
      return;
    }
    handle_ = curl_multi_init();
    if (handle_ == nullptr) init_error_ = "could not create a curl multi handle";
  }
  ~Multi() {
    if (handle_ != nullptr) curl_multi_cleanup(handle_);
  }
  Multi(const Multi&) = delete;
  Multi& operator=(const Multi&) = delete;

  CURLM* handle() const { return handle_; }
  const std::string& init_error() const { return init_error_; }

 private:
  CURLM* handle_ = nullptr;
  std::string init_error_;
};

Fetcher::Fetcher(const core::Clock& clock) : clock_(clock), multi_(std::make_unique<Multi>()) {}

Fetcher::~Fetcher() = default;

std::vector<Result<FetchResponse>> Fetcher::fetch_all(std::span<const FetchRequest> requests,
                                                      int max_parallel) {
  if (multi_->handle() == nullptr) {
    return std::vector<Result<FetchResponse>>(requests.size(),
                                              Error::Internal(multi_->init_error()));
  }
  Batch batch(multi_->handle(), clock_, requests);
  return batch.run(static_cast<size_t>(std::max(1, max_parallel)));
}

Result<FetchResponse> Fetcher::fetch(const FetchRequest& request) {
  return std::move(fetch_all(std::span(&request, 1), 1).front());
}

}  // namespace nz::fetch
