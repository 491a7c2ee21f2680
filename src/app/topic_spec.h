// Topic specs as editors type them: "country:CN", "organization:sco", "subject:climate".
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "model/topic.h"

namespace nz::app {

// Where Debian's iso-codes package keeps ISO 3166-1.
inline constexpr const char* kIsoCodesCountries = "/usr/share/iso-codes/json/iso_3166-1.json";

// The common English name of an ISO 3166-1 alpha-2 country ("CN" -> "China", "TW" -> "Taiwan")
// from iso-codes. kNotFound for an unknown code; kUnavailable when iso-codes is not installed.
Result<std::string> country_name(std::string_view alpha2);

// Parses "KIND:KEY" into a topic with kind, key, name and slug. Countries take their name from
// iso-codes (key upper-cased); other kinds take `name` when given, else the key. kInvalidInput
// on a malformed spec or unknown kind.
Result<model::Topic> parse_topic_spec(std::string_view spec,
                                      std::optional<std::string> name = std::nullopt);

}  // namespace nz::app
