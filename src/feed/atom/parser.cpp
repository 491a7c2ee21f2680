#include "feed/atom/parser.h"

#include <array>
#include <vector>

#include "feed/date.h"
#include "feed/feed_extensions.h"
#include "feed/media_rss.h"
#include "feed/text.h"
#include "feed/url.h"

namespace nz::feed::atom {
namespace {

enum class Kind { kText, kHtml, kXhtml, kXml, kNone };


// What an entry inherits from its feed: author (RFC 4287 §4.2.1), rights (§4.2.10), license
// (RFC 4946 §2.3). Read once, not once per entry.
struct FeedDefaults {
  std::optional<std::string> author;
  std::optional<std::string> rights;
  std::optional<std::string> license;
};

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

  // The first author's name (else e-mail) among `nodes` (the children of an entry, a source or
  // the feed).
  template <class Range>
  std::optional<std::string> person(const Range& nodes) const {
    for (xml::Node* k : nodes) {
      if (!xml::is(k, ns, "author")) continue;
      if (auto name = non_empty(collapse_whitespace(xml::text(child(k, "name"))))) return name;
      if (auto email = non_empty(xml::text(child(k, "email")))) return email;
    }
    return std::nullopt;
  }

  // The alternate link among `nodes` (rel missing = alternate, RFC 4287 §4.2.7.2), preferring
  // text/html.
  template <class Range>
  std::optional<std::string> alternate(const Range& nodes) const {
    std::optional<std::string> best;
    bool best_html = false;
    for (xml::Node* k : nodes) {
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

  // The elements of an entry that are read by name, found in one pass (first_children).
  enum Field : size_t {
    kId, kTitle, kPublished, kCreated, kDcDate, kUpdated, kSource, kDcCreator, kSummary,
    kContent, kRights, kDcRights, kDcLanguage, kFields
  };
  std::array<xml::Name, kFields> entry_names() const {
    return {{{ns, "id"}, {ns, "title"}, {ns, v03 ? "issued" : "published"}, {ns, "created"},
             {xml::kDc, "date"}, {ns, v03 ? "modified" : "updated"}, {ns, "source"},
             {xml::kDc, "creator"}, {ns, "summary"}, {ns, "content"},
             {ns, v03 ? "copyright" : "rights"}, {xml::kDc, "rights"}, {xml::kDc, "language"}}};
  }

  FeedEntry entry(const xml::Node* e, const std::array<xml::Name, kFields>& names,
                  const FeedDefaults& defaults) const {
    FeedEntry out;
    auto f = xml::first_children(e, names);
    out.id = non_empty(xml::text(f[kId]));
    out.title = as_text(f[kTitle]);
    out.link = alternate(xml::children(e));
    if (!out.id) out.id = out.link;
    for (Field d : {kPublished, kCreated, kDcDate}) {
      if (!out.published && f[d]) out.published = parse_date(xml::text(f[d]));
    }
    if (f[kUpdated]) out.updated = parse_date(xml::text(f[kUpdated]));
    out.author = person(xml::children(e));
    if (!out.author && f[kSource]) out.author = person(xml::children(f[kSource]));
    if (!out.author) out.author = defaults.author;
    if (!out.author && f[kDcCreator]) out.author = non_empty(html_to_text(xml::text(f[kDcCreator])));
    out.summary_html = as_html(f[kSummary]);
    out.content_html = as_html(f[kContent]);
    out.content_base = xml::base_of(f[kContent] ? f[kContent] : e, doc_base);
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
    // Partner metadata (extensions to the contract).
    out.rights = as_text(f[kRights]);
    if (!out.rights && f[kSource]) out.rights = as_text(child(f[kSource], "rights"));
    if (!out.rights) out.rights = non_empty(html_to_text(xml::text(f[kDcRights])));
    if (!out.rights) out.rights = defaults.rights;
    bool inherit = true;
    out.rights_link = license_link(xml::element_children(e), ns, doc_base, inherit);
    if (inherit) out.rights_link = defaults.license;
    // xml:lang on the entry, else dc:language; the feed's language is filled in by feed::parse.
    out.language = non_empty(xml::attr(e, "lang", xml::kXml).value_or(""));
    if (!out.language) out.language = non_empty(xml::text(f[kDcLanguage]));
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
  // One pass over the feed: the entries apart from the rest, as there may be thousands.
  std::vector<xml::Node*> meta, entries;
  for (xml::Node* k : xml::children(root)) {
    (xml::is(k, r.ns, "entry") ? entries : meta).push_back(k);
  }
  if (r.doc_base.empty()) r.doc_base = absolute_self(meta, r.ns).value_or("");
  enum : size_t { kTitle, kTagline, kSubtitle, kUpdated03, kUpdated, kLogo, kIcon, kRights,
                  kDcRights, kFields };
  auto c = xml::first_named(meta, std::array<xml::Name, kFields>{{
      {r.ns, "title"}, {r.ns, r.v03 ? "tagline" : "subtitle"}, {r.ns, "subtitle"},
      {r.ns, r.v03 ? "modified" : "updated"}, {r.ns, "updated"}, {r.ns, "logo"}, {r.ns, "icon"},
      {r.ns, r.v03 ? "copyright" : "rights"}, {xml::kDc, "rights"}}});
  FeedMetadata& f = out.feed;
  f.title = r.as_text(c[kTitle]);
  f.link = r.alternate(meta);
  f.description = r.as_text(c[kTagline]);
  if (!f.description) f.description = r.as_text(c[kSubtitle]);
  f.language = non_empty(xml::attr(root, "lang", xml::kXml).value_or(""));
  for (size_t d : {kUpdated03, kUpdated}) {
    if (!f.updated && c[d]) f.updated = parse_date(xml::text(c[d]));
  }
  for (size_t which : {kLogo, kIcon}) {
    if (f.image || !c[which]) continue;
    if (auto u = non_empty(xml::text(c[which]))) {
      f.image = resolve_url(xml::base_of(c[which], r.doc_base), *u);
    }
  }
  read_websub_links(meta, r.ns, r.doc_base, f);
  FeedDefaults defaults;
  defaults.rights = r.as_text(c[kRights]);
  if (!defaults.rights) defaults.rights = non_empty(html_to_text(xml::text(c[kDcRights])));
  bool unused = true;
  defaults.license = license_link(meta, r.ns, r.doc_base, unused);
  defaults.author = r.person(meta);
  auto names = r.entry_names();
  out.entries.reserve(entries.size());
  for (xml::Node* k : entries) out.entries.push_back(r.entry(k, names, defaults));
  add_tombstones(meta, out.deleted_entries);
  return out;
}

}  // namespace nz::feed::atom
