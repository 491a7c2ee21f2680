// RFC 3339 timestamps in UTC ("2022-09-13T08:00:00Z"), the one textual time format newszone
// stores and exchanges, plus the human and HTTP forms pages need.
#pragma once

#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"

namespace nz::core {

// "YYYY-MM-DDTHH:MM:SSZ".
std::string format_rfc3339(Timestamp t);

// Parses "YYYY-MM-DDTHH:MM:SS" followed by "Z" or "+HH:MM"/"-HH:MM" (fractional seconds
// ignored), or a bare date "YYYY-MM-DD" (midnight UTC). Fails with kInvalidInput naming the text.
Result<Timestamp> parse_rfc3339(std::string_view text);

// "YYYY-MM-DD".
std::string format_date(Timestamp t);

// "13 September 2022" for pages.
std::string format_human_date(Timestamp t);

// "Tue, 13 Sep 2022 08:00:00 GMT" (RFC 9110 IMF-fixdate) for Last-Modified and Date headers.
std::string format_http_date(Timestamp t);

}  // namespace nz::core
