#include "core/http_date.h"

#include <array>
#include <cctype>
#include <charconv>

namespace nz::core {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// Reads the pieces of an HTTP-date left to right; every read fails softly.
class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}

  bool done() const { return s_.empty(); }
  char peek() const { return s_.empty() ? '\0' : s_.front(); }

  bool eat(char c) {
    if (peek() != c) return false;
    s_.remove_prefix(1);
    return true;
  }

  // One or more spaces.
  bool spaces() {
    if (!is_space(peek())) return false;
    while (is_space(peek())) s_.remove_prefix(1);
    return true;
  }

  // Between min and max decimal digits.
  std::optional<int> number(size_t min, size_t max) {
    size_t n = 0;
    while (n < s_.size() && n < max && std::isdigit(static_cast<unsigned char>(s_[n]))) ++n;
    if (n < min) return std::nullopt;
    int value = 0;
    std::from_chars(s_.data(), s_.data() + n, value);
    s_.remove_prefix(n);
    return value;
  }

  // A run of letters.
  std::string_view word() {
    size_t n = 0;
    while (n < s_.size() && std::isalpha(static_cast<unsigned char>(s_[n]))) ++n;
    auto w = s_.substr(0, n);
    s_.remove_prefix(n);
    return w;
  }

  // "Jan" .. "Dec" as 1 .. 12.
  std::optional<unsigned> month() {
    static constexpr std::array<std::string_view, 12> kMonths = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    auto w = word();
    for (unsigned i = 0; i < kMonths.size(); ++i) {
      if (iequals(w, kMonths[i])) return i + 1;
    }
    return std::nullopt;
  }

  // "08:49:37" as a duration since midnight. A leap second (60) is allowed.
  std::optional<seconds> time_of_day() {
    auto h = number(2, 2);
    if (!h || !eat(':')) return std::nullopt;
    auto m = number(2, 2);
    if (!m || !eat(':')) return std::nullopt;
    auto s = number(2, 2);
    if (!s || *h > 23 || *m > 59 || *s > 60) return std::nullopt;
    return hours(*h) + minutes(*m) + seconds(*s);
  }

 private:
  std::string_view s_;
};

std::optional<Timestamp> make_time(int year, unsigned month, int day, seconds time) {
  if (day < 1) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(month),
                                  std::chrono::day(static_cast<unsigned>(day))};
  if (!ymd.ok()) return std::nullopt;
  return Timestamp(std::chrono::sys_days(ymd).time_since_epoch() + time);
}

// RFC 9110 5.6.7: a two-digit year that would be more than 50 years in the future is the
// most recent past year with those digits.
int expand_two_digit_year(int yy, Timestamp now) {
  int this_year = static_cast<int>(
      std::chrono::year_month_day(std::chrono::floor<days>(now)).year());
  int year = this_year - this_year % 100 + yy;
  if (year > this_year + 50) year -= 100;
  return year;
}

}  // namespace

std::optional<Timestamp> parse_http_date(std::string_view text, Timestamp now) {
  Cursor c(trim(text));
  if (c.word().empty()) return std::nullopt;  // the weekday, not checked
  if (c.eat(',')) {
    // IMF-fixdate "06 Nov 1994 08:49:37 GMT" or RFC 850 "06-Nov-94 08:49:37 GMT".
    c.spaces();
    auto day = c.number(1, 2);
    if (!day) return std::nullopt;
    std::optional<unsigned> month;
    std::optional<int> year;
    if (c.eat('-')) {
      month = c.month();
      if (!month || !c.eat('-')) return std::nullopt;
      auto yy = c.number(2, 2);
      if (!yy) return std::nullopt;
      year = expand_two_digit_year(*yy, now);
    } else {
      if (!c.spaces()) return std::nullopt;
      month = c.month();
      if (!month || !c.spaces()) return std::nullopt;
      year = c.number(4, 4);
      if (!year) return std::nullopt;
    }
    if (!c.spaces()) return std::nullopt;
    auto time = c.time_of_day();
    if (!time || !c.spaces() || !iequals(c.word(), "GMT") || !c.done()) return std::nullopt;
    return make_time(*year, *month, *day, *time);
  }
  // asctime: "Sun Nov  6 08:49:37 1994".
  if (!c.spaces()) return std::nullopt;
  auto month = c.month();
  if (!month || !c.spaces()) return std::nullopt;
  auto day = c.number(1, 2);
  if (!day || !c.spaces()) return std::nullopt;
  auto time = c.time_of_day();
  if (!time || !c.spaces()) return std::nullopt;
  auto year = c.number(4, 4);
  if (!year || !c.done()) return std::nullopt;
  return make_time(*year, *month, *day, *time);
}

}  // namespace nz::core
