// Text-level repairs around libxml2 for habits its recovery mode handles badly: before the
// parse, junk before the XML declaration, HTML named entities (&nbsp; &eacute;) that XML does
// not define, and a bare "&" that starts no reference (repair_xml; CDATA sections and comments
// are left alone); after a failed parse, unbalanced tags (balance_tags). parse_liberal_xml
// puts them together. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "feed/xml_dom.h"

namespace nz::feed {

struct RepairedXml {
  bool changed = false;  // a repair was made (junk before the document does not count)
  std::string text;      // the repaired document when changed, else empty
  size_t start = 0;      // where the document starts in the input (after junk before it)
  std::optional<std::string> problem;  // the first repair made, for bozo_reason

  // The document to parse: `text` when changed, else the input from `start` on. A view into
  // this or into `input`.
  std::string_view document(std::string_view input) const;
};

// `utf8` is the whole document, already UTF-8. Named entities the document's own DOCTYPE
// declares are kept. A document that needs no repair is not copied.
RepairedXml repair_xml(std::string_view utf8);

struct BalancedXml {
  std::string text;
  bool changed = false;  // false: `text` is the input unchanged
};

// Makes the element structure of a malformed document well-nested, for a second parse when
// libxml2 reported an error. libxml2's recovery closes the innermost open element at ANY end
// tag, so one unclosed element (`<description><b>text</description>`, an `<item>` never
// closed) shifts every later end tag by one level and nests the following entries inside it.
// Here instead:
//  - an end tag closes the nearest open element of its name and every element opened inside
//    it; an end tag that matches no open element (of the innermost 256) is dropped;
//  - an entry (<item>, <entry>, also as rss:item and atom:entry) starting while an entry of
//    the same name is open closes that one first: entries never nest;
//  - at the end (a truncated file) a cut-off tag, comment or processing instruction is
//    dropped, a cut-off CDATA section is closed, and every open element is closed;
//  - a "<" that starts no tag becomes "&lt;"; anything after the root element ends is dropped.
// Comments, CDATA, processing instructions and the DOCTYPE are copied unchanged. Element names
// are compared as written (prefix included), case-sensitively, as XML does.
BalancedXml balance_tags(std::string_view utf8);

}  // namespace nz::feed

namespace nz::feed {

// A feed document as the RSS and Atom parsers get it: repair_xml, then xml::Document::parse
// (the strict reader, else libxml2); when libxml2 reports an error, balance_tags and parse
// again (that tree is used when it has a root). Well-formed documents are parsed once. The
// Document may point into `utf8`, which must outlive it. Thread-safe.
struct LiberalXml {
  xml::Document doc;
  std::optional<std::string> repair_problem;  // repair_xml's
  std::optional<std::string> parse_error;     // libxml2's first error, of the first parse
};
LiberalXml parse_liberal_xml(std::string_view utf8);

}  // namespace nz::feed
