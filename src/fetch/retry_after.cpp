#include "fetch/retry_after.h"

#include <cctype>
#include <charconv>
#include <cstdint>

namespace nz::fetch {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value,
                                                      core::Timestamp now) {
  value = trim(value);
  if (value.empty()) return std::nullopt;
  if (std::isdigit(static_cast<unsigned char>(value.front()))) {
    int64_t delta = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), delta);
    if (ec != std::errc() || end != value.data() + value.size()) return std::nullopt;
    return std::chrono::seconds(delta);
  }
  auto date = parse_http_date(value, now);
  if (!date) return std::nullopt;
  if (*date <= now) return std::chrono::seconds(0);
  return *date - now;
}

}  // namespace nz::fetch
