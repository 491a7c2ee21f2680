#include "feed/jsonfeed/parser.h"

#include <boost/json/value.hpp>

#include "feed/date.h"
#include "feed/json_fields.h"
#include "feed/media_rss.h"
#include "feed/text.h"
#include "feed/url.h"

namespace nz::feed::jsonfeed {
namespace {

std::optional<std::string> url(const boost::json::object& o, std::string_view key,
                               const std::string& base) {
  auto u = json::str(o, key);
  if (!u) return std::nullopt;
  return resolve_url(base, *u);
}

std::optional<core::Timestamp> date(const boost::json::object& o, std::string_view key) {
  auto d = json::str(o, key);
  return d ? parse_date(*d) : std::nullopt;
}

// 1.1 "authors" (array), 1.0 "author" (object).
std::optional<std::string> author(const boost::json::object& o) {
  if (auto* list = json::arr(o, "authors")) {
    for (const auto& a : *list) {
      if (auto* ao = a.if_object()) {
        if (auto n = json::str(*ao, "name")) return html_to_text(*n);
      }
    }
  }
  if (auto* a = json::obj(o, "author")) {
    if (auto n = json::str(*a, "name")) return html_to_text(*n);
  }
  return std::nullopt;
}

FeedEntry item(const boost::json::object& it, const std::string& base,
               const std::optional<std::string>& feed_author) {
  FeedEntry e;
  e.link = url(it, "url", base);
  if (!e.link) e.link = url(it, "external_url", base);
  e.id = json::id_string(it, "id");
  if (!e.id) e.id = e.link;
  if (auto t = json::str(it, "title")) e.title = non_empty(html_to_text(*t));
  e.published = date(it, "date_published");
  e.updated = date(it, "date_modified");
  e.author = author(it);
  if (!e.author) e.author = feed_author;
  // "summary" is plain text (JSON Feed 1.1, items).
  if (auto s = json::str(it, "summary")) e.summary_html = escape_html(*s);
  if (auto h = json::str(it, "content_html")) {
    e.content_html = *h;
  } else if (auto t = json::str(it, "content_text")) {
    e.content_html = escape_html(*t);
  }
  if (!base.empty()) e.content_base = base;
  if (auto* tags = json::arr(it, "tags")) {
    for (const auto& t : *tags) {
      if (auto* s = t.if_string()) add_category(e.categories, std::string_view(*s));
    }
  }
  if (auto* atts = json::arr(it, "attachments")) {
    for (const auto& a : *atts) {
      auto* ao = a.if_object();
      if (!ao) continue;
      auto u = url(*ao, "url", base);
      if (!u) continue;
      add_enclosure(e.enclosures, Enclosure{.url = *u,
                                            .type = json::str(*ao, "mime_type"),
                                            .length = json::integer(*ao, "size_in_bytes")});
    }
  }
  if (auto img = url(it, "image", base)) add_enclosure(e.enclosures, Enclosure{.url = *img});
  e.language = json::str(it, "language");  // 1.1
  return e;
}

}  // namespace

std::optional<FeedFormat> detect(const boost::json::object& root) {
  auto v = json::str(root, "version");
  if (!v) return std::nullopt;
  std::string_view s = *v;
  if (s.starts_with("http://")) s.remove_prefix(7);
  if (s.starts_with("https://")) s.remove_prefix(8);
  if (s.starts_with("jsonfeed.org/version/1.1")) return FeedFormat::kJson11;
  if (s.starts_with("jsonfeed.org/version/1")) return FeedFormat::kJson10;
  return std::nullopt;
}

ParsedFeed parse(const boost::json::object& root, FeedFormat format, const std::string& base_url) {
  ParsedFeed out;
  out.format = format;
  std::string base = base_url;
  if (base.empty()) {
    if (auto f = json::str(root, "feed_url"); f && has_scheme(*f)) base = *f;
  }
  FeedMetadata& f = out.feed;
  if (auto t = json::str(root, "title")) f.title = non_empty(html_to_text(*t));
  f.link = url(root, "home_page_url", base);
  if (auto d = json::str(root, "description")) f.description = non_empty(html_to_text(*d));
  f.language = json::str(root, "language");
  f.self = url(root, "feed_url", base);
  // "hubs": [{"type": "WebSub", "url": ...}] — other types (rssCloud) are no WebSub hub.
  if (auto* hubs = json::arr(root, "hubs")) {
    for (const auto& h : *hubs) {
      auto* ho = h.if_object();
      if (!ho) continue;
      std::string type = json::str(*ho, "type").value_or("");
      for (char& c : type) c = (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
      if (type != "websub") continue;
      if ((f.hub = url(*ho, "url", base))) break;
    }
  }
  f.image = url(root, "icon", base);
  if (!f.image) f.image = url(root, "favicon", base);
  auto feed_author = author(root);
  if (auto* items = json::arr(root, "items")) {
    for (const auto& v : *items) {
      if (auto* it = v.if_object()) out.entries.push_back(item(*it, base, feed_author));
    }
  }
  return out;
}

}  // namespace nz::feed::jsonfeed
