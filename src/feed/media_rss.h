// Enclosure helpers shared by the RSS and Atom parsers: Media RSS (media:content,
// media:thumbnail, media:group) and de-duplicated enclosure lists.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "feed/model.h"
#include "feed/xml_dom.h"

namespace nz::feed {

// Appends an enclosure unless its URL is empty or already listed.
void add_enclosure(std::vector<Enclosure>& list, Enclosure e);

// A non-negative decimal byte count, else nullopt.
std::optional<std::int64_t> parse_length(std::optional<std::string> text);

// Appends media:content and media:thumbnail of `item` (and of its media:group children),
// URLs resolved against `base`.
void add_media_enclosures(const xml::Node* item, const std::string& base,
                          std::vector<Enclosure>& list);

// Appends `term` (trimmed, plain text) unless empty or already listed.
void add_category(std::vector<std::string>& list, std::string_view term);

}  // namespace nz::feed
