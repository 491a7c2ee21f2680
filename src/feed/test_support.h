// Shared by nz_feed_tests only: reading fixtures, parsing to JSON for comparison.
#pragma once

#include <boost/json/value.hpp>

#include <string>
#include <string_view>

#include "feed/parse.h"

namespace nz::feed::testing {

// The bytes of NZ_SOURCE_DIR/`relative`; empty when missing.
std::string read_file(const std::string& relative);

// parse + to_json with HTML escaped, as a JSON value; a JSON string "error: ..." on failure.
boost::json::value parse_to_json(std::string_view bytes, const ParseOptions& options = {});

}  // namespace nz::feed::testing
