// Reference resolution (RFC 3986 §5.2): makes a feed's relative links absolute. Pure; does
// not validate or normalise beyond what §5.2 asks (dot segments are removed).
#pragma once

#include <string>
#include <string_view>

namespace nz::feed {

// True when `ref` has a scheme ("https:", "mailto:", ...).
bool has_scheme(std::string_view ref);

// Resolves `ref` against `base` (RFC 3986 §5.2.2, strict). An absolute `ref` comes back with
// its dot segments removed; when `base` is empty or itself not absolute, `ref` is returned
// unchanged (trimmed). Surrounding whitespace in either is ignored.
std::string resolve_url(std::string_view base, std::string_view ref);

}  // namespace nz::feed
