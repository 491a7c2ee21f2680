#include "feed/json_fields.h"

#include <cmath>

#include "feed/text.h"

namespace nz::feed::json {

std::optional<std::string> str(const boost::json::object& o, std::string_view key) {
  const boost::json::value* v = o.if_contains(key);
  if (!v) return std::nullopt;
  const boost::json::string* s = v->if_string();
  if (!s) return std::nullopt;
  return non_empty(std::string_view(s->data(), s->size()));
}

std::optional<std::int64_t> integer(const boost::json::object& o, std::string_view key) {
  const boost::json::value* v = o.if_contains(key);
  if (!v) return std::nullopt;
  if (auto* i = v->if_int64()) return *i;
  if (auto* u = v->if_uint64()) {
    if (*u <= std::uint64_t(INT64_MAX)) return std::int64_t(*u);
    return std::nullopt;
  }
  if (auto* d = v->if_double()) {
    if (std::isfinite(*d) && *d >= 0 && *d < 9e18 && std::floor(*d) == *d) {
      return std::int64_t(*d);
    }
  }
  if (auto* s = v->if_string()) {
    std::string_view t = trim(std::string_view(s->data(), s->size()));
    if (t.empty() || t.size() > 18) return std::nullopt;
    std::int64_t n = 0;
    for (char c : t) {
      if (c < '0' || c > '9') return std::nullopt;
      n = n * 10 + (c - '0');
    }
    return n;
  }
  return std::nullopt;
}

std::optional<std::string> id_string(const boost::json::object& o, std::string_view key) {
  const boost::json::value* v = o.if_contains(key);
  if (!v) return std::nullopt;
  if (v->is_string()) return str(o, key);
  if (auto* i = v->if_int64()) return std::to_string(*i);
  if (auto* u = v->if_uint64()) return std::to_string(*u);
  return std::nullopt;
}

const boost::json::object* obj(const boost::json::object& o, std::string_view key) {
  const boost::json::value* v = o.if_contains(key);
  return v ? v->if_object() : nullptr;
}

const boost::json::array* arr(const boost::json::object& o, std::string_view key) {
  const boost::json::value* v = o.if_contains(key);
  return v ? v->if_array() : nullptr;
}

}  // namespace nz::feed::json
