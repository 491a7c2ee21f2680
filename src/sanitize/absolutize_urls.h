// URL references as RFC 3986 sees them, and resolving a relative reference against a base
// (RFC 3986 section 5.2). Used by the sanitizer to make partner links absolute against the
// article's URL. Pure string work: no I/O, no IDNA, no percent-decoding.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace nz::sanitize {

// The five components of a URI reference, split with the regular expression of RFC 3986
// appendix B. A component that is absent (no "scheme:", no "//", no "?", no "#") is nullopt,
// which differs from present-but-empty ("http://a/?" has an empty query).
struct UriReference {
  std::optional<std::string> scheme;     // as written; compare with url_scheme() instead
  std::optional<std::string> authority;  // between "//" and the next / ? #
  std::string path;
  std::optional<std::string> query;
  std::optional<std::string> fragment;
};

// Splits `ref` into its components (RFC 3986 appendix B); never fails, every string matches.
UriReference split_uri_reference(std::string_view ref);

// Recomposes components into a string (RFC 3986 section 5.3).
std::string recompose(const UriReference& ref);

// Removes "." and ".." segments from a path (RFC 3986 section 5.2.4).
std::string remove_dot_segments(std::string_view path);

// Resolves `ref` against `base` (RFC 3986 section 5.2.2, strict: a reference with a scheme
// is used as it is, dot segments removed). Fails with kInvalidInput when `base` has no
// scheme, since a relative base cannot make anything absolute.
Result<std::string> resolve_url(std::string_view base, std::string_view ref);

// The lowercase scheme of `url` when it starts with one (ALPHA *( ALPHA / DIGIT / "+" / "-" /
// "." ) ":", RFC 3986 section 3.1), else "". Callers clean the string first with
// clean_url_attribute(): this function does not skip anything.
std::string url_scheme(std::string_view url);

// What a browser does to an attribute value before it parses it as a URL (WHATWG URL
// Standard, "basic URL parser"): strip leading and trailing C0 controls and spaces, remove
// every ASCII tab and newline. So "  jav&#x09;ascript:" is seen as "javascript:" here too.
std::string clean_url_attribute(std::string_view value);

}  // namespace nz::sanitize
