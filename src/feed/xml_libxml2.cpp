// libxml2 for the documents the strict reader does not take (read_libxml2 in xml_tree.h):
// recovery mode, no network, entities never loaded from outside, the first error kept for
// bozo_reason. Its tree is copied into the Document's own nodes and freed.
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <mutex>

#include "feed/encoding.h"
#include "feed/text.h"
#include "feed/xml_tree.h"

namespace nz::feed::xml {
namespace {

std::string_view sv(const xmlChar* s) {
  return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

struct ErrorSink {
  std::optional<std::string> first;
};

// libxml2's message as one line of valid UTF-8: some messages quote the input, cut at a byte
// count, mid-character (found by fuzz_feed_parse: "CData section not finished\n <p>...").
std::string one_line(const char* message) {
  auto text = to_utf8(message ? message : "malformed XML", "utf-8");  // never fails for utf-8
  std::string out = collapse_whitespace(text ? *text : "malformed XML");
  return out.empty() ? "malformed XML" : out;
}

// Structured error callback: keeps the first error, prints nothing.
void on_error(void* user, xmlErrorPtr err) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(user);
  auto* sink = ctxt ? static_cast<ErrorSink*>(ctxt->_private) : nullptr;
  if (!sink || sink->first || !err || err->level < XML_ERR_ERROR) return;
  sink->first = "line " + std::to_string(err->line) + ": " + one_line(err->message);
}

// libxml2 owns what it returns from these; the arena keeps a copy.
std::string_view owned_copy(Arena& arena, xmlChar* s) {
  std::string_view out = arena.copy(sv(s));
  xmlFree(s);
  return out;
}

void start(const xmlNode* n, xmlDocPtr doc, Arena& arena, TreeBuilder& b,
           std::vector<Attr>& attrs, std::vector<NsDecl>& decls) {
  attrs.clear();
  decls.clear();
  for (const xmlNs* d = n->nsDef; d; d = d->next) {
    decls.push_back({arena.copy(sv(d->prefix)), arena.copy(sv(d->href))});
  }
  for (const xmlAttr* a = n->properties; a; a = a->next) {
    Attr attr{.local = arena.copy(sv(a->name))};
    if (a->ns) {
      attr.prefix = arena.copy(sv(a->ns->prefix));
      attr.ns = arena.copy(sv(a->ns->href));
    }
    attr.value = owned_copy(arena, xmlNodeListGetString(doc, a->children, 1));
    attrs.push_back(attr);
  }
  std::string_view prefix, uri;
  if (n->ns) {
    prefix = arena.copy(sv(n->ns->prefix));
    uri = arena.copy(sv(n->ns->href));
  }
  b.start_element(arena.copy(sv(n->name)), prefix, uri, arena.copy(attrs), arena.copy(decls));
}

// Copies the element `root` and everything under it, depth first without recursion.
void copy_tree(const xmlNode* root, xmlDocPtr doc, Arena& arena, TreeBuilder& b) {
  std::vector<Attr> attrs;
  std::vector<NsDecl> decls;
  const xmlNode* n = root;
  while (n) {
    bool descend = false;
    switch (n->type) {
      case XML_ELEMENT_NODE:
        start(n, doc, arena, b, attrs, decls);
        descend = n->children != nullptr;
        if (!descend) b.end_element();
        break;
      case XML_TEXT_NODE:
      case XML_CDATA_SECTION_NODE: b.text_copy(sv(n->content)); break;
      case XML_ENTITY_REF_NODE: {
        // An internal entity's replacement text (external ones are never loaded: empty).
        xmlChar* content = xmlNodeGetContent(n);
        b.text_copy(sv(content));
        xmlFree(content);
        break;
      }
      case XML_COMMENT_NODE: b.comment(arena.copy(sv(n->content))); break;
      case XML_PI_NODE: b.pi(arena.copy(sv(n->name)), arena.copy(sv(n->content))); break;
      default: break;
    }
    if (descend) {
      n = n->children;
      continue;
    }
    // Up until there is a next sibling, closing the elements left.
    while (n && n != root && !n->next) {
      n = n->parent;
      if (n) b.end_element();
    }
    n = (n && n != root) ? n->next : nullptr;
  }
}

}  // namespace

void read_libxml2(std::string_view text, Arena& arena, Node*& root,
                  std::optional<std::string>& error) {
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (!ctxt) return;
  ErrorSink sink;
  ctxt->_private = &sink;
  ctxt->sax->serror = on_error;
  // No XML_PARSE_NOENT: entities are never expanded from outside; no DTD loading; no network.
  // The text is UTF-8 already (encoding.h): the declaration's encoding is ignored, also when
  // libxml2 does not know it.
  int options = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                XML_PARSE_NOCDATA | XML_PARSE_HUGE | XML_PARSE_IGNORE_ENC;
  xmlDocPtr doc =
      xmlCtxtReadMemory(ctxt, text.data(), int(text.size()), nullptr, "UTF-8", options);
  bool well_formed = ctxt->wellFormed != 0;
  if (!well_formed && !sink.first) {
    xmlErrorPtr last = xmlCtxtGetLastError(ctxt);
    sink.first = one_line(last ? last->message : nullptr);
  }
  ctxt->_private = nullptr;
  xmlFreeParserCtxt(ctxt);
  if (!well_formed) error = sink.first;
  if (!doc) return;
  if (const xmlNode* r = xmlDocGetRootElement(doc)) {
    TreeBuilder b(arena);
    copy_tree(r, doc, arena, b);
    root = b.root();
  }
  xmlFreeDoc(doc);
}

}  // namespace nz::feed::xml
