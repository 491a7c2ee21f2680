// Request and Response: the server's view of HTTP, free of Boost.Beast so that route
// handlers (web/, api/) compile without it.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nz::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

std::string_view to_string(Method m);

struct Request {
  Method method = Method::kGet;
  std::string target;  // as sent: "/china-news-zone/?page=2"
  std::string path;    // percent-decoded path: "/china-news-zone/"
  std::string query;   // raw query string without '?': "page=2"
  std::vector<std::pair<std::string, std::string>> headers;  // names lowercased
  std::string body;
  std::string remote_address;  // "127.0.0.1"
  std::map<std::string, std::string> params;  // filled by the Router from "{name}" segments

  // First header with this (lowercase) name.
  std::optional<std::string_view> header(std::string_view name) const;
  // First query parameter with this name, percent- and '+'-decoded.
  std::optional<std::string> query_param(std::string_view name) const;
  // The "{name}" path parameter; empty when absent.
  std::string param(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // A body shared with the page cache (cache/page_cache.h): when set, it is sent instead of
  // `body`, without a copy.
  std::shared_ptr<const std::string> shared_body;
  // Header lines already serialized, each "Name: value\r\n", Content-Length included, for a
  // response the page cache sends again and again. When set (with status 200 and
  // shared_body), `headers` is ignored and the server writes them as they are, adding only
  // the status line, Date, Server and Connection: no per-request header work at all.
  std::shared_ptr<const std::string> raw_headers;
  // What kind of reader page this is ("article", "section", "feed", ...; cache/cache_policy.h).
  // A 200 response with a kind may be kept by the page cache and gets that kind's
  // Cache-Control. Empty: the server never keeps it.
  std::string cache_as;
  // When the response stops being right even if nothing in the store changes: a news sitemap's
  // 48-hour window, an embargo or a contract ending. The page cache drops it then.
  std::optional<std::chrono::system_clock::time_point> fresh_until;

  const std::string& payload() const { return shared_body ? *shared_body : body; }

  // Replaces a header of that name (case-insensitive) or adds it.
  void set_header(std::string_view name, std::string value);
  std::optional<std::string_view> header(std::string_view name) const;

  static Response html(int status, std::string body);
  static Response text(int status, std::string body);
  static Response json(int status, std::string body);
  static Response redirect(int status, std::string location);
};

// Decodes %XX sequences (and '+' as space when plus_is_space). Invalid escapes stay as they are.
std::string percent_decode(std::string_view text, bool plus_is_space);

// "Not Found" for 404 and so on; "Unknown" for codes we never send.
std::string_view reason_phrase(int status);

}  // namespace nz::http
