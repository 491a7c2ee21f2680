// A parsed XML document (libxml2, recovery mode, no network, no external entities) and the
// few node helpers the RSS and Atom parsers share. Only feed/*.cpp include this; it exposes
// libxml2's node type through a forward declaration.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct _xmlDoc;
struct _xmlNode;

namespace nz::feed::xml {

using Node = _xmlNode;

class Document {
 public:
  // Parses `utf8` (already UTF-8, declaration's encoding ignored) with XML_PARSE_RECOVER |
  // XML_PARSE_NONET, entities NOT substituted from outside the document. `root()` is null
  // when nothing could be recovered.
  static Document parse(std::string_view utf8);

  Node* root() const;
  // The first error libxml2 reported ("line 12: Opening and ending tag mismatch ..."), or
  // none when the document was well-formed.
  const std::optional<std::string>& error() const { return error_; }

 private:
  struct Free {
    void operator()(_xmlDoc* d) const;
  };
  std::unique_ptr<_xmlDoc, Free> doc_;
  std::optional<std::string> error_;
};

// Local name of an element ("item" for <rss:item>).
std::string_view name(const Node* n);
// Namespace URI of an element, empty when none.
std::string_view ns(const Node* n);
bool is(const Node* n, std::string_view ns_uri, std::string_view local);
// Element children, in order.
std::vector<Node*> children(const Node* n);
// First element child with this namespace and local name, or null.
Node* child(const Node* n, std::string_view ns_uri, std::string_view local);
// Attribute by local name with no namespace (ns_uri empty) or in ns_uri.
std::optional<std::string> attr(const Node* n, std::string_view local,
                                std::string_view ns_uri = {});
// Concatenated text and CDATA of the element and its descendants.
std::string text(const Node* n);
// The element's children serialized as XML (for Atom xhtml content).
std::string inner_xml(const Node* n);
// The chain of xml:base attributes from the root down to `n`, resolved against `doc_base`.
std::string base_of(const Node* n, const std::string& doc_base);

inline constexpr std::string_view kAtom10 = "http://www.w3.org/2005/Atom";
inline constexpr std::string_view kAtom03 = "http://purl.org/atom/ns#";
inline constexpr std::string_view kRss10 = "http://purl.org/rss/1.0/";
inline constexpr std::string_view kRss090 = "http://my.netscape.com/rdf/simple/0.9/";
inline constexpr std::string_view kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
inline constexpr std::string_view kDc = "http://purl.org/dc/elements/1.1/";
inline constexpr std::string_view kDcTerms = "http://purl.org/dc/terms/";
inline constexpr std::string_view kContent = "http://purl.org/rss/1.0/modules/content/";
inline constexpr std::string_view kMedia = "http://search.yahoo.com/mrss/";
inline constexpr std::string_view kXhtml = "http://www.w3.org/1999/xhtml";
inline constexpr std::string_view kItunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";

}  // namespace nz::feed::xml
