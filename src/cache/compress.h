// Content codings for the page cache: gzip and brotli, built once per cached page, and the
// choice among them from a request's Accept-Encoding (RFC 9110 12.5.3).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace nz::cache {

enum class Coding { kIdentity, kGzip, kBrotli };

// "gzip", "br", or "" for identity: the Content-Encoding value.
std::string_view content_encoding(Coding coding);

// The coding to send for this Accept-Encoding header (nullopt: no header). Brotli when the
// client takes it, else gzip, else identity. Quality values count: "br;q=0" refuses br, "*"
// stands for every coding not named, and identity is always acceptable (we never answer 406).
Coding choose_coding(std::optional<std::string_view> accept_encoding);

// `data` compressed; nullopt when the library fails (out of memory), and then the page goes
// out uncompressed. gzip at level 9 and brotli at quality 6 (text mode): each page is
// compressed once and sent many times, but on the request that rendered it.
std::optional<std::string> gzip(std::string_view data);
std::optional<std::string> brotli(std::string_view data);

}  // namespace nz::cache
