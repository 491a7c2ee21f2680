// Text helpers for feed fields: HTML entity decoding, tag stripping, whitespace collapsing,
// escaping. Pure functions on UTF-8 strings; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace nz::feed {

// Decodes character references: &#NNN; &#xHH; and the HTML 4 named entities (&amp; &nbsp;
// &eacute; ...). Unknown or malformed references are kept as written.
std::string decode_entities(std::string_view text);

// Removes tags, comments and <script>/<style> bodies; block-ish tags become a space.
std::string strip_tags(std::string_view html);

// Trims and collapses runs of Unicode-ish whitespace (ASCII space, tab, CR, LF, NBSP) to one
// space.
std::string collapse_whitespace(std::string_view text);

// Plain text from HTML: strip_tags, decode_entities, collapse_whitespace.
std::string html_to_text(std::string_view html);

// Escapes & < > " ' so that `text` reads the same as HTML (core::escape_html).
std::string escape_html(std::string_view text);

// HTML that was escaped twice ("&lt;p&gt;Hi&lt;/p&gt;" after XML decoding, with no real tag)
// is unescaped once; anything else is returned unchanged.
std::string undo_double_escape(std::string_view html);

// Trims ASCII whitespace.
std::string_view trim(std::string_view text);

// Appends the UTF-8 encoding of `code_point` (invalid ones become U+FFFD).
void append_utf8(std::string& out, char32_t code_point);

// Empty-or-whitespace becomes nullopt, else the trimmed text.
std::optional<std::string> non_empty(std::string_view text);
// The same for a string that is no longer needed: trimmed in place, without a copy.
std::optional<std::string> non_empty(std::string&& text);

}  // namespace nz::feed
