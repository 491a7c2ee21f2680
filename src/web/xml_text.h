// Text for XML documents the server writes (feeds, sitemaps): escaped, and cleaned of what XML 1.0
// cannot carry at all, so that partner text never makes a document ill-formed.
#pragma once

#include <string>
#include <string_view>

namespace nz::web {

// Escapes & < > " ' for element content and quoted attributes. Characters XML 1.0 does not
// allow (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF) are dropped, and bytes that
// are not UTF-8 become U+FFFD. At most max_bytes of the input are read, cut at a character
// boundary.
std::string xml_escape(std::string_view text, size_t max_bytes = std::string_view::npos);

// The same cleaning without the escaping: text that JSON writers pass through byte for byte
// (Boost.JSON does), so that a feed in JSON carries what the XML ones carry.
std::string xml_clean(std::string_view text);

}  // namespace nz::web
