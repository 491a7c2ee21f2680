// HTML escaping for the places that write HTML outside a template (error fallbacks, the
// import format, the parse contract before sanitizing). Templates escape by themselves.
#pragma once

#include <string>
#include <string_view>

namespace nz::core {

// Escapes & < > " ' so that text is safe in element content and quoted attributes.
std::string escape_html(std::string_view text);

}  // namespace nz::core
