#include "feed/xml_dom.h"

#include "feed/url.h"
#include "feed/xml_tree.h"

namespace nz::feed::xml {

struct Document::Impl {
  std::string owned;        // the source when the Document owns it
  std::string_view source;  // what was parsed
  Arena arena;
  Node* root = nullptr;
  std::optional<std::string> error;
  bool libxml2 = false;
};

Document::Document() : impl_(std::make_unique<Impl>()) {}
Document::Document(Document&&) noexcept = default;
Document& Document::operator=(Document&&) noexcept = default;
Document::~Document() = default;

Document Document::parse(std::string utf8, Reader reader) {
  Document d;
  d.impl_->owned = std::move(utf8);
  d.read(d.impl_->owned, reader);
  return d;
}

Document Document::parse_borrowed(std::string_view utf8, Reader reader) {
  Document d;
  d.read(utf8, reader);
  return d;
}

void Document::read(std::string_view text, Reader reader) {
  Impl& in = *impl_;
  in.source = text;
  if (reader != Reader::kLibxml2 && read_strict(in.source, in.arena, in.root)) return;
  in.arena.clear();
  in.root = nullptr;
  if (reader == Reader::kStrict) return;
  in.libxml2 = true;
  read_libxml2(in.source, in.arena, in.root, in.error);
}

Node* Document::root() const { return impl_ ? impl_->root : nullptr; }

const std::optional<std::string>& Document::error() const {
  static const std::optional<std::string> kNone;
  return impl_ ? impl_->error : kNone;
}

std::string_view Document::source() const { return impl_ ? impl_->source : std::string_view(); }

bool Document::read_by_libxml2() const { return impl_ && impl_->libxml2; }

namespace {

// string_view equality without a call to memcmp for the usual miss (another length, another
// first character): the element lookups below run for every field of every entry.
inline bool same(std::string_view a, std::string_view b) {
  return a.size() == b.size() && (a.empty() || (a[0] == b[0] && a == b));
}

}  // namespace

std::string_view name(const Node* n) {
  return n && n->kind == Kind::kElement ? n->local : std::string_view();
}

std::string_view ns(const Node* n) {
  return n && n->kind == Kind::kElement ? n->ns : std::string_view();
}

bool is(const Node* n, std::string_view ns_uri, std::string_view local) {
  return n && n->kind == Kind::kElement && same(n->local, local) && same(n->ns, ns_uri);
}

Node* child(const Node* n, std::string_view ns_uri, std::string_view local) {
  for (Node* k : children(n)) {
    if (same(k->local, local) && same(k->ns, ns_uri)) return k;
  }
  return nullptr;
}

std::vector<Node*> element_children(const Node* parent) {
  std::vector<Node*> out;
  for (Node* k : children(parent)) out.push_back(k);
  return out;
}

std::optional<std::string> attr(const Node* n, std::string_view local, std::string_view ns_uri) {
  if (!n || n->kind != Kind::kElement) return std::nullopt;
  for (const Attr& a : n->attrs) {
    if (same(a.local, local) && same(a.ns, ns_uri)) return std::string(a.value);
  }
  return std::nullopt;
}

namespace {

void append_text(const Node* n, std::string& out) {
  for (const Node* k = n->first; k; k = k->next) {
    if (k->kind == Kind::kText) {
      out.append(k->value);
    } else if (k->kind == Kind::kElement) {
      append_text(k, out);
    }
  }
}

// libxml2's escaping in xmlNodeDump of a document read as UTF-8: text escapes < > & and CR;
// attribute values also " and the white space that attribute normalisation would change.
void escape_into(std::string& out, std::string_view s, bool attribute) {
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '\r': out += "&#13;"; break;
      case '"':
        if (attribute) {
          out += "&quot;";
        } else {
          out += c;
        }
        break;
      case '\n':
        if (attribute) {
          out += "&#10;";
        } else {
          out += c;
        }
        break;
      case '\t':
        if (attribute) {
          out += "&#9;";
        } else {
          out += c;
        }
        break;
      default: out += c;
    }
  }
}

void append_qname(std::string& out, std::string_view prefix, std::string_view local) {
  if (!prefix.empty()) {
    out.append(prefix);
    out += ':';
  }
  out.append(local);
}

void dump(const Node* n, std::string& out) {
  switch (n->kind) {
    case Kind::kText: escape_into(out, n->value, false); return;
    case Kind::kComment:
      out += "<!--";
      out.append(n->value);
      out += "-->";
      return;
    case Kind::kPi:
      out += "<?";
      out.append(n->local);
      if (!n->value.empty()) {
        out += ' ';
        out.append(n->value);
      }
      out += "?>";
      return;
    case Kind::kElement: break;
  }
  out += '<';
  append_qname(out, n->prefix, n->local);
  for (const NsDecl& d : n->ns_decls) {
    out += " xmlns";
    if (!d.prefix.empty()) {
      out += ':';
      out.append(d.prefix);
    }
    out += "=\"";
    escape_into(out, d.uri, true);
    out += '"';
  }
  for (const Attr& a : n->attrs) {
    out += ' ';
    append_qname(out, a.prefix, a.local);
    out += "=\"";
    escape_into(out, a.value, true);
    out += '"';
  }
  if (!n->first) {
    out += "/>";
    return;
  }
  out += '>';
  for (const Node* k = n->first; k; k = k->next) dump(k, out);
  out += "</";
  append_qname(out, n->prefix, n->local);
  out += '>';
}

}  // namespace

std::string text(const Node* n) {
  if (!n) return {};
  if (n->kind != Kind::kElement) return std::string(n->value);
  if (n->first && n->first == n->last && n->first->kind == Kind::kText) {
    return std::string(n->first->value);
  }
  std::string out;
  append_text(n, out);
  return out;
}

std::string inner_xml(const Node* n) {
  std::string out;
  if (!n) return out;
  for (const Node* k = n->first; k; k = k->next) dump(k, out);
  return out;
}

std::string base_of(const Node* n, const std::string& doc_base) {
  std::vector<std::string_view> chain;
  for (const Node* k = n; k && k->kind == Kind::kElement; k = k->parent) {
    for (const Attr& a : k->attrs) {
      if (a.local == "base" && a.ns == kXml) chain.push_back(a.value);
    }
  }
  std::string base = doc_base;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) base = resolve_url(base, *it);
  return base;
}

}  // namespace nz::feed::xml
