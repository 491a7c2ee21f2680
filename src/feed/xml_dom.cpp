#include "feed/xml_dom.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "feed/url.h"

namespace nz::feed::xml {
namespace {

const char* c(const xmlChar* s) { return reinterpret_cast<const char*>(s); }

struct ErrorSink {
  std::optional<std::string> first;
};

// Structured error callback: keeps the first error, prints nothing.
void on_error(void* user, xmlErrorPtr err) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(user);
  auto* sink = ctxt ? static_cast<ErrorSink*>(ctxt->_private) : nullptr;
  if (!sink || sink->first || !err || err->level < XML_ERR_ERROR) return;
  std::string msg = err->message ? err->message : "malformed XML";
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  sink->first = "line " + std::to_string(err->line) + ": " + msg;
}

}  // namespace

void Document::Free::operator()(_xmlDoc* d) const { xmlFreeDoc(d); }

Document Document::parse(std::string_view utf8) {
  Document result;
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (!ctxt) return result;
  ErrorSink sink;
  ctxt->_private = &sink;
  ctxt->sax->serror = on_error;
  // No XML_PARSE_NOENT: entities are never expanded from outside; no DTD loading; no network.
  int options = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                XML_PARSE_NOCDATA | XML_PARSE_HUGE;
  xmlDocPtr doc = xmlCtxtReadMemory(ctxt, utf8.data(), int(utf8.size()), nullptr, "UTF-8",
                                    options);
  bool well_formed = ctxt->wellFormed != 0;
  if (!well_formed && !sink.first) {
    xmlErrorPtr last = xmlCtxtGetLastError(ctxt);
    sink.first = last && last->message ? std::string(last->message) : "malformed XML";
    while (!sink.first->empty() && sink.first->back() == '\n') sink.first->pop_back();
  }
  ctxt->_private = nullptr;
  xmlFreeParserCtxt(ctxt);
  result.doc_.reset(doc);
  if (!well_formed) result.error_ = sink.first;
  return result;
}

Node* Document::root() const { return doc_ ? xmlDocGetRootElement(doc_.get()) : nullptr; }

std::string_view name(const Node* n) { return n && n->name ? c(n->name) : ""; }

std::string_view ns(const Node* n) { return n && n->ns && n->ns->href ? c(n->ns->href) : ""; }

bool is(const Node* n, std::string_view ns_uri, std::string_view local) {
  return n && n->type == XML_ELEMENT_NODE && name(n) == local && ns(n) == ns_uri;
}

std::vector<Node*> children(const Node* n) {
  std::vector<Node*> out;
  if (!n) return out;
  for (Node* k = n->children; k; k = k->next) {
    if (k->type == XML_ELEMENT_NODE) out.push_back(k);
  }
  return out;
}

Node* child(const Node* n, std::string_view ns_uri, std::string_view local) {
  if (!n) return nullptr;
  for (Node* k = n->children; k; k = k->next) {
    if (is(k, ns_uri, local)) return k;
  }
  return nullptr;
}

std::optional<std::string> attr(const Node* n, std::string_view local, std::string_view ns_uri) {
  if (!n || n->type != XML_ELEMENT_NODE) return std::nullopt;
  for (xmlAttrPtr a = n->properties; a; a = a->next) {
    std::string_view a_ns = a->ns && a->ns->href ? c(a->ns->href) : "";
    if (c(a->name) != local || a_ns != ns_uri) continue;
    xmlChar* v = xmlNodeListGetString(n->doc, a->children, 1);
    std::string out = v ? c(v) : "";
    xmlFree(v);
    return out;
  }
  return std::nullopt;
}

std::string text(const Node* n) {
  if (!n) return {};
  xmlChar* v = xmlNodeGetContent(n);
  std::string out = v ? c(v) : "";
  xmlFree(v);
  return out;
}

std::string inner_xml(const Node* n) {
  std::string out;
  if (!n) return out;
  xmlBufferPtr buf = xmlBufferCreate();
  for (Node* k = n->children; k; k = k->next) {
    xmlBufferEmpty(buf);
    xmlNodeDump(buf, n->doc, k, 0, 0);
    out.append(c(xmlBufferContent(buf)), xmlBufferLength(buf));
  }
  xmlBufferFree(buf);
  return out;
}

std::string base_of(const Node* n, const std::string& doc_base) {
  static constexpr std::string_view kXmlNs = "http://www.w3.org/XML/1998/namespace";
  std::vector<std::string> chain;
  for (const Node* k = n; k && k->type == XML_ELEMENT_NODE; k = k->parent) {
    if (auto b = attr(k, "base", kXmlNs)) chain.push_back(*b);
  }
  std::string base = doc_base;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) base = resolve_url(base, *it);
  return base;
}

}  // namespace nz::feed::xml
