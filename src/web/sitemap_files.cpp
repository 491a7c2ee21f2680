#include "web/sitemap_files.h"

#include <algorithm>
#include <charconv>
#include <chrono>

namespace nz::web {
namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int to_int(std::string_view digits) {
  int value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

}  // namespace

std::optional<SitemapFile> parse_sitemap_file_name(std::string_view name) {
  if (!name.ends_with(".xml")) return std::nullopt;
  name.remove_suffix(4);
  if (name.size() < 7 || name[4] != '-') return std::nullopt;
  std::string_view year = name.substr(0, 4), month = name.substr(5, 2);
  if (!all_digits(year) || !all_digits(month)) return std::nullopt;
  int m = to_int(month);
  if (m < 1 || m > 12) return std::nullopt;
  SitemapFile file{.month = std::string(name.substr(0, 7))};
  std::string_view rest = name.substr(7);
  if (rest.empty()) return file;
  if (rest[0] != '-') return std::nullopt;
  rest.remove_prefix(1);
  // Parts 2.. only, without leading zeros: one name per file.
  if (!all_digits(rest) || rest.size() > 6 || rest[0] == '0') return std::nullopt;
  file.part = to_int(rest);
  if (file.part < 2) return std::nullopt;
  return file;
}

std::string sitemap_file_name(const SitemapFile& file) {
  return file.part <= 1 ? file.month + ".xml"
                        : file.month + "-" + std::to_string(file.part) + ".xml";
}

int64_t sitemap_parts(int64_t listed, int64_t urls_per_file) {
  urls_per_file = std::clamp<int64_t>(urls_per_file, 1, kMaxUrlsPerSitemap);
  if (listed <= 0) return 0;
  return (listed + urls_per_file - 1) / urls_per_file;
}

std::pair<core::Timestamp, core::Timestamp> month_range(std::string_view month) {
  using namespace std::chrono;
  const year_month ym{year{to_int(month.substr(0, 4))},
                      std::chrono::month{static_cast<unsigned>(to_int(month.substr(5, 2)))}};
  const sys_days first{ym / 1};
  const sys_days next{(ym + months{1}) / 1};
  return {time_point_cast<core::Timestamp::duration>(sys_seconds{first}),
          time_point_cast<core::Timestamp::duration>(sys_seconds{next})};
}

}  // namespace nz::web
