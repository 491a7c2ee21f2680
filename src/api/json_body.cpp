#include "api/json_body.h"

#include <boost/json.hpp>

#include <algorithm>

namespace nz::api {

namespace json = boost::json;

JsonBody::JsonBody(std::string_view text, const std::vector<std::string_view>& allowed) {
  if (text.size() > kMaxBytes) {
    too_large_ = true;
    fail("", "the body is over " + std::to_string(kMaxBytes / 1024) + " KiB");
    return;
  }
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) return;
  boost::system::error_code ec;
  json::value value = json::parse(text, ec);
  if (ec) {
    fail("", "the body is not JSON: " + ec.message());
    return;
  }
  if (!value.is_object()) {
    fail("", "the body must be a JSON object");
    return;
  }
  object_ = std::move(value.as_object());
  for (const auto& item : object_) {
    if (std::find(allowed.begin(), allowed.end(), item.key()) == allowed.end()) {
      std::string known;
      for (std::string_view a : allowed) known += (known.empty() ? "" : ", ") + std::string(a);
      fail(item.key(), "unknown field \"" + std::string(item.key()) + "\"; " +
                           (known.empty() ? "this operation takes no fields"
                                          : "the fields are " + known));
      return;
    }
  }
}

void JsonBody::fail(std::string_view field, std::string message) {
  if (!message_.empty()) return;
  field_ = std::string(field);
  message_ = std::move(message);
}

std::optional<std::string> JsonBody::text(std::string_view key) {
  auto it = object_.find(key);
  if (it == object_.end()) return std::nullopt;
  if (it->value().is_null()) return std::string();
  if (!it->value().is_string()) {
    fail(key, std::string(key) + " must be a string");
    return std::nullopt;
  }
  return std::string(it->value().as_string());
}

std::optional<bool> JsonBody::flag(std::string_view key) {
  auto it = object_.find(key);
  if (it == object_.end()) return std::nullopt;
  if (!it->value().is_bool()) {
    fail(key, std::string(key) + " must be true or false");
    return std::nullopt;
  }
  return it->value().as_bool();
}

std::optional<int64_t> JsonBody::integer(std::string_view key, int64_t low, int64_t high) {
  auto it = object_.find(key);
  if (it == object_.end()) return std::nullopt;
  const json::value& v = it->value();
  std::optional<int64_t> n;
  if (v.is_int64()) n = v.as_int64();
  if (v.is_uint64() && v.as_uint64() <= static_cast<uint64_t>(high)) {
    n = static_cast<int64_t>(v.as_uint64());
  }
  if (!n || *n < low || *n > high) {
    fail(key, std::string(key) + " must be a whole number from " + std::to_string(low) +
                  " to " + std::to_string(high));
    return std::nullopt;
  }
  return n;
}

std::optional<std::vector<std::string>> JsonBody::texts(std::string_view key) {
  auto it = object_.find(key);
  if (it == object_.end()) return std::nullopt;
  const std::string wrong = std::string(key) + " must be an array of at most " +
                            std::to_string(kMaxItems) + " strings";
  if (!it->value().is_array() || it->value().as_array().size() > kMaxItems) {
    fail(key, wrong);
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const auto& item : it->value().as_array()) {
    if (!item.is_string()) {
      fail(key, wrong);
      return std::nullopt;
    }
    out.emplace_back(item.as_string());
  }
  return out;
}

}  // namespace nz::api
