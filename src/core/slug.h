// Slugs: the lowercase ASCII words of a title joined by hyphens, for URLs.
#pragma once

#include <string>
#include <string_view>

namespace nz::core {

// "China's President Xi to Visit Samarkand!" -> "chinas-president-xi-to-visit-samarkand".
// Latin letters with diacritics lose them ("Ääni" -> "aani"); other scripts are dropped.
// Never longer than max_length (cut at a word boundary when one exists); may be empty when
// the text has no ASCII-representable letters or digits.
std::string slugify(std::string_view text, size_t max_length = 80);

// True when text is a non-empty slug as slugify makes them: [a-z0-9]+(-[a-z0-9]+)*.
bool is_valid_slug(std::string_view text);

}  // namespace nz::core
