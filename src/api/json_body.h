// The JSON bodies of the editors' operations (editor_api.cpp): one object, bounded in size,
// with only the fields the operation knows, each of the type it expects. The first thing
// found wrong is kept with the field it is in, so that the 400 names the field.
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nz::api {

class JsonBody {
 public:
  // Bodies larger than this are refused (413) before they are parsed: the largest real one,
  // a zone with its label texts, is a few kilobytes.
  static constexpr size_t kMaxBytes = 64 * 1024;
  // A list field (tags, headers) has at most this many items.
  static constexpr size_t kMaxItems = 50;

  // Reads `text`: an empty body is an empty object. Fails (see ok()) on text over kMaxBytes,
  // text that is no JSON object, and a field not in `allowed`.
  JsonBody(std::string_view text, const std::vector<std::string_view>& allowed);

  bool ok() const { return message_.empty(); }
  bool too_large() const { return too_large_; }
  const std::string& field() const { return field_; }  // "" when the body as a whole is wrong
  const std::string& message() const { return message_; }

  bool has(std::string_view key) const { return object_.contains(key); }
  // The field's value when present: a string (null reads as "", which clears a setting);
  // anything else fails. nullopt when absent or failed.
  std::optional<std::string> text(std::string_view key);
  // true or false.
  std::optional<bool> flag(std::string_view key);
  // A whole number from low to high.
  std::optional<int64_t> integer(std::string_view key, int64_t low, int64_t high);
  // An array of at most kMaxItems strings.
  std::optional<std::vector<std::string>> texts(std::string_view key);

  // Records a problem the caller found; the first one recorded is kept.
  void fail(std::string_view field, std::string message);

 private:
  boost::json::object object_;
  std::string field_;
  std::string message_;
  bool too_large_ = false;
};

}  // namespace nz::api
