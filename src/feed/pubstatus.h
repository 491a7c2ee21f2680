// Publishing status codes from partners → PubStatus. Pure; thread-safe.
#pragma once

#include <optional>
#include <string_view>

#include "feed/model.h"

namespace nz::feed {

// Reads ninjs "pubstatus" values ("usable", "withheld", "canceled"), the NewsML-G2 QCodes
// ("stat:usable", ...) and their URIs (http://cv.iptc.org/newscodes/pubstatusg2/usable),
// case-insensitively; "cancelled" is read as canceled. Anything else is nullopt.
std::optional<PubStatus> parse_pubstatus(std::string_view text);

}  // namespace nz::feed
