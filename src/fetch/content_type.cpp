#include "fetch/content_type.h"

#include <cctype>

namespace nz::fetch {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string charset_parameter(std::string_view content_type) {
  // media-type *( OWS ";" OWS [ parameter ] ), parameter = name "=" ( token / quoted-string )
  size_t pos = content_type.find(';');
  while (pos != std::string_view::npos) {
    std::string_view rest = content_type.substr(pos + 1);
    size_t eq = rest.find('=');
    size_t semi = rest.find(';');
    if (eq == std::string_view::npos) return {};
    if (semi != std::string_view::npos && semi < eq) {  // a parameter without '=': skip it
      pos += 1 + semi;
      continue;
    }
    std::string_view name = trim(rest.substr(0, eq));
    std::string_view value = rest.substr(eq + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
      value.remove_prefix(1);
    }
    std::string parsed;
    size_t consumed = 0;  // characters of `value` read
    if (!value.empty() && value.front() == '"') {
      size_t i = 1;
      for (; i < value.size() && value[i] != '"'; ++i) {
        if (value[i] == '\\' && i + 1 < value.size()) ++i;  // quoted-pair
        parsed.push_back(value[i]);
      }
      consumed = i;
    } else {
      size_t end = value.find(';');
      parsed = std::string(trim(value.substr(0, end)));
      consumed = end == std::string_view::npos ? value.size() : end;
    }
    if (lowercase(name) == "charset") return lowercase(trim(parsed));
    size_t next = value.find(';', consumed);
    if (next == std::string_view::npos) return {};
    pos = static_cast<size_t>(value.data() + next - content_type.data());
  }
  return {};
}

}  // namespace nz::fetch
