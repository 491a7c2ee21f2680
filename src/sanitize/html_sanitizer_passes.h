// The two ways sanitize_html reaches its result, one by one, for the sanitizer's tests, its
// fuzz target and its benchmark. Private to the sanitizer folder.
#pragma once

#include <string>
#include <string_view>

#include "sanitize/html_sanitizer.h"

namespace nz::sanitize {

struct FirstPass {
  std::string html;  // one parse of the input, serialized
  bool settled;      // ReparseCheck vouches that `html` parses back to itself
};

// One pass: limit_nesting, a gumbo parse, and the serialization with its ReparseCheck.
// sanitize_html returns `html` when `settled`, and otherwise goes on re-parsing.
FirstPass sanitize_first_pass(std::string_view html, const SanitizeOptions& options);

// The result without the ReparseCheck shortcut: the output re-parsed and re-sanitized until
// a pass reproduces its input (at least two parses; at most four, then text only). Must
// equal sanitize_html for every input; the tests and the fuzz target compare the two.
std::string sanitize_html_by_reparsing(std::string_view html, const SanitizeOptions& options);

}  // namespace nz::sanitize
