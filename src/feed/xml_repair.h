// Text-level repairs made before libxml2 sees a feed, for habits libxml2's recovery mode
// handles badly: junk before the XML declaration, HTML named entities (&nbsp; &eacute;) that
// XML does not define, and a bare "&" that starts no reference. CDATA sections and comments
// are left alone. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace nz::feed {

struct RepairedXml {
  std::string text;
  std::optional<std::string> problem;  // the first repair made, for bozo_reason
};

// `utf8` is the whole document, already UTF-8. Named entities the document's own DOCTYPE
// declares are kept.
RepairedXml repair_xml(std::string_view utf8);

}  // namespace nz::feed
