// Which URLs partner HTML may keep: the scheme allowlist, resolution against the article's
// URL, and srcset parsed candidate by candidate. Part of the HTML sanitizer.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace nz::sanitize {

// Which URLs an attribute may hold: links (href) may be mailto:, resources (src, srcset,
// cite) may not.
enum class UrlUse { kLink, kResource };

// The sanitized form of a URL attribute value (character references already decoded by the
// parser), or nullopt to drop the attribute. Cleans the value as a browser does before
// parsing (clean_url_attribute), reads a backslash as "/" before the query, keeps only
// http, https and (for links) mailto, or relative references; when base_url is absolute
// http(s) the result is resolved against it (RFC 3986 section 5.2) and must still be
// http(s) or mailto. Whitespace, controls, quotes, "<", ">" and "`" come out percent-encoded.
std::optional<std::string> safe_url(std::string_view raw, UrlUse use, std::string_view base_url);

// A srcset value (HTML, "parse a srcset attribute") with each candidate URL passed through
// safe_url and each candidate with a failing URL or an invalid descriptor dropped; written
// back as "url descriptors, url descriptors". nullopt when no candidate is left.
std::optional<std::string> safe_srcset(std::string_view value, std::string_view base_url);

}  // namespace nz::sanitize
