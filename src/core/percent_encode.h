// Percent-encoding for query strings and form bodies (application/x-www-form-urlencoded).
#pragma once

#include <string>
#include <string_view>

namespace nz::core {

// Every byte but ASCII letters, digits and - . _ ~ as %XX (upper-case hex), so the result is
// safe as one query or form value. With space_as_plus, a space becomes "+" (what browsers
// send for forms, and what makes search URLs readable).
std::string percent_encode(std::string_view text, bool space_as_plus = false);

}  // namespace nz::core
