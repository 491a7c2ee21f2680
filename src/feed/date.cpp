#include "feed/date.h"

#include <array>
#include <charconv>
#include <chrono>
#include <string>
#include <vector>

#include "feed/text.h"

namespace nz::feed {
namespace {

using namespace std::chrono;

struct NameValue {
  std::string_view name;
  int value;
};

// Lower-case month names and abbreviations, dots removed. UTF-8 spelled as written.
constexpr NameValue kMonths[] = {
    // English
    {"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5}, {"june", 6},
    {"july", 7}, {"august", 8}, {"september", 9}, {"october", 10}, {"november", 11},
    {"december", 12}, {"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4}, {"jun", 6}, {"jul", 7},
    {"aug", 8}, {"sep", 9}, {"sept", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12},
    // German
    {"januar", 1}, {"jänner", 1}, {"jän", 1}, {"februar", 2}, {"märz", 3}, {"mär", 3},
    {"mrz", 3}, {"maerz", 3}, {"mai", 5}, {"juni", 6}, {"juli", 7}, {"oktober", 10},
    {"okt", 10}, {"dezember", 12}, {"dez", 12},
    // French
    {"janvier", 1}, {"janv", 1}, {"février", 2}, {"fevrier", 2}, {"févr", 2}, {"fevr", 2},
    {"fév", 2}, {"mars", 3}, {"avril", 4}, {"avr", 4}, {"juin", 6}, {"juillet", 7},
    {"juil", 7}, {"août", 8}, {"aout", 8}, {"septembre", 9}, {"octobre", 10},
    {"novembre", 11}, {"décembre", 12}, {"decembre", 12}, {"déc", 12},
    // Spanish
    {"enero", 1}, {"ene", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4}, {"abr", 4},
    {"mayo", 5}, {"junio", 6}, {"julio", 7}, {"agosto", 8}, {"ago", 8}, {"septiembre", 9},
    {"setiembre", 9}, {"set", 9}, {"octubre", 10}, {"noviembre", 11}, {"diciembre", 12},
    {"dic", 12},
    // Italian
    {"gennaio", 1}, {"gen", 1}, {"febbraio", 2}, {"aprile", 4}, {"maggio", 5}, {"mag", 5},
    {"giugno", 6}, {"giu", 6}, {"luglio", 7}, {"lug", 7}, {"settembre", 9}, {"ottobre", 10},
    {"ott", 10}, {"dicembre", 12},
    // Dutch
    {"januari", 1}, {"februari", 2}, {"maart", 3}, {"mrt", 3}, {"mei", 5}, {"augustus", 8},
    // Portuguese
    {"janeiro", 1}, {"fevereiro", 2}, {"fev", 2}, {"março", 3}, {"marco", 3}, {"maio", 5},
    {"junho", 6}, {"julho", 7}, {"setembro", 9}, {"outubro", 10}, {"out", 10},
    {"novembro", 11}, {"dezembro", 12},
    // Finnish (nominative, partitive "-kuuta", and the short stems)
    {"tammikuu", 1}, {"helmikuu", 2}, {"maaliskuu", 3}, {"huhtikuu", 4}, {"toukokuu", 5},
    {"kesäkuu", 6}, {"heinäkuu", 7}, {"elokuu", 8}, {"syyskuu", 9}, {"lokakuu", 10},
    {"marraskuu", 11}, {"joulukuu", 12}, {"tammi", 1}, {"helmi", 2}, {"maalis", 3},
    {"huhti", 4}, {"touko", 5}, {"kesä", 6}, {"heinä", 7}, {"elo", 8}, {"syys", 9},
    {"loka", 10}, {"marras", 11}, {"joulu", 12},
};

// Named zones → offset in minutes east of UTC (RFC 822 §5 plus common extras).
constexpr NameValue kZones[] = {
    {"ut", 0},        {"utc", 0},       {"gmt", 0},       {"z", 0},        {"est", -5 * 60},
    {"edt", -4 * 60}, {"cst", -6 * 60}, {"cdt", -5 * 60}, {"mst", -7 * 60}, {"mdt", -6 * 60},
    {"pst", -8 * 60}, {"pdt", -7 * 60}, {"akst", -9 * 60}, {"akdt", -8 * 60},
    {"hst", -10 * 60}, {"bst", 60},     {"cet", 60},      {"cest", 120},   {"met", 60},
    {"mest", 120},    {"eet", 120},     {"eest", 180},    {"wet", 0},      {"west", 60},
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  }
  return out;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int to_int(std::string_view s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

std::optional<int> month_from_name(std::string_view token) {
  std::string t = lower(token);
  while (!t.empty() && t.back() == '.') t.pop_back();
  if (t.size() > 6 && t.ends_with("kuuta")) t.resize(t.size() - 2);  // Finnish partitive
  for (const auto& m : kMonths) {
    if (m.name == t) return m.value;
  }
  return std::nullopt;
}

// Zone offset in minutes: named, military, or numeric (+hh, +hhmm, +hh:mm). Optional "GMT"
// or "UTC" prefix before a numeric offset ("GMT+0200").
std::optional<int> parse_zone(std::string_view z) {
  if (z.empty()) return std::nullopt;
  std::string l = lower(z);
  for (const auto& n : kZones) {
    if (n.name == l) return n.value;
  }
  if (l.size() == 1 && l[0] >= 'a' && l[0] <= 'z' && l[0] != 'j') {
    // Military zones (RFC 822 §5 defines them with the signs reversed by mistake; RFC 2822
    // §4.3 gives up on them; we follow the military definition, which is what senders mean).
    char c = l[0];
    if (c == 'z') return 0;
    if (c >= 'a' && c <= 'i') return (c - 'a' + 1) * 60;
    if (c >= 'k' && c <= 'm') return (c - 'k' + 10) * 60;
    if (c >= 'n' && c <= 'y') return -(c - 'n' + 1) * 60;
  }
  if (l.starts_with("gmt") || l.starts_with("utc")) l = l.substr(3);
  if (l.size() < 2 || (l[0] != '+' && l[0] != '-')) return std::nullopt;
  int sign = l[0] == '-' ? -1 : 1;
  std::string digits;
  for (size_t i = 1; i < l.size(); ++i) {
    if (l[i] == ':' && i == 3) continue;
    digits += l[i];
  }
  if (!all_digits(digits)) return std::nullopt;
  int h, m = 0;
  if (digits.size() == 2 || digits.size() == 1) {
    h = to_int(digits);
  } else if (digits.size() == 4) {
    h = to_int(digits.substr(0, 2));
    m = to_int(digits.substr(2));
  } else {
    return std::nullopt;
  }
  if (h > 14 || m > 59) return std::nullopt;
  return sign * (h * 60 + m);
}

struct Fields {
  int year = -1, month = -1, day = -1, hour = 0, minute = 0, second = 0;
  int offset = 0;
};

std::optional<core::Timestamp> build(const Fields& f) {
  if (f.year < 0 || f.month < 1 || f.month > 12 || f.day < 1) return std::nullopt;
  year_month_day ymd{year{f.year}, month{unsigned(f.month)}, day{unsigned(f.day)}};
  if (!ymd.ok()) return std::nullopt;
  if (f.hour > 23 || f.minute > 59 || f.second > 60) return std::nullopt;
  int sec = f.second == 60 ? 59 : f.second;  // a leap second lands on :59
  return core::Timestamp{sys_days{ymd}} + hours{f.hour} + minutes{f.minute} + seconds{sec} -
         minutes{f.offset};
}

// "HH:MM[:SS[.frac]]" → fields; false when malformed.
bool parse_clock(std::string_view t, Fields& f) {
  size_t c1 = t.find(':');
  if (c1 == std::string_view::npos) return false;
  std::string_view h = t.substr(0, c1), rest = t.substr(c1 + 1);
  size_t c2 = rest.find(':');
  std::string_view m = rest.substr(0, c2), s;
  if (c2 != std::string_view::npos) {
    s = rest.substr(c2 + 1);
    size_t dot = s.find_first_of(".,");
    if (dot != std::string_view::npos) {
      if (!all_digits(s.substr(dot + 1))) return false;
      s = s.substr(0, dot);
    }
    if (!all_digits(s) || s.size() != 2) return false;
  }
  if (!all_digits(h) || h.size() > 2 || !all_digits(m) || m.size() != 2) return false;
  f.hour = to_int(h);
  f.minute = to_int(m);
  f.second = s.empty() ? 0 : to_int(s);
  return true;
}

int expand_year(std::string_view y) {
  int v = to_int(y);
  if (y.size() == 2) return v < 50 ? 2000 + v : 1900 + v;  // RFC 2822 §4.3
  if (y.size() == 3) return 1900 + v;                      // RFC 2822 §4.3
  return v;
}

// ISO 8601 / W3C-DTF / RFC 3339. `s` is trimmed.
std::optional<core::Timestamp> parse_iso(std::string_view s) {
  Fields f;
  size_t i = 0;
  auto digits_at = [&](size_t pos, size_t n) {
    return pos + n <= s.size() && all_digits(s.substr(pos, n));
  };
  if (!digits_at(0, 4)) return std::nullopt;
  f.year = to_int(s.substr(0, 4));
  i = 4;
  bool basic = false;
  if (i == s.size()) {  // "2024": a year, W3C-DTF's coarsest precision
    f.month = f.day = 1;
    return build(f);
  }
  if (s[i] == '-') {
    if (!digits_at(i + 1, 2)) return std::nullopt;
    f.month = to_int(s.substr(i + 1, 2));
    i += 3;
    if (i == s.size()) {
      f.day = 1;
      return build(f);
    }
    if (s[i] != '-' || !digits_at(i + 1, 2)) return std::nullopt;
    f.day = to_int(s.substr(i + 1, 2));
    i += 3;
  } else if (digits_at(4, 4)) {
    basic = true;
    f.month = to_int(s.substr(4, 2));
    f.day = to_int(s.substr(6, 2));
    i = 8;
  } else {
    return std::nullopt;
  }
  if (i == s.size()) return build(f);
  if (s[i] != 'T' && s[i] != 't' && s[i] != ' ') return std::nullopt;
  ++i;
  while (i < s.size() && s[i] == ' ') ++i;
  // Time.
  size_t tstart = i;
  while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == ':' || s[i] == '.' ||
                          s[i] == ',')) {
    ++i;
  }
  std::string_view t = s.substr(tstart, i - tstart);
  if (t.find(':') != std::string_view::npos) {
    if (!parse_clock(t, f)) return std::nullopt;
  } else {
    // Basic time: HHMM or HHMMSS[.frac].
    std::string_view whole = t.substr(0, t.find_first_of(".,"));
    if (!all_digits(whole) || (whole.size() != 4 && whole.size() != 6)) return std::nullopt;
    if (!basic && whole.size() == 4 && t.size() == 4) {
      // "2024-10-07T1000" is odd but unambiguous.
    }
    f.hour = to_int(whole.substr(0, 2));
    f.minute = to_int(whole.substr(2, 2));
    f.second = whole.size() == 6 ? to_int(whole.substr(4, 2)) : 0;
  }
  std::string_view zone = trim(s.substr(i));
  if (!zone.empty()) {
    auto off = parse_zone(zone);
    if (!off) return std::nullopt;
    f.offset = *off;
  }
  return build(f);
}

std::vector<std::string> tokenize(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(cur);
    cur.clear();
  };
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == ' ' || c == '\t' || c == ',' || c == '\n' || c == '\r') {
      flush();
    } else if (c == '-' || c == '/') {
      // "07-Oct-2024" and "07/Oct/2024": a separator between a letter/digit pair, unless it
      // starts a zone ("-0500", after a time).
      bool zone_sign = c == '-' && cur.empty() && i + 1 < s.size() && s[i + 1] >= '0' &&
                       s[i + 1] <= '9' && !out.empty() &&
                       out.back().find(':') != std::string::npos;
      if (zone_sign || (c == '-' && !cur.empty() && cur.find(':') != std::string::npos)) {
        if (!zone_sign) flush();
        cur += c;
      } else {
        flush();
      }
    } else {
      cur += c;
    }
  }
  flush();
  return out;
}

