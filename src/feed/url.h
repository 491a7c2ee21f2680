// Reference resolution (RFC 3986 §5.2): makes a feed's relative links absolute. Pure; does
// not validate or normalise beyond what §5.2 asks (dot segments are removed).
#pragma once

#include <string>
#include <string_view>

namespace nz::feed {

// True when `ref` has a scheme ("https:", "mailto:", ...).
bool has_scheme(std::string_view ref);

// `url` with every byte that is no part of well-formed UTF-8 percent-encoded ("%FF"), so that
// a base URL from outside the document (a header, the command line) cannot put invalid UTF-8
// into resolved links. Well-formed UTF-8 is returned unchanged.
std::string encode_invalid_utf8(std::string_view url);

// Resolves `ref` against `base` (RFC 3986 §5.2.2, strict). An absolute `ref` comes back with
// its dot segments removed; when `base` is empty or itself not absolute, `ref` is returned
// unchanged (trimmed). Surrounding whitespace in either is ignored.
std::string resolve_url(std::string_view base, std::string_view ref);

}  // namespace nz::feed
