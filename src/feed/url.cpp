#include "feed/url.h"

#include <optional>

#include "feed/encoding.h"
#include "feed/text.h"

namespace nz::feed {
namespace {

struct Parts {
  std::optional<std::string_view> scheme, authority, query, fragment;
  std::string_view path;
};

// RFC 3986 Appendix B, by hand.
Parts split(std::string_view s) {
  Parts p;
  size_t i = 0;
  if (has_scheme(s)) {
    size_t colon = s.find(':');
    p.scheme = s.substr(0, colon);
    i = colon + 1;
  }
  if (s.compare(i, 2, "//") == 0) {
    size_t end = s.find_first_of("/?#", i + 2);
    if (end == std::string_view::npos) end = s.size();
    p.authority = s.substr(i + 2, end - i - 2);
    i = end;
  }
  size_t end = s.find_first_of("?#", i);
  if (end == std::string_view::npos) end = s.size();
  p.path = s.substr(i, end - i);
  i = end;
  if (i < s.size() && s[i] == '?') {
    end = s.find('#', i);
    if (end == std::string_view::npos) end = s.size();
    p.query = s.substr(i + 1, end - i - 1);
    i = end;
  }
  if (i < s.size() && s[i] == '#') p.fragment = s.substr(i + 1);
  return p;
}

// §5.2.4
std::string remove_dot_segments(std::string_view in) {
  std::string input(in), output;
  while (!input.empty()) {
    if (input.starts_with("../")) {
      input.erase(0, 3);
    } else if (input.starts_with("./")) {
      input.erase(0, 2);
    } else if (input.starts_with("/./")) {
      input.erase(0, 2);
    } else if (input == "/.") {
      input = "/";
    } else if (input.starts_with("/../") || input == "/..") {
      input = input == "/.." ? "/" : input.substr(3);
      size_t last = output.rfind('/');
      output.erase(last == std::string::npos ? 0 : last);
    } else if (input == "." || input == "..") {
      input.clear();
    } else {
      size_t next = input.find('/', input[0] == '/' ? 1 : 0);
      if (next == std::string::npos) next = input.size();
      output += input.substr(0, next);
      input.erase(0, next);
    }
  }
  return output;
}

// §5.2.3
std::string merge(const Parts& base, std::string_view ref_path) {
  if (base.authority && base.path.empty()) return "/" + std::string(ref_path);
  size_t slash = base.path.rfind('/');
  if (slash == std::string_view::npos) return std::string(ref_path);
  return std::string(base.path.substr(0, slash + 1)) + std::string(ref_path);
}

// §5.3
std::string recompose(const Parts& p, const std::string& path) {
  std::string out;
  if (p.scheme) out += std::string(*p.scheme) + ":";
  if (p.authority) out += "//" + std::string(*p.authority);
  out += path;
  if (p.query) out += "?" + std::string(*p.query);
  if (p.fragment) out += "#" + std::string(*p.fragment);
  return out;
}

}  // namespace

bool has_scheme(std::string_view s) {
  if (s.empty() || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'))) return false;
  for (size_t i = 1; i < s.size(); ++i) {
    char c = s[i];
    if (c == ':') return true;
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '+' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return false;
}

std::string resolve_url(std::string_view base_in, std::string_view ref_in) {
  std::string_view ref = trim(ref_in), base_s = trim(base_in);
  Parts r = split(ref);
  if (r.scheme) {
    Parts t = r;
    return recompose(t, remove_dot_segments(r.path));
  }
  if (base_s.empty() || !has_scheme(base_s)) return std::string(ref);
  Parts b = split(base_s);
  Parts t;
  std::string path;
  t.scheme = b.scheme;
  t.fragment = r.fragment;
  if (r.authority) {
    t.authority = r.authority;
    path = remove_dot_segments(r.path);
    t.query = r.query;
  } else {
    t.authority = b.authority;
    if (r.path.empty()) {
      path = std::string(b.path);
      t.query = r.query ? r.query : b.query;
    } else {
      path = r.path[0] == '/' ? remove_dot_segments(r.path)
                              : remove_dot_segments(merge(b, r.path));
      t.query = r.query;
    }
  }
  return recompose(t, path);
}

std::string encode_invalid_utf8(std::string_view url) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(url.size());
  size_t i = 0;
  while (i < url.size()) {
    size_t n = utf8_sequence_length(url.substr(i));
    if (n > 0) {
      out.append(url.substr(i, n));
      i += n;
      continue;
    }
    unsigned char c = url[i++];
    out += '%';
    out += kHex[c >> 4];
    out += kHex[c & 0xF];
  }
  return out;
}

}  // namespace nz::feed
