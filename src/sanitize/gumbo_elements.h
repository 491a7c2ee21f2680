// What the sanitizer and html_to_text both need to know about gumbo elements: their names
// (gumbo 0.10.1 has no enum value for picture, dialog, custom elements...) and which ones
// break text into blocks. Private to the sanitizer folder and its tests: the only header of
// ours that includes <gumbo.h>.
#pragma once

#include <gumbo.h>

#include <string>

namespace nz::sanitize {

// "picture" for <PICTURE>, "h1" for <h1>; SVG names in their normalized case ("foreignObject").
// Empty for an unknown element gumbo made up without a tag in the source.
std::string tag_name(const GumboElement& element);

// True for elements a browser lays out as blocks, so that text on either side of them does
// not run together (p, div, section, li, h1-h6, table rows...; not pre, not cells). Used by
// html_to_text for its paragraph breaks and by the sanitizer to turn an unwrapped block
// (div, section...) holding only inline content into a <p>.
bool is_block(const GumboElement& element);

}  // namespace nz::sanitize
