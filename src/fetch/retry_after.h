// Reading the HTTP header values that carry time: HTTP-dates and Retry-After. Pure functions.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

#include "core/clock.h"

namespace nz::fetch {

// An HTTP-date in any of the three forms a recipient must accept (RFC 9110 5.6.7):
//   IMF-fixdate  "Sun, 06 Nov 1994 08:49:37 GMT"
//   RFC 850      "Sunday, 06-Nov-94 08:49:37 GMT"  (a two-digit year more than 50 years after
//                                                    `now` means the century before)
//   asctime      "Sun Nov  6 08:49:37 1994"
// Surrounding whitespace is ignored and so is the weekday (not checked against the date).
// Empty when the text is none of these or names an impossible date or time.
std::optional<core::Timestamp> parse_http_date(std::string_view text, core::Timestamp now);

// The delay a Retry-After value asks for, measured from `now`: delta-seconds ("120") or an
// HTTP-date (a date in the past is 0 s). Empty when the value is neither; a delta too large
// for 64 bits is empty too. (RFC 9110 10.2.3)
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value,
                                                      core::Timestamp now);

}  // namespace nz::fetch
