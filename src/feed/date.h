// Feed dates → UTC timestamps. Understands what real feeds write:
//  - RFC 822 / RFC 1123 / RFC 2822 and their corruptions: two-digit years (RFC 2822 §4.3:
//    00-49 → 20xx, 50-99 → 19xx), missing seconds, missing or wrong weekday (ignored), named
//    zones (UT GMT UTC Z EST EDT CST CDT MST MDT PST PDT and a few more), military one-letter
//    zones (A=+1 … M=+12, N=-1 … Y=-12, Z=0), numeric offsets (+0200, +02:00, +02), no zone
//    (UTC), asctime ("Mon Oct  7 10:00:00 2024"), AM/PM;
//  - ISO 8601 / W3C-DTF: extended and basic forms, "T", "t" or a space between date and time,
//    no seconds, fractional seconds, Z / ±hh:mm / ±hhmm / ±hh / no zone (UTC), date only
//    (midnight UTC), year-month;
//  - month names (full and abbreviated, with or without a dot) in English, German, French,
//    Spanish, Italian, Dutch, Portuguese and Finnish (also the Finnish partitive "lokakuuta").
// Anything else — or an impossible date such as 31 February — is nullopt, never a guess.
// Pure and thread-safe.
#pragma once

#include <optional>
#include <string_view>

#include "core/clock.h"

namespace nz::feed {

std::optional<core::Timestamp> parse_date(std::string_view text);

}  // namespace nz::feed
