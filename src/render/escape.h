// HTML escaping for the few places that write HTML outside a template.
#pragma once

#include <string>
#include <string_view>

namespace nz::render {

// Escapes & < > " ' so that text is safe in element content and quoted attributes.
std::string escape_html(std::string_view text);

}  // namespace nz::render