bool is_alpha_token(std::string_view t) {
  for (unsigned char c : t) {
    if (!(c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.')) {
      return false;
    }
  }
  return !t.empty();
}

// RFC 822 and its relatives, and textual dates with month names.
std::optional<core::Timestamp> parse_textual(std::string_view s) {
  auto tokens = tokenize(s);
  if (tokens.empty()) return std::nullopt;
  Fields f;
  bool have_time = false, have_zone = false, pm = false, am = false;
  std::vector<std::string> numbers;
  for (size_t idx = 0; idx < tokens.size(); ++idx) {
    std::string tok = tokens[idx];
    std::string l = lower(tok);
    if (tok.find(':') != std::string::npos && !have_time) {
      // A time, possibly glued to its zone: "10:00:00Z", "10:00+0200", "10:00:00GMT".
      size_t end = 0;
      while (end < tok.size() && ((tok[end] >= '0' && tok[end] <= '9') || tok[end] == ':' ||
                                  tok[end] == '.')) {
        ++end;
      }
      if (!parse_clock(std::string_view(tok).substr(0, end), f)) return std::nullopt;
      have_time = true;
      if (end < tok.size()) {
        auto off = parse_zone(std::string_view(tok).substr(end));
        if (!off) return std::nullopt;
        f.offset = *off;
        have_zone = true;
      }
      continue;
    }
    if ((tok[0] == '+' || tok[0] == '-') && tok.size() > 1) {
      auto off = parse_zone(tok);
      if (!off || have_zone) return std::nullopt;
      f.offset = *off;
      have_zone = true;
      continue;
    }
    if (l == "am" || l == "a.m." || l == "pm" || l == "p.m.") {
      (l[0] == 'p' ? pm : am) = true;
      continue;
    }
    std::string num = tok;
    while (!num.empty() && num.back() == '.') num.pop_back();  // "7." (German, Finnish)
    if (all_digits(num)) {
      numbers.push_back(num);
      continue;
    }
    if (is_alpha_token(tok)) {
      if (auto m = month_from_name(tok)) {
        if (f.month != -1) return std::nullopt;
        f.month = *m;
        continue;
      }
      if (have_time || idx > 0) {
        if (auto off = parse_zone(tok); off && !have_zone) {
          f.offset = *off;
          have_zone = true;
          continue;
        }
      }
      // A weekday (any language; its value is ignored, it may be wrong) leads the date.
      // Connecting words: "7 de octubre de 2024", "7. Oktober 2024 um 10:00", "klo".
      static constexpr std::array<std::string_view, 8> kFiller = {"de", "del", "um", "à",
                                                                  "at", "klo", "kl", "h"};
      bool filler = false;
      for (auto w : kFiller) filler = filler || l == w;
      if (idx == 0 || filler) continue;
      return std::nullopt;
    }
    // GMT+0200 style.
    if (auto off = parse_zone(tok); off && !have_zone) {
      f.offset = *off;
      have_zone = true;
      continue;
    }
    return std::nullopt;
  }
  if (f.month == -1) return std::nullopt;
  // Numbers: day and year, in either order ("7 Oct 2024", "Oct 7 2024", "2024 Oct 7").
  if (numbers.size() != 2) return std::nullopt;
  const std::string& a = numbers[0];
  const std::string& b = numbers[1];
  if (a.size() <= 2 && (b.size() == 4 || b.size() == 2 || b.size() == 3)) {
    f.day = to_int(a);
    f.year = expand_year(b);
  } else if (a.size() == 4 && b.size() <= 2) {
    f.year = to_int(a);
    f.day = to_int(b);
  } else {
    return std::nullopt;
  }
  if (pm || am) {
    if (f.hour < 1 || f.hour > 12) return std::nullopt;
    if (pm && f.hour != 12) f.hour += 12;
    if (am && f.hour == 12) f.hour = 0;
  }
  return build(f);
}

}  // namespace

std::optional<core::Timestamp> parse_date(std::string_view text) {
  std::string_view s = trim(text);
  if (s.empty() || s.size() > 100) return std::nullopt;
  if (s.size() >= 4 && all_digits(s.substr(0, 4)) &&
      (s.size() == 4 || s[4] == '-' || (s.size() >= 8 && all_digits(s.substr(4, 4))))) {
    if (auto t = parse_iso(s)) return t;
  }
  return parse_textual(s);
}

}  // namespace nz::feed
