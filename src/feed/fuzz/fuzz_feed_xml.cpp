// libFuzzer target, differential: every document the strict XML reader (xml_reader.cpp)
// accepts, libxml2 must read as well-formed and into the same tree: the same nodes, names,
// namespaces, attributes, namespace declarations and text. A document the strict reader refuses
// goes through balance_tags and the liberal parse instead, for crashes only.
//   build-fuzz-feed/src/feed/fuzz_feed_xml -max_total_time=600 -rss_limit_mb=2048 \
//       -dict=src/feed/fuzz/xml.dict corpus/ tests/testdata/fuzz/feed-xml
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "feed/fuzz/fuzz_check.h"
#include "feed/xml_dom.h"
#include "feed/xml_repair.h"

namespace {

using nz::feed::xml::Document;
using nz::feed::xml::Node;

[[noreturn]] void fail(const std::string& what, const std::string& input) {
  std::fprintf(stderr, "strict reader and libxml2 disagree: %s\ninput: %s\n", what.c_str(),
               input.c_str());
  std::abort();
}

std::string describe(const Node* n) {
  if (!n) return "(none)";
  return "kind " + std::to_string(int(n->kind)) + " <" + std::string(n->prefix) + ":" +
         std::string(n->local) + "> {" + std::string(n->ns) + "} \"" + std::string(n->value) +
         "\"";
}

void compare(const Node* a, const Node* b, const std::string& input) {
  // Walks both trees together, depth first.
  while (a || b) {
    if (!a || !b || a->kind != b->kind || a->local != b->local || a->prefix != b->prefix ||
        a->ns != b->ns || a->value != b->value) {
      fail("node " + describe(a) + " vs " + describe(b), input);
    }
    if (a->attrs.size() != b->attrs.size()) fail("attribute count at " + describe(a), input);
    for (size_t i = 0; i < a->attrs.size(); ++i) {
      const auto& x = a->attrs[i];
      const auto& y = b->attrs[i];
      if (x.local != y.local || x.prefix != y.prefix || x.ns != y.ns || x.value != y.value) {
        fail("attribute " + std::string(x.local) + "=\"" + std::string(x.value) + "\" vs " +
                 std::string(y.local) + "=\"" + std::string(y.value) + "\"",
             input);
      }
    }
    if (a->ns_decls.size() != b->ns_decls.size()) fail("declarations at " + describe(a), input);
    for (size_t i = 0; i < a->ns_decls.size(); ++i) {
      if (a->ns_decls[i].prefix != b->ns_decls[i].prefix ||
          a->ns_decls[i].uri != b->ns_decls[i].uri) {
        fail("namespace declaration at " + describe(a), input);
      }
    }
    if (a->first || b->first) {
      compare(a->first, b->first, input);
    }
    a = a->next;
    b = b->next;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text = nz::feed::fuzz::as_utf8(data, size);
  Document strict = Document::parse_borrowed(text, Document::Reader::kStrict);
  if (!strict.root()) {
    (void)nz::feed::balance_tags(text);
    nz::feed::LiberalXml liberal = nz::feed::parse_liberal_xml(text);
    (void)nz::feed::xml::inner_xml(liberal.doc.root());
    return 0;
  }
  Document lib = Document::parse_borrowed(text, Document::Reader::kLibxml2);
  if (lib.error()) fail("libxml2 finds it malformed: " + *lib.error(), text);
  if (!lib.root()) fail("libxml2 read no root", text);
  compare(strict.root(), lib.root(), text);
  if (nz::feed::xml::inner_xml(strict.root()) != nz::feed::xml::inner_xml(lib.root())) {
    fail("serialized differently", text);
  }
  return 0;
}
