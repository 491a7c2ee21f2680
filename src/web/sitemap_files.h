// The sitemaps' file names and limits: one sitemap per month of publication
// (/sitemaps/YYYY-MM.xml), split into parts (/sitemaps/YYYY-MM-2.xml, ...) when a month has
// more URLs than one file may hold. (sitemaps.org: at most 50,000 URLs and 50 MB per file.)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/clock.h"

namespace nz::web {

inline constexpr int64_t kMaxUrlsPerSitemap = 50000;
// A <loc> longer than this is left out of a monthly sitemap (and logged): with it, 50,000
// entries stay under 50 MB whatever the URLs. newszone's own URLs are far shorter.
inline constexpr size_t kMaxSitemapLocBytes = 900;
// The Google News sitemap: the last 48 hours, at most 1,000 URLs.
inline constexpr int64_t kNewsSitemapHours = 48;
inline constexpr int64_t kMaxNewsSitemapUrls = 1000;

struct SitemapFile {
  std::string month;  // "2024-05"
  int64_t part = 1;   // 1-based; part 1 has no suffix in its name
};

// "2024-05.xml" -> {2024-05, 1}; "2024-05-3.xml" -> {2024-05, 3}; nullopt for anything else
// (a month 00 or 13, part 0 or 1 spelled out, leading zeros, other suffixes).
std::optional<SitemapFile> parse_sitemap_file_name(std::string_view name);
// The inverse: {2024-05, 1} -> "2024-05.xml".
std::string sitemap_file_name(const SitemapFile& file);

// Number of files a month with `listed` URLs takes at `urls_per_file` (1..50,000) each.
int64_t sitemap_parts(int64_t listed, int64_t urls_per_file);

// [first instant of the month, first instant of the next) in UTC, for "YYYY-MM".
std::pair<core::Timestamp, core::Timestamp> month_range(std::string_view month);

}  // namespace nz::web
