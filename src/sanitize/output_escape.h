// How the sanitizer writes text and attribute values: escaped, and already in the form the
// HTML parser reads back, so that parsing the output again gives the very strings written.
// Private to the sanitizer folder and its tests.
#pragma once

#include <string>
#include <string_view>

namespace nz::sanitize {

// Appends `text` (UTF-8, as gumbo decoded it) as element content: & < > escaped; C0
// controls other than tab, newline and form feed dropped (parse errors with no meaning in
// text; the parser turns CR into LF, so none is ever written); and every code point that
// the parser replaces with U+FFFD when it reads it raw (DEL, C1 controls, U+FDD0-U+FDEF,
// U+xFFFE and U+xFFFF, HTML "preprocessing the input stream") written as U+FFFD. Character
// references in the input decode to such code points, so without that the output would
// change on the next parse. Malformed UTF-8 is copied byte by byte as it is.
void append_text(std::string& out, std::string_view text);

// The same for the value of a double-quoted attribute; " is escaped too.
void append_attr_value(std::string& out, std::string_view value);

}  // namespace nz::sanitize
