#include "feed/rss/parser.h"

#include "feed/date.h"
#include "feed/media_rss.h"
#include "feed/text.h"
#include "feed/url.h"

namespace nz::feed::rss {
namespace {

// RSS elements: no namespace (0.9x, 2.0), or the RSS 1.0 / 0.90 namespace.
bool is_rss(const xml::Node* n, std::string_view local) {
  if (xml::name(n) != local) return false;
  std::string_view ns = xml::ns(n);
  return ns.empty() || ns == xml::kRss10 || ns == xml::kRss090;
}

xml::Node* rss_child(const xml::Node* n, std::string_view local) {
  for (xml::Node* k : xml::children(n)) {
    if (is_rss(k, local)) return k;
  }
  return nullptr;
}

std::optional<std::string> plain(const xml::Node* n) {
  if (!n) return std::nullopt;
  return non_empty(html_to_text(xml::text(n)));
}

// HTML carried as text/CDATA, or (broken feeds) as unescaped child elements.
std::optional<std::string> html_of(const xml::Node* n) {
  if (!n) return std::nullopt;
  return non_empty(xml::children(n).empty() ? xml::text(n) : xml::inner_xml(n));
}

std::optional<core::Timestamp> date_of(const xml::Node* n) {
  if (!n) return std::nullopt;
  return parse_date(xml::text(n));
}

std::optional<std::string> url_of(const xml::Node* n, const std::string& doc_base) {
  if (!n) return std::nullopt;
  auto t = non_empty(xml::text(n));
  if (!t) return std::nullopt;
  return resolve_url(xml::base_of(n, doc_base), *t);
}

// RSS 2.0 <author> is an e-mail address, usually "joe@example.org (Joe Bloggs)".
std::optional<std::string> author_name(const std::string& raw) {
  std::string t = html_to_text(raw);
  size_t open = t.find('(');
  size_t close = t.rfind(')');
  if (open != std::string::npos && close != std::string::npos && close > open) {
    if (auto name = non_empty(t.substr(open + 1, close - open - 1))) return name;
  }
  return non_empty(t);
}

bool is_web_url(std::string_view s) {
  return s.starts_with("http://") || s.starts_with("https://");
}

FeedEntry parse_item(const xml::Node* item, const std::string& doc_base) {
  FeedEntry e;
  std::string base = xml::base_of(item, doc_base);
  e.title = plain(rss_child(item, "title"));
  e.link = url_of(rss_child(item, "link"), doc_base);
  if (xml::Node* g = rss_child(item, "guid")) {
    e.id = non_empty(xml::text(g));
    // <guid isPermaLink="false"> may be any string: an id, never a link. Otherwise (the
    // default is true) it is the item's URL. (RSS 2.0, "guid")
    auto perma = xml::attr(g, "isPermaLink");
    bool permalink = !perma || trim(*perma) != "false";
    if (!e.link && e.id && permalink && (is_web_url(*e.id) || perma)) {
      e.link = resolve_url(base, *e.id);
    }
  }
  if (!e.id) {
    if (auto about = xml::attr(item, "about", xml::kRdf)) e.id = non_empty(*about);
  }
  if (!e.id) e.id = e.link;

  e.published = date_of(rss_child(item, "pubDate"));
  if (!e.published) e.published = date_of(xml::child(item, xml::kDc, "date"));
  if (!e.published) e.published = date_of(xml::child(item, xml::kDcTerms, "issued"));
  if (!e.published) e.published = date_of(xml::child(item, xml::kDcTerms, "created"));
  e.updated = date_of(xml::child(item, xml::kAtom10, "updated"));
  if (!e.updated) e.updated = date_of(xml::child(item, xml::kDcTerms, "modified"));

  if (xml::Node* c = xml::child(item, xml::kDc, "creator")) e.author = plain(c);
  if (!e.author) {
    if (xml::Node* a = rss_child(item, "author")) e.author = author_name(xml::text(a));
  }
  if (!e.author) e.author = plain(xml::child(item, xml::kItunes, "author"));

  if (xml::Node* d = rss_child(item, "description")) {
    if (auto html = html_of(d)) e.summary_html = undo_double_escape(*html);
  }
  if (xml::Node* c = xml::child(item, xml::kContent, "encoded")) {
    e.content_html = html_of(c);
    e.content_base = xml::base_of(c, doc_base);
  } else {
    e.content_base = base;
  }
  if (e.content_base && e.content_base->empty()) e.content_base.reset();

  for (xml::Node* k : xml::children(item)) {
    if (is_rss(k, "category") || xml::is(k, xml::kDc, "subject")) {
      add_category(e.categories, xml::text(k));
    } else if (is_rss(k, "enclosure")) {
      auto url = xml::attr(k, "url");
      if (!url || trim(*url).empty()) continue;
      Enclosure enc{.url = resolve_url(xml::base_of(k, doc_base), *url)};
      if (auto type = xml::attr(k, "type")) enc.type = non_empty(*type);
      enc.length = parse_length(xml::attr(k, "length"));
      add_enclosure(e.enclosures, std::move(enc));
    }
  }
  add_media_enclosures(item, base, e.enclosures);
  return e;
}

}  // namespace

std::optional<FeedFormat> detect(const xml::Node* root) {
  if (!root) return std::nullopt;
  std::string_view n = xml::name(root);
  if (n == "rss" && xml::ns(root).empty()) {
    std::string v(trim(xml::attr(root, "version").value_or("2.0")));
    if (v == "0.91") return FeedFormat::kRss091;
    if (v == "0.92") return FeedFormat::kRss092;
    if (v == "0.93") return FeedFormat::kRss093;
    if (v == "0.94") return FeedFormat::kRss094;
    if (v == "0.90" || v == "0.9") return FeedFormat::kRss090;
    return FeedFormat::kRss20;  // "2.0", "2.00", "2.0.1", missing
  }
  if (n == "RDF") {
    xml::Node* channel = rss_child(root, "channel");
    std::string_view ns = channel ? xml::ns(channel) : "";
    if (ns == xml::kRss090) return FeedFormat::kRss090;
    if (ns == xml::kRss10 || channel) return FeedFormat::kRss10;
  }
  return std::nullopt;
}

ParsedFeed parse(const xml::Node* root, FeedFormat format, const std::string& base_url) {
  ParsedFeed out;
  out.format = format;
  xml::Node* channel = rss_child(root, "channel");
  std::string doc_base = base_url;
  if (doc_base.empty() && channel) {
    for (xml::Node* k : xml::children(channel)) {
      if (xml::is(k, xml::kAtom10, "link") && xml::attr(k, "rel").value_or("") == "self") {
        auto href = xml::attr(k, "href").value_or("");
        if (has_scheme(trim(href))) doc_base = std::string(trim(href));
      }
    }
  }
  if (channel) {
    FeedMetadata& f = out.feed;
    f.title = plain(rss_child(channel, "title"));
    f.link = url_of(rss_child(channel, "link"), doc_base);
    f.description = plain(rss_child(channel, "description"));
    f.language = non_empty(xml::text(rss_child(channel, "language")));
    if (!f.language) f.language = non_empty(xml::text(xml::child(channel, xml::kDc, "language")));
    f.updated = date_of(rss_child(channel, "lastBuildDate"));
    if (!f.updated) f.updated = date_of(rss_child(channel, "pubDate"));
    if (!f.updated) f.updated = date_of(xml::child(channel, xml::kDc, "date"));
    if (!f.updated) f.updated = date_of(xml::child(channel, xml::kAtom10, "updated"));
    xml::Node* image = rss_child(channel, "image");
    if (!image || !rss_child(image, "url")) image = rss_child(root, "image");  // RSS 1.0
    if (image) f.image = url_of(rss_child(image, "url"), doc_base);
    if (!f.image) {
      if (xml::Node* it = xml::child(channel, xml::kItunes, "image")) {
        if (auto href = xml::attr(it, "href"); href && !trim(*href).empty()) {
          f.image = resolve_url(xml::base_of(it, doc_base), *href);
        }
      }
    }
  }
  // Items live in the channel (0.9x, 2.0) or beside it (0.90, 1.0).
  for (const xml::Node* parent : {static_cast<const xml::Node*>(channel), root}) {
    if (!parent) continue;
    for (xml::Node* k : xml::children(parent)) {
      if (is_rss(k, "item")) out.entries.push_back(parse_item(k, doc_base));
    }
  }
  return out;
}

}  // namespace nz::feed::rss
