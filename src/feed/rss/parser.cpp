#include "feed/rss/parser.h"

#include <array>
#include <vector>

#include "feed/date.h"
#include "feed/feed_extensions.h"
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

// The Creative Commons RSS module (<creativeCommons:license>), as Blogger and others write it.
constexpr std::string_view kCreativeCommons = "http://backend.userland.com/creativeCommonsRssModule";

// What an item inherits from its channel: the channel's copyright applies to every item.
struct ChannelDefaults {
  std::optional<std::string> rights;
  std::optional<std::string> license;
};

bool is_web_url(std::string_view s) {
  return s.starts_with("http://") || s.starts_with("https://");
}

// RSS 0.90 and 1.0 elements are in their namespace, RSS 0.9x and 2.0 ones in none: all alike.
std::string_view rss_ns(std::string_view ns) {
  return ns == xml::kRss10 || ns == xml::kRss090 ? std::string_view() : ns;
}

// The elements of an item that are read by name, found in one pass (first_children).
enum ItemField : size_t {
  kTitle, kLink, kGuid, kPubDate, kDcDate, kIssued, kCreated, kAtomUpdated, kModified,
  kDcCreator, kAuthor, kItunesAuthor, kDescription, kEncoded, kDcLanguage, kDcRights,
  kDctRights, kCcLicense, kItemFields
};
constexpr std::array<xml::Name, kItemFields> kItemNames = {{
    {"", "title"}, {"", "link"}, {"", "guid"}, {"", "pubDate"}, {xml::kDc, "date"},
    {xml::kDcTerms, "issued"}, {xml::kDcTerms, "created"}, {xml::kAtom10, "updated"},
    {xml::kDcTerms, "modified"}, {xml::kDc, "creator"}, {"", "author"},
    {xml::kItunes, "author"}, {"", "description"}, {xml::kContent, "encoded"},
    {xml::kDc, "language"}, {xml::kDc, "rights"}, {xml::kDcTerms, "rights"},
    {kCreativeCommons, "license"},
}};

FeedEntry parse_item(const xml::Node* item, const std::string& doc_base,
                     const ChannelDefaults& defaults) {
  FeedEntry e;
  auto f = xml::first_children(item, kItemNames, rss_ns);
  std::string base = xml::base_of(item, doc_base);
  e.title = plain(f[kTitle]);
  e.link = url_of(f[kLink], doc_base);
  if (xml::Node* g = f[kGuid]) {
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

  for (ItemField d : {kPubDate, kDcDate, kIssued, kCreated}) {
    if (!e.published) e.published = date_of(f[d]);
  }
  e.updated = date_of(f[kAtomUpdated]);
  if (!e.updated) e.updated = date_of(f[kModified]);

  if (f[kDcCreator]) e.author = plain(f[kDcCreator]);
  if (!e.author && f[kAuthor]) e.author = author_name(xml::text(f[kAuthor]));
  if (!e.author) e.author = plain(f[kItunesAuthor]);

  if (xml::Node* d = f[kDescription]) {
    if (auto html = html_of(d)) e.summary_html = undo_double_escape(*html);
  }
  if (xml::Node* c = f[kEncoded]) {
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
  // Partner metadata (extensions to the contract); the channel's language is filled in by
  // feed::parse.
  e.language = non_empty(xml::text(f[kDcLanguage]));
  e.rights = plain(f[kDcRights]);
  if (!e.rights) e.rights = plain(f[kDctRights]);
  if (!e.rights) e.rights = defaults.rights;
  bool inherit = true;
  e.rights_link = license_link(xml::element_children(item), xml::kAtom10, doc_base, inherit);
  if (!e.rights_link && inherit) e.rights_link = url_of(f[kCcLicense], doc_base);
  if (!e.rights_link) e.rights_link = defaults.license;
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

// The elements of a channel that are read by name.
enum ChannelField : size_t {
  kChTitle, kChLink, kChDescription, kChLanguage, kChDcLanguage, kChLastBuildDate,
  kChPubDate, kChDcDate, kChAtomUpdated, kChImage, kChItunesImage, kChCopyright, kChDcRights,
  kChCcLicense, kChannelFields
};
constexpr std::array<xml::Name, kChannelFields> kChannelNames = {{
    {"", "title"}, {"", "link"}, {"", "description"}, {"", "language"}, {xml::kDc, "language"},
    {"", "lastBuildDate"}, {"", "pubDate"}, {xml::kDc, "date"}, {xml::kAtom10, "updated"},
    {"", "image"}, {xml::kItunes, "image"}, {"", "copyright"}, {xml::kDc, "rights"},
    {kCreativeCommons, "license"},
}};
constexpr std::array<xml::Name, 1> kImageName = {{{"", "image"}}};

ParsedFeed parse(const xml::Node* root, FeedFormat format, const std::string& base_url) {
  ParsedFeed out;
  out.format = format;
  xml::Node* channel = rss_child(root, "channel");
  // One pass over the channel and the root: the items apart from the rest, as there may be
  // thousands of them. Items live in the channel (0.9x, 2.0) or beside it (0.90, 1.0).
  std::vector<xml::Node*> meta, root_meta, items;
  for (xml::Node* k : xml::children(channel)) (is_rss(k, "item") ? items : meta).push_back(k);
  for (xml::Node* k : xml::children(root)) {
    if (k != channel) (is_rss(k, "item") ? items : root_meta).push_back(k);
  }
  std::string doc_base = base_url;
  if (doc_base.empty()) doc_base = absolute_self(meta, xml::kAtom10).value_or("");
  ChannelDefaults defaults;
  if (channel) {
    auto c = xml::first_named(meta, kChannelNames, rss_ns);
    FeedMetadata& f = out.feed;
    f.title = plain(c[kChTitle]);
    f.link = url_of(c[kChLink], doc_base);
    f.description = plain(c[kChDescription]);
    f.language = non_empty(xml::text(c[kChLanguage]));
    if (!f.language) f.language = non_empty(xml::text(c[kChDcLanguage]));
    for (ChannelField d : {kChLastBuildDate, kChPubDate, kChDcDate, kChAtomUpdated}) {
      if (!f.updated) f.updated = date_of(c[d]);
    }
    xml::Node* image = c[kChImage];
    if (!image || !rss_child(image, "url")) {
      image = xml::first_named(root_meta, kImageName, rss_ns)[0];  // RSS 1.0
    }
    if (image) f.image = url_of(rss_child(image, "url"), doc_base);
    if (!f.image) {
      if (xml::Node* it = c[kChItunesImage]) {
        if (auto href = xml::attr(it, "href"); href && !trim(*href).empty()) {
          f.image = resolve_url(xml::base_of(it, doc_base), *href);
        }
      }
    }
    read_websub_links(meta, xml::kAtom10, doc_base, out.feed);
    defaults.rights = plain(c[kChCopyright]);
    if (!defaults.rights) defaults.rights = plain(c[kChDcRights]);
    bool inherit = true;
    defaults.license = license_link(meta, xml::kAtom10, doc_base, inherit);
    if (!defaults.license && inherit) defaults.license = url_of(c[kChCcLicense], doc_base);
    // RFC 6721 is written for Atom; an RSS channel carrying at:deleted-entry means the same.
    add_tombstones(meta, out.deleted_entries);
  }
  out.entries.reserve(items.size());
  for (xml::Node* k : items) out.entries.push_back(parse_item(k, doc_base, defaults));
  return out;
}

}  // namespace nz::feed::rss
