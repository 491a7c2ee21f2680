// Reading the HTTP header values that carry time: HTTP-dates and Retry-After. Pure functions.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

#include "core/clock.h"
#include "core/http_date.h"

namespace nz::fetch {

using core::parse_http_date;  // core/http_date.h

// The delay a Retry-After value asks for, measured from `now`: delta-seconds ("120") or an
// HTTP-date (a date in the past is 0 s). Empty when the value is neither; a delta too large
// for 64 bits is empty too. (RFC 9110 10.2.3)
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value,
                                                      core::Timestamp now);

}  // namespace nz::fetch
