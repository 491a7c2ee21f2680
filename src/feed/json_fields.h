// Non-throwing field access on Boost.JSON objects for the JSON Feed and ninjs parsers: a
// field of the wrong type reads as absent.
#pragma once

#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nz::feed::json {

// The trimmed string value of `key`, nullopt when absent, not a string, or blank.
std::optional<std::string> str(const boost::json::object& o, std::string_view key);
// An integer (or integral double) value of `key`.
std::optional<std::int64_t> integer(const boost::json::object& o, std::string_view key);
// The string or number of `key` as a string (JSON Feed ids may be numbers).
std::optional<std::string> id_string(const boost::json::object& o, std::string_view key);
const boost::json::object* obj(const boost::json::object& o, std::string_view key);
const boost::json::array* arr(const boost::json::object& o, std::string_view key);

}  // namespace nz::feed::json
