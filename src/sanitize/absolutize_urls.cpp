#include "sanitize/absolutize_urls.h"

namespace nz::sanitize {
namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// RFC 3986 section 5.2.3: merge a relative-path reference with the base path.
std::string merge_paths(const UriReference& base, const std::string& ref_path) {
  if (base.authority && base.path.empty()) return "/" + ref_path;
  size_t slash = base.path.rfind('/');
  if (slash == std::string::npos) return ref_path;
  return base.path.substr(0, slash + 1) + ref_path;
}

}  // namespace

UriReference split_uri_reference(std::string_view ref) {
  // ^(([^:/?#]+):)?(//([^/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))?   (RFC 3986 appendix B)
  UriReference out;
  size_t pos = 0;
  size_t colon = ref.find_first_of(":/?#");
  if (colon != std::string_view::npos && colon > 0 && ref[colon] == ':') {
    out.scheme = std::string(ref.substr(0, colon));
    pos = colon + 1;
  }
  if (ref.substr(pos, 2) == "//") {
    size_t end = ref.find_first_of("/?#", pos + 2);
    if (end == std::string_view::npos) end = ref.size();
    out.authority = std::string(ref.substr(pos + 2, end - pos - 2));
    pos = end;
  }
  size_t path_end = ref.find_first_of("?#", pos);
  if (path_end == std::string_view::npos) path_end = ref.size();
  out.path = std::string(ref.substr(pos, path_end - pos));
  pos = path_end;
  if (pos < ref.size() && ref[pos] == '?') {
    size_t end = ref.find('#', pos);
    if (end == std::string_view::npos) end = ref.size();
    out.query = std::string(ref.substr(pos + 1, end - pos - 1));
    pos = end;
  }
  if (pos < ref.size() && ref[pos] == '#') out.fragment = std::string(ref.substr(pos + 1));
  return out;
}

std::string recompose(const UriReference& ref) {
  std::string out;
  if (ref.scheme) out += *ref.scheme + ":";
  if (ref.authority) out += "//" + *ref.authority;
  out += ref.path;
  if (ref.query) out += "?" + *ref.query;
  if (ref.fragment) out += "#" + *ref.fragment;
  return out;
}

std::string remove_dot_segments(std::string_view path) {
  // The loop of RFC 3986 section 5.2.4, steps A to E, on an input buffer.
  std::string in(path);
  std::string out;
  size_t i = 0;
  auto rest = [&] { return std::string_view(in).substr(i); };
  while (i < in.size()) {
    std::string_view r = rest();
    if (r.starts_with("../")) {  // A
      i += 3;
    } else if (r.starts_with("./")) {
      i += 2;
    } else if (r.starts_with("/./")) {  // B
      i += 2;
    } else if (r == "/.") {
      in.replace(i, 2, "/");
    } else if (r.starts_with("/../")) {  // C
      i += 3;
      size_t slash = out.rfind('/');
      out.erase(slash == std::string::npos ? 0 : slash);
    } else if (r == "/..") {
      in.replace(i, 3, "/");
      size_t slash = out.rfind('/');
      out.erase(slash == std::string::npos ? 0 : slash);
    } else if (r == "." || r == "..") {  // D
      i = in.size();
    } else {  // E: move the first segment, with its leading "/", to the output
      size_t next = in.find('/', i + (r[0] == '/' ? 1 : 0));
      if (next == std::string::npos) next = in.size();
      out.append(in, i, next - i);
      i = next;
    }
  }
  return out;
}

Result<std::string> resolve_url(std::string_view base_str, std::string_view ref_str) {
  UriReference base = split_uri_reference(base_str);
  if (!base.scheme) {
    return Error::InvalidInput("resolve against " + std::string(base_str) +
                               ": base URL has no scheme");
  }
  UriReference r = split_uri_reference(ref_str);
  UriReference t;
  // RFC 3986 section 5.2.2, transform references (strict parser).
  if (r.scheme) {
    t.scheme = r.scheme;
    t.authority = r.authority;
    t.path = remove_dot_segments(r.path);
    t.query = r.query;
  } else {
    if (r.authority) {
      t.authority = r.authority;
      t.path = remove_dot_segments(r.path);
      t.query = r.query;
    } else {
      if (r.path.empty()) {
        t.path = base.path;
        t.query = r.query ? r.query : base.query;
      } else {
        if (r.path[0] == '/') {
          t.path = remove_dot_segments(r.path);
        } else {
          t.path = remove_dot_segments(merge_paths(base, r.path));
        }
        t.query = r.query;
      }
      t.authority = base.authority;
    }
    t.scheme = base.scheme;
  }
  t.fragment = r.fragment;
  return recompose(t);
}

std::string url_scheme(std::string_view url) {
  if (url.empty() || !is_alpha(url[0])) return "";
  for (size_t i = 1; i < url.size(); ++i) {
    char c = url[i];
    if (c == ':') {
      std::string scheme;
      for (size_t j = 0; j < i; ++j) scheme += to_lower(url[j]);
      return scheme;
    }
    if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.') return "";
  }
  return "";
}

std::string clean_url_attribute(std::string_view value) {
  // "C0 control or space" is U+0000 to U+0020 (WHATWG URL Standard).
  auto c0_or_space = [](char c) { return static_cast<unsigned char>(c) <= 0x20; };
  size_t begin = 0;
  size_t end = value.size();
  while (begin < end && c0_or_space(value[begin])) ++begin;
  while (end > begin && c0_or_space(value[end - 1])) --end;
  std::string out;
  out.reserve(end - begin);
  for (size_t i = begin; i < end; ++i) {
    char c = value[i];
    if (c == '\t' || c == '\n' || c == '\r') continue;
    out += c;
  }
  return out;
}

}  // namespace nz::sanitize
