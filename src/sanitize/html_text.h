// Plain text from HTML, for search, summaries and feeds.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace nz::sanitize {

// The visible text of an HTML fragment: character references decoded, runs of whitespace
// collapsed to one space, a blank line ("\n\n") between block elements (p, li, h1-h6, tr,
// blockquote, figure...), "\n" for <br>, a space between table cells; <pre> keeps its
// whitespace. Text of elements that are never shown (script, style, template, title,
// noscript, iframe...), comments and foreign (SVG, MathML) content are left out. No leading
// or trailing whitespace. Never fails; thread-safe.
std::string html_to_text(std::string_view html);

// The first `max_chars` characters (Unicode code points) of html_to_text(html) on one line,
// for a standfirst when a feed gives none. Longer text is cut at a word boundary (a space,
// or between two CJK characters, which have no spaces) and ends with "…", which counts in
// max_chars; a text with no boundary in reach is cut at a code point. Never splits a UTF-8
// sequence. Empty when max_chars is 0.
std::string standfirst(std::string_view html, size_t max_chars);

}  // namespace nz::sanitize
