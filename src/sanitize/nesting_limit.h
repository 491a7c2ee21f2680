// A linear pre-pass that keeps partner HTML from nesting deeper than browsers build.
//
// gumbo 0.10.1 walks its stack of open elements for most start tags ("has an element in
// scope", HTML section 13.2.4.2), so parsing N nested elements costs O(N^2): 200 KB of
// "<div>" takes seconds. Chromium stops nesting at 512 (kMaximumHTMLParserDOMTreeDepth);
// we drop start tags past that depth before gumbo sees them. The pass only removes tags, and
// the sanitizer serializes what gumbo parses, so it can change content, never safety.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace nz::sanitize {

inline constexpr size_t kMaxInputNesting = 512;

// `html` with every start tag removed that would open an element deeper than `max_depth`,
// by a tokenizer that approximates the parser's stack: void elements, self-closing tags and
// elements whose end tag is optional (p, li, td...) are not counted; an end tag pops to its
// open element and is ignored when none is open; comments and raw-text elements (script,
// style, textarea...) are copied as they are. Returns the input unchanged when it is
// shallow, which is the usual case.
std::string limit_nesting(std::string_view html, size_t max_depth = kMaxInputNesting);

// limit_nesting without the copy of shallow input: nullopt when no start tag is dropped.
std::optional<std::string> limit_nesting_if_deep(std::string_view html,
                                                 size_t max_depth = kMaxInputNesting);

}  // namespace nz::sanitize
