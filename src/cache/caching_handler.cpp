#include "cache/caching_handler.h"

#include <cctype>

#include "core/clock.h"
#include "core/http_date.h"
#include "core/rfc3339.h"

namespace nz::cache {
namespace {

std::string_view etag_suffix(Coding coding) {
  switch (coding) {
    case Coding::kGzip: return ".gz";
    case Coding::kBrotli: return ".br";
    case Coding::kIdentity: return "";
  }
  return "";
}

// The surrogate keys a page names (web/surrogate_keys.h): its Surrogate-Key header.
std::vector<std::string> surrogate_keys(const http::Response& response) {
  std::vector<std::string> keys;
  auto header = response.header("surrogate-key");
  if (!header) return keys;
  std::string_view rest = *header;
  while (!rest.empty()) {
    size_t space = rest.find(' ');
    if (space != 0) keys.emplace_back(rest.substr(0, space));
    if (space == std::string_view::npos) break;
    rest.remove_prefix(space + 1);
  }
  return keys;
}

// If-None-Match (RFC 9110 13.1.2): "*" or a list of entity tags, compared weakly. A tag of any
// coding of the page matches: they stand for the same content.
bool none_match_fails(std::string_view header, const CachedPage& page) {
  std::string_view rest = header;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string_view tag = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
    while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
    if (tag == "*") return true;
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag.size() < 2 || tag.front() != '"' || tag.back() != '"') continue;
    tag = tag.substr(1, tag.size() - 2);
    if (!tag.starts_with(page.etag)) continue;
    std::string_view suffix = tag.substr(page.etag.size());
    if (suffix.empty() || suffix == ".gz" || suffix == ".br") return true;
  }
  return false;
}

// "Name: value\r\n", with what could end a header line early (CR, LF, NUL) dropped, as the
// server does for every other response.
void append_header_line(std::string& out, std::string_view name, std::string_view value) {
  auto clean = [&out](std::string_view text) {
    for (char c : text) {
      if (c != '\r' && c != '\n' && c != '\0') out.push_back(c);
    }
  };
  clean(name);
  out += ": ";
  clean(value);
  out += "\r\n";
}

}  // namespace

bool cacheable_query(std::string_view query) {
  if (query.empty()) return true;
  if (!query.starts_with("page=")) return false;
  std::string_view number = query.substr(5);
  if (number.empty() || number.size() > 6 || number.front() == '0') return false;
  for (char c : number) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

CachingHandler::CachingHandler(PageCache& cache, CachePolicy policy, const core::Clock& clock,
                               Freshen fresh, Render render)
    : cache_(cache), policy_(std::move(policy)), clock_(clock), fresh_(std::move(fresh)),
      render_(std::move(render)), keeping_(cache.stats().max_bytes > 0) {}

http::Response CachingHandler::handle(http::Request& request) {
  if (request.method != http::Method::kGet && request.method != http::Method::kHead) {
    return render_(request);
  }
  // The path as decoded, so that "/a%2Db" and "/a-b" are one page, as the router sees them.
  std::string key;
  bool keep = keeping_ && cacheable_query(request.query);
  uint64_t epoch = 0;
  if (keep) {
    key = request.query.empty() ? request.path : request.path + "?" + request.query;
    keep = fresh_();
    if (keep) {
      if (auto page = cache_.find(key, clock_.now())) return respond(page, request, &key, "hit");
      epoch = cache_.epoch();
    }
  }

  http::Response response = render_(request);
  if (response.cache_as.empty() || response.status != 200) return response;
  response.set_header("Cache-Control", policy_.control_for(response.cache_as));
  if (response.header("set-cookie")) return response;  // somebody's own page: never shared
  auto now = clock_.now();
  std::string body = response.shared_body ? *response.shared_body : std::move(response.body);
  auto keys = surrogate_keys(response);
  auto page = make_page(response.status, std::move(response.headers), std::move(body), now,
                        std::move(keys));
  page->fresh_until = response.fresh_until;
  // Without the cache there is no record of when pages changed: If-Modified-Since could not
  // be answered safely, so Last-Modified is left out (respond) and only ETags validate.
  page->last_modified_exact = keeping_ && !cache_.invalidated_in_second_of(now);
  bool kept = keep && cache_.insert(key, page, epoch);
  return respond(page, request, kept ? &key : nullptr, keep ? "miss" : nullptr);
}

http::Response CachingHandler::respond(const std::shared_ptr<CachedPage>& page,
                                       const http::Request& request,
                                       const std::string* kept_under,
                                       const char* looked_up) const {
  Coding coding = choose_coding(request.header("accept-encoding"));
  bool made = false;
  auto bytes = page->bytes_for(coding, made);
  if (made && kept_under) cache_.grew(*kept_under, page);

  bool not_modified = false;
  if (auto none_match = request.header("if-none-match")) {
    not_modified = none_match_fails(*none_match, *page);
  } else if (auto since = request.header("if-modified-since");
             since && keeping_ && page->last_modified_exact) {
    auto t = core::parse_http_date(*since, clock_.now());
    not_modified = t && page->last_modified <= *t;
  }

  auto headers = [&] {
    std::vector<std::pair<std::string, std::string>> out;
    out.reserve(page->headers.size() + 5);
    out = page->headers;
    out.emplace_back("ETag",
                     "\"" + page->etag + std::string(etag_suffix(coding)) + "\"");
    if (keeping_) {
      out.emplace_back("Last-Modified", core::format_http_date(
          std::chrono::time_point_cast<std::chrono::seconds>(page->last_modified)));
    }
    out.emplace_back("Vary", "Accept-Encoding");
    if (coding != Coding::kIdentity) {
      out.emplace_back("Content-Encoding", std::string(content_encoding(coding)));
    }
    if (looked_up) out.emplace_back("X-Cache", looked_up);
    return out;
  };

  http::Response out;
  out.status = not_modified ? 304 : page->status;
  // The common case, a GET of a kept page: header lines serialized once per coding.
  bool hit = looked_up && std::string_view(looked_up) == "hit";
  if (hit && !not_modified && out.status == 200 && request.method == http::Method::kGet) {
    out.raw_headers = page->hit_head(coding, [&] {
      std::string raw;
      for (auto& [name, value] : headers()) {
        std::string lower(name);
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        // The server owns framing: its own Content-Length follows, Connection it adds.
        if (lower == "content-length" || lower == "transfer-encoding" || lower == "connection") {
          continue;
        }
        append_header_line(raw, name, value);
      }
      append_header_line(raw, "Content-Length", std::to_string(bytes->size()));
      return raw;
    });
    out.shared_body = std::move(bytes);
    return out;
  }
  out.headers = headers();
  if (!not_modified) out.shared_body = std::move(bytes);
  return out;
}

}  // namespace nz::cache
