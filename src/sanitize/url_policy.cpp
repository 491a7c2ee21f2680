#include "sanitize/url_policy.h"

#include <algorithm>
#include <vector>

#include "sanitize/absolutize_urls.h"

namespace nz::sanitize {
namespace {

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

// Characters a URL never carries raw, percent-encoded the way browsers do (WHATWG URL
// Standard, percent-encode sets): this keeps srcset candidates whitespace-free and the
// output the same when parsed again.
std::string percent_encode_unsafe(std::string_view url) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(url.size());
  for (char ch : url) {
    auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7F || c == '"' || c == '<' || c == '>' || c == '`') {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += ch;
    }
  }
  return out;
}

bool valid_descriptor(std::string_view d) {
  // "<integer>w", "<float>x" or "<integer>h" (HTML, "parse a srcset attribute").
  if (d.size() < 2) return false;
  char unit = d.back();
  std::string_view num = d.substr(0, d.size() - 1);
  if (unit == 'w' || unit == 'h') {
    return std::all_of(num.begin(), num.end(), [](char c) { return c >= '0' && c <= '9'; });
  }
  if (unit != 'x') return false;
  size_t dot = num.find('.');
  std::string_view whole = num.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? "" : num.substr(dot + 1);
  auto digits = [](std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (dot != std::string_view::npos && frac.empty()) return false;
  return (!whole.empty() || !frac.empty()) && digits(whole) && digits(frac);
}

}  // namespace

std::optional<std::string> safe_url(std::string_view raw, UrlUse use, std::string_view base_url) {
  // gumbo has already decoded character references; clean as a browser does before parsing.
  std::string url = clean_url_attribute(raw);
  if (url.empty()) return std::nullopt;
  // Browsers read "\" as "/" before the query in http(s) URLs, so "\\evil.example" is a
  // host; we make that explicit so that we resolve what the browser would.
  size_t query = url.find_first_of("?#");
  for (size_t i = 0; i < std::min(query, url.size()); ++i) {
    if (url[i] == '\\') url[i] = '/';
  }
  std::string scheme = url_scheme(url);
  if (scheme.empty()) {
    // No scheme, but a colon before the first "/": not a valid relative-path reference
    // (RFC 3986 section 4.2, path-noscheme) and maybe a scheme a browser spells differently.
    size_t colon = url.find(':');
    if (colon != std::string::npos && colon < url.find_first_of("/?#")) return std::nullopt;
  } else if (scheme != "http" && scheme != "https" &&
             !(scheme == "mailto" && use == UrlUse::kLink)) {
    return std::nullopt;
  }
  std::string base_scheme = url_scheme(base_url);
  if (base_scheme == "http" || base_scheme == "https") {
    auto resolved = resolve_url(base_url, url);
    if (!resolved) return std::nullopt;
    url = std::move(*resolved);
    std::string final_scheme = url_scheme(url);
    if (final_scheme != "http" && final_scheme != "https" &&
        !(final_scheme == "mailto" && use == UrlUse::kLink)) {
      return std::nullopt;
    }
  }
  return percent_encode_unsafe(url);
}

std::optional<std::string> safe_srcset(std::string_view value, std::string_view base_url) {
  std::string out;
  size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && (is_ascii_space(value[i]) || value[i] == ',')) ++i;
    if (i >= value.size()) break;
    size_t start = i;
    while (i < value.size() && !is_ascii_space(value[i])) ++i;
    std::string_view url = value.substr(start, i - start);
    std::vector<std::string_view> descriptors;
    bool valid = true;
    if (url.back() == ',') {
      while (!url.empty() && url.back() == ',') url.remove_suffix(1);
    } else {
      // Descriptors run to the next comma outside parentheses.
      size_t d_start = i;
      int depth = 0;
      while (i < value.size() && !(value[i] == ',' && depth == 0)) {
        if (value[i] == '(') ++depth;
        if (value[i] == ')' && depth > 0) --depth;
        ++i;
      }
      std::string_view rest = value.substr(d_start, i - d_start);
      size_t j = 0;
      while (j < rest.size()) {
        while (j < rest.size() && is_ascii_space(rest[j])) ++j;
        size_t t = j;
        while (j < rest.size() && !is_ascii_space(rest[j])) ++j;
        if (j > t) descriptors.push_back(rest.substr(t, j - t));
      }
      if (i < value.size()) ++i;  // the comma
    }
    if (url.empty()) continue;
    if (descriptors.size() > 2) valid = false;
    for (std::string_view d : descriptors) valid = valid && valid_descriptor(d);
    if (!valid) continue;
    auto safe = safe_url(url, UrlUse::kResource, base_url);
    if (!safe) continue;
    if (!out.empty()) out += ", ";
    out += *safe;
    for (std::string_view d : descriptors) {
      out += ' ';
      out += d;
    }
  }
  if (out.empty()) return std::nullopt;
  return out;
}

}  // namespace nz::sanitize
