// HTTP-dates (RFC 9110 5.6.7) as servers and clients read them: Retry-After, If-Modified-Since.
// Writing one is core::format_http_date (rfc3339.h). Pure functions.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

#include "core/clock.h"

namespace nz::core {

// An HTTP-date in any of the three forms a recipient must accept (RFC 9110 5.6.7):
//   IMF-fixdate  "Sun, 06 Nov 1994 08:49:37 GMT"
//   RFC 850      "Sunday, 06-Nov-94 08:49:37 GMT"  (a two-digit year more than 50 years after
//                                                    `now` means the century before)
//   asctime      "Sun Nov  6 08:49:37 1994"
// Surrounding whitespace is ignored and so is the weekday (not checked against the date).
// Empty when the text is none of these or names an impossible date or time.
std::optional<Timestamp> parse_http_date(std::string_view text, Timestamp now);

}  // namespace nz::core
