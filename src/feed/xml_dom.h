// A parsed XML document and the few node helpers the RSS and Atom parsers share. Only
// feed/*.cpp include this.
//
// Two readers make the same tree: xml_reader.cpp, a strict reader for well-formed documents
// without a DOCTYPE (nearly every real feed; it is several times faster than libxml2 and
// gives up, returning nothing, at the first thing it does not accept), and libxml2 in
// recovery mode (no network, no external entities) for everything else, whose tree is copied
// into the same form (xml_libxml2.cpp). The tree is what libxml2 would make with
// XML_PARSE_NOCDATA: CDATA and character references merged into the text around them, line
// ends normalised, attribute values normalised (XML 1.0 §2.11, §3.3.3), namespaces resolved.
// fuzz_feed_xml checks that both readers agree on every document the strict one accepts.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace nz::feed::xml {

// An attribute; `value` decoded. Views into the Document that owns it.
struct Attr {
  std::string_view local, prefix, ns, value;
};

// A namespace declaration written on an element (xmlns="..." has an empty prefix).
struct NsDecl {
  std::string_view prefix, uri;
};

enum class Kind : std::uint8_t { kElement, kText, kComment, kPi };

// A node of the tree. Every view points into the Document that owns the node and lives as
// long as it.
struct Node {
  Kind kind = Kind::kElement;
  std::string_view local;   // element local name; processing instruction target
  std::string_view prefix;  // element prefix, empty when none
  std::string_view ns;      // element namespace URI, empty when none
  std::string_view value;   // text, comment or processing instruction content
  std::span<const Attr> attrs;        // in document order, namespace declarations excluded
  std::span<const NsDecl> ns_decls;   // in document order
  Node* parent = nullptr;
  Node* first = nullptr;  // first child
  Node* last = nullptr;   // last child
  Node* next = nullptr;   // next sibling
};

class Document {
 public:
  enum class Reader {
    kAuto,     // the strict reader, else libxml2
    kStrict,   // the strict reader only: root() is null when it does not take the document
    kLibxml2,  // libxml2 only (for fuzz_feed_xml, which compares the two)
  };

  // Parses `utf8` (already UTF-8; an encoding in the declaration is ignored). `root()` is null
  // when nothing could be recovered. Thread-safe (libxml2 is initialised on first use).
  static Document parse(std::string utf8, Reader reader = Reader::kAuto);
  // The same without a copy: the tree points into `utf8`, which must outlive the Document.
  static Document parse_borrowed(std::string_view utf8, Reader reader = Reader::kAuto);

  Document();
  Document(Document&&) noexcept;
  Document& operator=(Document&&) noexcept;
  ~Document();

  Node* root() const;
  // The first error libxml2 reported ("line 12: Opening and ending tag mismatch ..."), or
  // none when the document was well-formed.
  const std::optional<std::string>& error() const;
  // The text that was parsed.
  std::string_view source() const;
  // True when libxml2 read the document (the strict reader did not take it).
  bool read_by_libxml2() const;

 private:
  void read(std::string_view text, Reader reader);

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Element children of a node, in order, without allocating: for (Node* k : children(n)).
class Elements {
 public:
  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = Node*;
    using difference_type = std::ptrdiff_t;
    using pointer = Node* const*;
    using reference = Node*;
    iterator() = default;
    explicit iterator(Node* n) : n_(skip(n)) {}
    Node* operator*() const { return n_; }
    iterator& operator++() {
      n_ = skip(n_->next);
      return *this;
    }
    iterator operator++(int) {
      iterator old = *this;
      ++*this;
      return old;
    }
    bool operator==(const iterator& o) const { return n_ == o.n_; }

   private:
    static Node* skip(Node* n) {
      while (n && n->kind != Kind::kElement) n = n->next;
      return n;
    }
    Node* n_ = nullptr;
  };
  explicit Elements(const Node* parent) : first_(parent ? parent->first : nullptr) {}
  iterator begin() const { return iterator(first_); }
  iterator end() const { return iterator(); }
  bool empty() const { return begin() == end(); }

 private:
  Node* first_;
};

// Local name of an element ("item" for <rss:item>).
std::string_view name(const Node* n);
// Namespace URI of an element, empty when none.
std::string_view ns(const Node* n);
bool is(const Node* n, std::string_view ns_uri, std::string_view local);
// Element children, in order.
inline Elements children(const Node* n) { return Elements(n); }
// First element child with this namespace and local name, or null.
Node* child(const Node* n, std::string_view ns_uri, std::string_view local);
// An element name to look for: namespace URI and local name.
struct Name {
  std::string_view ns, local;
};

// For each of `names`, the first of `nodes` (any range of Node*) with that name (null when
// none), found in one pass: what child() would give for each, without a pass per name, for
// the parsers that read a dozen fields from each of thousands of entries. A node's namespace
// goes through `ns_of` first when given (RSS reads its 0.90 and 1.0 namespaces as none).
template <size_t N, class Range>
std::array<Node*, N> first_named(const Range& nodes, const std::array<Name, N>& names,
                                 std::string_view (*ns_of)(std::string_view) = nullptr) {
  std::array<Node*, N> out{};
  size_t missing = N;
  for (Node* k : nodes) {
    if (missing == 0) break;
    if (k->kind != Kind::kElement) continue;
    std::string_view k_ns = ns_of ? ns_of(k->ns) : k->ns;
    for (size_t i = 0; i < N; ++i) {
      const Name& want = names[i];
      // Length and first character first: most candidates differ there, without a memcmp.
      if (out[i] || k->local.size() != want.local.size() || (!want.local.empty() && k->local[0] != want.local[0]) ||
          k_ns.size() != want.ns.size() || k->local != want.local || k_ns != want.ns) {
        continue;
      }
      out[i] = k;
      --missing;
      break;
    }
  }
  return out;
}

// first_named over the element children of `parent`.
template <size_t N>
std::array<Node*, N> first_children(const Node* parent, const std::array<Name, N>& names,
                                    std::string_view (*ns_of)(std::string_view) = nullptr) {
  return first_named(children(parent), names, ns_of);
}

// The element children of `parent` as a list.
std::vector<Node*> element_children(const Node* parent);

// Attribute by local name with no namespace (ns_uri empty) or in ns_uri.
std::optional<std::string> attr(const Node* n, std::string_view local,
                                std::string_view ns_uri = {});
// Concatenated text of the node and its descendants (comments and processing instructions
// left out).
std::string text(const Node* n);
// The element's children serialized as XML, as libxml2's xmlNodeDump writes them (for Atom
// xhtml content).
std::string inner_xml(const Node* n);
// The chain of xml:base attributes from the root down to `n`, resolved against `doc_base`.
std::string base_of(const Node* n, const std::string& doc_base);

inline constexpr std::string_view kXml = "http://www.w3.org/XML/1998/namespace";
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
