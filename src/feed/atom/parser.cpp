#include "feed/atom/parser.h"

#include "feed/date.h"
#include "feed/media_rss.h"
#include "feed/text.h"
#include "feed/url.h"

namespace nz::feed::atom {
namespace {

enum class Kind { kText, kHtml, kXhtml, kXml, kNone };

struct Reader {
  std::string_view ns;  // the Atom namespace of this document ("" when it has none)
  bool v03 = false;
  std::string doc_base;

  xml::Node* child(const xml::Node* n, std::string_view local) const {
    return xml::child(n, ns, local);
  }

  // What a text construct or content holds. RFC 4287 §3.1 (type text|html|xhtml, or a MIME
  // type for content §4.1.3); Atom 0.3 §3.1 (MIME type plus mode xml|escaped|base64).
  Kind kind(const xml::Node* n) const {
    std::string type(trim(xml::attr(n, "type").value_or("")));
    for (char& c : type) c = (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
    if (xml::attr(n, "src")) return Kind::kNone;
    if (v03) {
      std::string mode(trim(xml::attr(n, "mode").value_or("xml")));
      if (mode == "base64") return Kind::kNone;
      if (mode == "escaped") return type == "text/plain" ? Kind::kText : Kind::kHtml;
      if (type == "text/html") return Kind::kHtml;
      if (type == "application/xhtml+xml") return Kind::kXhtml;
      if (type.empty() || type == "text/plain") {
        // mode="xml" text/plain may still carry markup children.
        return xml::children(n).empty() ? Kind::kText : Kind::kXml;
      }
      return Kind::kXml;
    }
    if (type.empty() || type == "text" || type == "text/plain") return Kind::kText;
    if (type == "html" || type == "text/html") return Kind::kHtml;
    if (type == "xhtml" || type == "application/xhtml+xml") return Kind::kXhtml;
    if (type.ends_with("+xml") || type.ends_with("/xml")) return Kind::kXml;
    if (type.starts_with("text/")) return Kind::kText;
    return Kind::kNone;  // other media types are base64 (RFC 4287 §4.1.3.3)
  }

  // The markup of xhtml content: the children of its <div> (RFC 4287 §3.1.1.3).
  std::string xhtml_markup(const xml::Node* n) const {
    xml::Node* div = xml::child(n, xml::kXhtml, "div");
    return std::string(trim(xml::inner_xml(div ? div : n)));
  }

  std::optional<std::string> as_html(const xml::Node* n) const {
    if (!n) return std::nullopt;
    switch (kind(n)) {
      case Kind::kText: {
        auto t = non_empty(xml::text(n));
        if (!t) return std::nullopt;
        return escape_html(*t);
      }
      case Kind::kHtml: return non_empty(xml::text(n));
      case Kind::kXhtml: return non_empty(xhtml_markup(n));
      case Kind::kXml: return non_empty(xml::inner_xml(n));
      case Kind::kNone: return std::nullopt;
    }
    return std::nullopt;
  }

  std::optional<std::string> as_text(const xml::Node* n) const {
    if (!n) return std::nullopt;
    switch (kind(n)) {
      case Kind::kText: return non_empty(collapse_whitespace(xml::text(n)));
      case Kind::kHtml: return non_empty(html_to_text(xml::text(n)));
      case Kind::kXhtml:
      case Kind::kXml: return non_empty(collapse_whitespace(xml::text(n)));
      case Kind::kNone: return std::nullopt;
    }
    return std::nullopt;
  }

  std::optional<core::Timestamp> date(const xml::Node* n, std::string_view local) const {
    xml::Node* d = child(n, local);
    return d ? parse_date(xml::text(d)) : std::nullopt;
  }

  std::optional<std::string> person(const xml::Node* n) const {
    for (xml::Node* k : xml::children(n)) {
      if (!xml::is(k, ns, "author")) continue;
      if (auto name = non_empty(collapse_whitespace(xml::text(child(k, "name"))))) return name;
      if (auto email = non_empty(xml::text(child(k, "email")))) return email;
    }
    return std::nullopt;
  }

  // The alternate link (rel missing = alternate, RFC 4287 §4.2.7.2), preferring text/html.
  std::optional<std::string> alternate(const xml::Node* n) const {
    std::optional<std::string> best;
    bool best_html = false;
    for (xml::Node* k : xml::children(n)) {
      if (!xml::is(k, ns, "link")) continue;
      std::string rel(trim(xml::attr(k, "rel").value_or("alternate")));
      if (rel != "alternate" && rel != "http://www.iana.org/assignments/relation/alternate") {
        continue;
      }
      auto href = xml::attr(k, "href");
      if (!href || trim(*href).empty()) continue;
      std::string type(trim(xml::attr(k, "type").value_or("")));
      bool html = type.empty() || type == "text/html" || type == "application/xhtml+xml";
      if (!best || (html && !best_html)) {
        best = resolve_url(xml::base_of(k, doc_base), *href);
        best_html = html;
      }
    }
    return best;
  }

  FeedEntry entry(const xml::Node* e, const xml::Node* feed) const {
    FeedEntry out;
    out.id = non_empty(xml::text(child(e, "id")));
    out.title = as_text(child(e, "title"));
    out.link = alternate(e);
    if (!out.id) out.id = out.link;
    out.published = date(e, v03 ? "issued" : "published");
    if (!out.published) out.published = date(e, "created");
    if (!out.published) {
      if (xml::Node* d = xml::child(e, xml::kDc, "date")) out.published = parse_date(xml::text(d));
    }
    out.updated = date(e, v03 ? "modified" : "updated");
    out.author = person(e);
    if (!out.author) {
      if (xml::Node* src = child(e, "source")) out.author = person(src);
    }
    if (!out.author) out.author = person(feed);
    if (!out.author) {
      if (xml::Node* c = xml::child(e, xml::kDc, "creator")) {
        out.author = non_empty(html_to_text(xml::text(c)));
      }
    }
    out.summary_html = as_html(child(e, "summary"));
    xml::Node* content = child(e, "content");
    out.content_html = as_html(content);
    out.content_base = xml::base_of(content ? content : e, doc_base);
    if (out.content_base->empty()) out.content_base.reset();
    for (xml::Node* k : xml::children(e)) {
      if (xml::is(k, ns, "category")) {
        auto term = xml::attr(k, "term");
        add_category(out.categories, term ? *term : xml::text(k));
      } else if (xml::is(k, xml::kDc, "subject")) {
        add_category(out.categories, xml::text(k));
      } else if (xml::is(k, ns, "link") && trim(xml::attr(k, "rel").value_or("")) == "enclosure") {
        auto href = xml::attr(k, "href");
        if (!href || trim(*href).empty()) continue;
        Enclosure enc{.url = resolve_url(xml::base_of(k, doc_base), *href)};
        if (auto type = xml::attr(k, "type")) enc.type = non_empty(*type);
        enc.length = parse_length(xml::attr(k, "length"));
        add_enclosure(out.enclosures, std::move(enc));
      }
    }
    add_media_enclosures(e, xml::base_of(e, doc_base), out.enclosures);
    return out;
  }
};

}  // namespace

std::optional<FeedFormat> detect(const xml::Node* root) {
  if (!root || xml::name(root) != "feed") return std::nullopt;
  std::string_view ns = xml::ns(root);
  if (ns == xml::kAtom10) return FeedFormat::kAtom10;
  if (ns == xml::kAtom03) return FeedFormat::kAtom03;
  if (ns.empty()) {
    return trim(xml::attr(root, "version").value_or("")) == "0.3" ? FeedFormat::kAtom03
                                                                   : FeedFormat::kAtom10;
  }
  return std::nullopt;
}

ParsedFeed parse(const xml::Node* root, FeedFormat format, const std::string& base_url) {
  ParsedFeed out;
  out.format = format;
  Reader r{.ns = xml::ns(root), .v03 = format == FeedFormat::kAtom03, .doc_base = base_url};
  if (r.doc_base.empty()) {
    for (xml::Node* k : xml::children(root)) {
      if (xml::is(k, r.ns, "link") && trim(xml::attr(k, "rel").value_or("")) == "self") {
        std::string href(trim(xml::attr(k, "href").value_or("")));
        if (has_scheme(href)) r.doc_base = href;
      }
    }
  }
  FeedMetadata& f = out.feed;
  f.title = r.as_text(r.child(root, "title"));
  f.link = r.alternate(root);
  f.description = r.as_text(r.child(root, r.v03 ? "tagline" : "subtitle"));
  if (!f.description) f.description = r.as_text(r.child(root, "subtitle"));
  static constexpr std::string_view kXmlNs = "http://www.w3.org/XML/1998/namespace";
  f.language = non_empty(xml::attr(root, "lang", kXmlNs).value_or(""));
  f.updated = r.date(root, r.v03 ? "modified" : "updated");
  if (!f.updated) f.updated = r.date(root, "updated");
  for (std::string_view which : {"logo", "icon"}) {
    if (f.image) break;
    if (xml::Node* n = r.child(root, which)) {
      if (auto u = non_empty(xml::text(n))) f.image = resolve_url(xml::base_of(n, r.doc_base), *u);
    }
  }
  for (xml::Node* k : xml::children(root)) {
    if (xml::is(k, r.ns, "entry")) out.entries.push_back(r.entry(k, root));
  }
  return out;
}

}  // namespace nz::feed::atom
