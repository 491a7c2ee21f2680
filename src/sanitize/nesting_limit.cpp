#include "sanitize/nesting_limit.h"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

namespace nz::sanitize {
namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_name_char(char c) {
  return is_alpha(c) || (c >= '0' && c <= '9') || c == '-' || c == ':' || c == '_';
}

bool any_of(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Elements that never stay open: void elements (HTML 13.1.2) and those whose end tag may be
// omitted, which the parser closes by itself at the next sibling.
bool is_uncounted(std::string_view name) {
  return any_of(name, {"area", "base", "br", "col", "embed", "hr", "img", "image", "input",
                       "link", "meta", "source", "track", "wbr", "param", "keygen", "basefont",
                       "bgsound", "frame", "isindex", "p", "li", "dt", "dd", "tr", "td", "th",
                       "thead", "tbody", "tfoot", "option", "optgroup", "rb", "rt", "rp", "rtc",
                       "colgroup", "html", "head", "body"});
}

bool is_raw_text(std::string_view name) {
  return any_of(name, {"script", "style", "textarea", "title", "xmp", "iframe", "noembed",
                       "noframes", "noscript"});
}

// Case-insensitive search for "</name" from `from`.
size_t find_end_tag(std::string_view html, std::string_view name, size_t from) {
  for (size_t i = html.find("</", from); i != std::string_view::npos; i = html.find("</", i + 1)) {
    if (i + 2 + name.size() > html.size()) return std::string_view::npos;
    bool match = true;
    for (size_t k = 0; k < name.size() && match; ++k) {
      char c = html[i + 2 + k];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      match = c == name[k];
    }
    if (match) return i;
  }
  return std::string_view::npos;
}

}  // namespace

std::optional<std::string> limit_nesting_if_deep(std::string_view html, size_t max_depth) {
  // Every open element took a "<": with no more of those than the limit, none is dropped.
  // One vectorized count, instead of the tokenizer, for all but the longest inputs.
  if (static_cast<size_t>(std::count(html.begin(), html.end(), '<')) <= max_depth) {
    return std::nullopt;
  }
  std::string out;
  std::vector<std::string> open;
  bool dropped_any = false;
  size_t i = 0;
  size_t copied = 0;  // html[copied, i) is still to be copied to out
  while ((i = html.find('<', i)) != std::string_view::npos) {
    if (html.substr(i, 4) == "<!--") {
      size_t end = html.find("-->", i + 4);
      if (end == std::string_view::npos) break;
      i = end + 3;
      continue;
    }
    bool end_tag = i + 1 < html.size() && html[i + 1] == '/';
    size_t name_start = i + (end_tag ? 2 : 1);
    if (name_start >= html.size() || !is_alpha(html[name_start])) {
      ++i;
      continue;
    }
    size_t name_end = name_start;
    while (name_end < html.size() && is_name_char(html[name_end])) ++name_end;
    std::string name(html.substr(name_start, name_end - name_start));
    for (char& c : name) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    size_t tag_end = html.find('>', name_end);
    if (tag_end == std::string_view::npos) break;
    if (end_tag) {
      auto it = std::find(open.rbegin(), open.rend(), name);
      if (it != open.rend()) open.erase(std::prev(it.base()), open.end());
      i = tag_end + 1;
      continue;
    }
    if (name == "plaintext") break;  // everything after it is text
    if (is_raw_text(name)) {
      size_t end = find_end_tag(html, name, tag_end + 1);
      if (end == std::string_view::npos) break;
      i = end;  // the end tag itself is handled (and ignored) next round
      continue;
    }
    bool self_closing = html[tag_end - 1] == '/';
    if (is_uncounted(name) || self_closing) {
      i = tag_end + 1;
      continue;
    }
    if (open.size() >= max_depth) {
      out.append(html, copied, i - copied);
      copied = tag_end + 1;
      dropped_any = true;
    } else {
      open.push_back(std::move(name));
    }
    i = tag_end + 1;
  }
  if (!dropped_any) return std::nullopt;
  out.append(html, copied, std::string_view::npos);
  return out;
}

std::string limit_nesting(std::string_view html, size_t max_depth) {
  auto limited = limit_nesting_if_deep(html, max_depth);
  return limited ? std::move(*limited) : std::string(html);
}

}  // namespace nz::sanitize
