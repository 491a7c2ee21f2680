#include "admin/audit_changes.h"

#include <optional>

#include <boost/json.hpp>

namespace nz::admin {
namespace {

std::optional<boost::json::object> object_of(std::string_view text) {
  if (text.empty()) return std::nullopt;
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(text, ec);
  if (ec || !value.is_object()) return std::nullopt;
  return std::move(value.as_object());
}

std::string text_of(const boost::json::value& value) {
  if (value.is_string()) return std::string(value.as_string());
  return boost::json::serialize(value);
}

}  // namespace

std::vector<FieldChange> changed_fields(std::string_view before_json,
                                        std::string_view after_json) {
  auto before = object_of(before_json);
  auto after = object_of(after_json);
  if (!before || !after) return {};
  std::vector<FieldChange> out;
  for (const auto& [key, value] : *after) {
    const boost::json::value* old = before->if_contains(key);
    if (old && *old == value) continue;
    out.push_back({.field = std::string(key),
                   .before = old ? text_of(*old) : std::string(),
                   .after = text_of(value)});
  }
  for (const auto& [key, value] : *before) {
    if (!after->contains(key)) {
      out.push_back({.field = std::string(key), .before = text_of(value), .after = {}});
    }
  }
  return out;
}

}  // namespace nz::admin
