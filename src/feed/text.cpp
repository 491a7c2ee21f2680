#include "feed/text.h"

#include "core/html_escape.h"

#include <libxml/HTMLparser.h>

#include <array>
#include <charconv>
#include <cstring>

namespace nz::feed {
namespace {

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool ieq_prefix(std::string_view text, size_t pos, std::string_view word) {
  if (pos + word.size() > text.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    char c = text[pos + i];
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    if (c != word[i]) return false;
  }
  return true;
}

// Tags whose boundary separates words when the markup goes.
constexpr std::array<std::string_view, 16> kBlockTags = {
    "br", "p", "div", "li", "ul", "ol", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote"};

bool is_block_tag(std::string_view tag) {
  for (auto t : kBlockTags) {
    if (tag.size() == t.size() && ieq_prefix(tag, 0, t)) return true;
  }
  return false;
}

}  // namespace

void append_utf8(std::string& out, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0) cp = 0xFFFD;
  if (cp < 0x80) {
    out += char(cp);
  } else if (cp < 0x800) {
    out += char(0xC0 | (cp >> 6));
    out += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += char(0xE0 | (cp >> 12));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xF0 | (cp >> 18));
    out += char(0x80 | ((cp >> 12) & 0x3F));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  }
}

std::string decode_entities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c != '&') {
      size_t next = text.find('&', i);
      if (next == std::string_view::npos) next = text.size();
      out.append(text.substr(i, next - i));
      i = next;
      continue;
    }
    size_t semi = text.find(';', i + 1);
    if (semi == std::string_view::npos || semi - i > 40) {
      out += c;
      ++i;
      continue;
    }
    std::string_view ref = text.substr(i + 1, semi - i - 1);
    bool done = false;
    if (!ref.empty() && ref[0] == '#') {
      unsigned long cp = 0;
      const char* b = ref.data() + 1;
      const char* e = ref.data() + ref.size();
      int base = 10;
      if (b < e && (*b == 'x' || *b == 'X')) {
        ++b;
        base = 16;
      }
      auto [p, ec] = std::from_chars(b, e, cp, base);
      if (b < e && ec == std::errc() && p == e) {
        // Numeric references in the C1 range mean windows-1252 in practice (WHATWG).
        static constexpr char16_t kC1[32] = {
            0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
            0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,   0x017D, 0x8F,
            0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
            0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};
        if (cp >= 0x80 && cp < 0xA0) cp = kC1[cp - 0x80];
        append_utf8(out, char32_t(cp));
        done = true;
      }
    } else if (!ref.empty()) {
      std::string name(ref);
      if (name == "apos") {
        out += '\'';
        done = true;
      } else if (const htmlEntityDesc* d =
                     htmlEntityLookup(reinterpret_cast<const xmlChar*>(name.c_str()))) {
        append_utf8(out, char32_t(d->value));
        done = true;
      }
    }
    if (done) {
      i = semi + 1;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

std::string strip_tags(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  size_t i = 0;
  while (i < html.size()) {
    char c = html[i];
    if (c != '<') {
      size_t next = html.find('<', i);
      if (next == std::string_view::npos) next = html.size();
      out.append(html.substr(i, next - i));
      i = next;
      continue;
    }
    char n = i + 1 < html.size() ? html[i + 1] : '\0';
    bool tagish = (n >= 'a' && n <= 'z') || (n >= 'A' && n <= 'Z') || n == '/' || n == '!' ||
                  n == '?';
    if (!tagish) {
      out += c;
      ++i;
      continue;
    }
    if (html.compare(i, 4, "<!--") == 0) {
      size_t end = html.find("-->", i + 4);
      i = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    size_t end = html.find('>', i);
    if (end == std::string_view::npos) break;  // a cut-off tag: drop the rest
    size_t name_start = i + 1 + (n == '/' ? 1 : 0);
    size_t name_end = name_start;
    while (name_end < end && ((html[name_end] >= 'a' && html[name_end] <= 'z') ||
                              (html[name_end] >= 'A' && html[name_end] <= 'Z') ||
                              (html[name_end] >= '0' && html[name_end] <= '9'))) {
      ++name_end;
    }
    std::string_view name = html.substr(name_start, name_end - name_start);
    if (n != '/' && ((name.size() == 6 && ieq_prefix(name, 0, "script")) ||
                     (name.size() == 5 && ieq_prefix(name, 0, "style")))) {
      std::string close = name.size() == 6 ? "</script" : "</style";
      size_t j = end;
      while (j < html.size() && !ieq_prefix(html, j, close)) ++j;
      size_t close_end = html.find('>', j);
      i = close_end == std::string_view::npos ? html.size() : close_end + 1;
      continue;
    }
    if (is_block_tag(name)) out += ' ';
    i = end + 1;
  }
  return out;
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool space = is_ascii_space(c);
    size_t skip = 0;
    if (!space && c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') {
      space = true;  // U+00A0 NO-BREAK SPACE
      skip = 1;
    }
    if (space) {
      pending_space = !out.empty();
      i += skip;
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

std::string html_to_text(std::string_view html) {
  // Most titles and names have neither tags nor references: no copies for those steps.
  std::string stripped, decoded;
  std::string_view t = html;
  if (t.find('<') != std::string_view::npos) t = stripped = strip_tags(t);
  if (t.find('&') != std::string_view::npos) t = decoded = decode_entities(t);
  return collapse_whitespace(t);
}

std::string escape_html(std::string_view text) { return core::escape_html(text); }

std::string undo_double_escape(std::string_view html) {
  // A real tag means the HTML is already HTML.
  for (size_t i = 0; i + 1 < html.size(); ++i) {
    if (html[i] == '<') {
      char n = html[i + 1];
      if ((n >= 'a' && n <= 'z') || (n >= 'A' && n <= 'Z') || n == '/' || n == '!') {
        return std::string(html);
      }
    }
  }
  size_t lt = html.find("&lt;");
  if (lt == std::string_view::npos || lt + 4 >= html.size()) return std::string(html);
  char n = html[lt + 4];
  bool tagish = (n >= 'a' && n <= 'z') || (n >= 'A' && n <= 'Z') || n == '/';
  if (!tagish || html.find("&gt;", lt) == std::string_view::npos) return std::string(html);
  return decode_entities(html);
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_ascii_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_ascii_space(text.back())) text.remove_suffix(1);
  return text;
}

std::optional<std::string> non_empty(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  return std::string(text);
}

std::optional<std::string> non_empty(std::string&& text) {
  std::string_view t = trim(text);
  if (t.empty()) return std::nullopt;
  if (t.size() != text.size()) {
    size_t start = t.data() - text.data();
    text.erase(start + t.size());
    text.erase(0, start);
  }
  return std::move(text);
}

}  // namespace nz::feed
