#include "admin/form.h"

#include <algorithm>

#include "crypto/digest.h"

namespace nz::admin {

Form parse_form(std::string_view body) {
  Form form;
  while (!body.empty()) {
    size_t end = body.find('&');
    std::string_view pair = body.substr(0, end);
    body = end == std::string_view::npos ? std::string_view() : body.substr(end + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string name = http::percent_decode(pair.substr(0, eq), true);
    std::string value =
        eq == std::string_view::npos ? "" : http::percent_decode(pair.substr(eq + 1), true);
    form.emplace(std::move(name), std::move(value));
  }
  return form;
}

std::string field(const Form& form, std::string_view name) {
  auto it = form.find(name);
  return it == form.end() ? std::string() : it->second;
}

std::vector<std::string> field_values(std::string_view body, std::string_view name) {
  std::vector<std::string> out;
  while (!body.empty()) {
    size_t end = body.find('&');
    std::string_view pair = body.substr(0, end);
    body = end == std::string_view::npos ? std::string_view() : body.substr(end + 1);
    size_t eq = pair.find('=');
    if (http::percent_decode(pair.substr(0, eq), true) != name) continue;
    out.push_back(eq == std::string_view::npos ? ""
                                               : http::percent_decode(pair.substr(eq + 1), true));
  }
  return out;
}

bool same_origin(const http::Request& request) {
  auto origin = request.header("origin");
  if (!origin) return true;
  auto host = request.header("host");
  if (!host) return false;
  std::string_view o = *origin;
  size_t scheme_end = o.find("://");
  if (scheme_end == std::string_view::npos) return false;  // "null" and other opaque origins
  std::string_view scheme = o.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") return false;
  std::string_view authority = o.substr(scheme_end + 3);
  std::string_view h = *host;
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  return authority.size() == h.size() &&
         std::equal(authority.begin(), authority.end(), h.begin(),
                    [&](char a, char b) { return lower(a) == lower(b); });
}

bool csrf_matches(const Form& form, std::string_view expected) {
  std::string given = field(form, "csrf");
  return !given.empty() && !expected.empty() && crypto::constant_time_equal(given, expected);
}

}  // namespace nz::admin
