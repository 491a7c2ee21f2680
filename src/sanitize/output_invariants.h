// The sanitizer's promises, checked on its output by parsing the output again with gumbo.
// Written apart from the sanitizer's own tables, so that a mistake in those is caught here;
// used by the corpus tests and the fuzz target, linked into neither the server nor the CLI.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sanitize/html_sanitizer.h"

namespace nz::sanitize {

// Every broken promise of `output` (a result of sanitize_html with `options`), one
// human-readable line each; empty when all hold:
//  - only allowlisted HTML elements, no SVG or MathML, no comments;
//  - only the attributes allowed on each element, no on* attribute;
//  - every URL attribute (href, src, srcset candidates, cite, poster, ...) is http, https,
//    or (href only) mailto after the browser's cleanup, or relative when no base URL is set;
//  - iframes only to allowlisted hosts, sandboxed;
//  - sanitizing the output again gives the same bytes.
std::vector<std::string> check_output_invariants(std::string_view output,
                                                 const SanitizeOptions& options);

}  // namespace nz::sanitize
