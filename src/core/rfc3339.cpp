#include "core/rfc3339.h"

#include <array>
#include <charconv>
#include <cstdio>

namespace nz::core {
namespace {

using namespace std::chrono;

constexpr std::array<const char*, 12> kMonthNames = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<const char*, 7> kWeekdayAbbrev = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};

bool read_int(std::string_view text, size_t pos, size_t len, int& out) {
  if (pos + len > text.size()) return false;
  for (size_t i = pos; i < pos + len; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  auto [ptr, ec] = std::from_chars(text.data() + pos, text.data() + pos + len, out);
  return ec == std::errc() && ptr == text.data() + pos + len;
}

struct Parts {
  year_month_day ymd;
  hh_mm_ss<seconds> hms;
};

Parts split(Timestamp t) {
  auto day = floor<days>(t);
  return {year_month_day{day}, hh_mm_ss<seconds>{t - day}};
}

}  // namespace

std::string format_rfc3339(Timestamp t) {
  auto [ymd, hms] = split(t);
  char buf[48];  // room for any value the types can hold, not only valid times
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), long(hms.hours().count()),
                long(hms.minutes().count()), long(hms.seconds().count()));
  return buf;
}

std::string format_date(Timestamp t) { return format_rfc3339(t).substr(0, 10); }

std::string format_human_date(Timestamp t) {
  auto [ymd, hms] = split(t);
  return std::to_string(unsigned(ymd.day())) + " " + kMonthNames[unsigned(ymd.month()) - 1] +
         " " + std::to_string(int(ymd.year()));
}

std::string format_http_date(Timestamp t) {
  auto [ymd, hms] = split(t);
  weekday wd{floor<days>(t)};
  static constexpr std::array<const char*, 12> kMonthAbbrev = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02ld:%02ld:%02ld GMT",
                kWeekdayAbbrev[wd.c_encoding()], unsigned(ymd.day()),
                kMonthAbbrev[unsigned(ymd.month()) - 1], int(ymd.year()),
                long(hms.hours().count()), long(hms.minutes().count()),
                long(hms.seconds().count()));
  return buf;
}

Result<Timestamp> parse_rfc3339(std::string_view text) {
  auto fail = [&] {
    return Error::InvalidInput("not an RFC 3339 date-time: \"" + std::string(text) + "\"");
  };
  int y, mo, d;
  if (!read_int(text, 0, 4, y) || text.size() < 10 || text[4] != '-' ||
      !read_int(text, 5, 2, mo) || text[7] != '-' || !read_int(text, 8, 2, d)) {
    return fail();
  }
  year_month_day ymd{year{y}, month{unsigned(mo)}, day{unsigned(d)}};
  if (!ymd.ok()) return fail();
  Timestamp result = sys_days{ymd};
  if (text.size() == 10) return result;

  int h, mi, s;
  if ((text[10] != 'T' && text[10] != 't' && text[10] != ' ') || !read_int(text, 11, 2, h) ||
      text.size() < 19 || text[13] != ':' || !read_int(text, 14, 2, mi) || text[16] != ':' ||
      !read_int(text, 17, 2, s) || h > 23 || mi > 59 || s > 60) {
    return fail();
  }
  result += hours{h} + minutes{mi} + seconds{std::min(s, 59)};
  size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
  }
  if (pos == text.size()) return fail();  // a time without a zone is ambiguous
  if ((text[pos] == 'Z' || text[pos] == 'z') && pos + 1 == text.size()) return result;
  int oh, om;
  if ((text[pos] == '+' || text[pos] == '-') && pos + 6 == text.size() &&
      read_int(text, pos + 1, 2, oh) && text[pos + 3] == ':' && read_int(text, pos + 4, 2, om) &&
      oh <= 23 && om <= 59) {
    auto offset = hours{oh} + minutes{om};
    return text[pos] == '+' ? result - offset : result + offset;
  }
  return fail();
}

}  // namespace nz::core
