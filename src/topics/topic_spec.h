// Topic specs as editors type them: "country:CN", "organization:sco", "subject:climate".
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "model/topic.h"

namespace nz::topics {

// Parses "KIND:KEY" into a topic with kind, key, name and slug. Countries (key upper-cased)
// and the organizations the gazetteer knows take its slug, and its name unless `name` is
// given; other topics take `name` when given, else the key. kInvalidInput on a malformed spec
// or unknown kind; kNotFound for a country code ISO 3166-1 does not have.
Result<model::Topic> parse_topic_spec(std::string_view spec,
                                      std::optional<std::string> name = std::nullopt);

}  // namespace nz::topics
