// Reading a Content-Type header value. Pure function.
#pragma once

#include <string>
#include <string_view>

namespace nz::fetch {

// The charset parameter of a Content-Type value, lower-cased and unquoted:
// "text/xml; Charset=\"ISO-8859-1\"" gives "iso-8859-1". Empty when there is none.
// Parameter names are case-insensitive; the first charset parameter wins. (RFC 9110 8.3.1)
std::string charset_parameter(std::string_view content_type);

}  // namespace nz::fetch
