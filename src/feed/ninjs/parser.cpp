#include "feed/ninjs/parser.h"

#include <boost/json/value.hpp>

#include <algorithm>

#include "feed/date.h"
#include "feed/json_fields.h"
#include "feed/media_rss.h"
#include "feed/pubstatus.h"
#include "feed/text.h"
#include "feed/url.h"

namespace nz::feed::ninjs {
namespace {

std::optional<core::Timestamp> date(const boost::json::object& o, std::string_view key) {
  auto d = json::str(o, key);
  return d ? parse_date(*d) : std::nullopt;
}

// ninjs 2.x: "headlines"/"descriptions"/"bodies" are arrays of {role, contenttype, value};
// the first whose role is main (or absent) and whose contenttype matches `html`.
std::optional<std::string> pick(const boost::json::object& o, std::string_view key, bool html) {
  auto* list = json::arr(o, key);
  if (!list) return std::nullopt;
  std::optional<std::string> fallback;
  for (const auto& v : *list) {
    auto* e = v.if_object();
    if (!e) continue;
    auto value = json::str(*e, "value");
    if (!value) continue;
    std::string type = json::str(*e, "contenttype").value_or("text/plain");
    bool is_html = type.find("html") != std::string::npos;
    if (is_html != html) continue;
    auto role = json::str(*e, "role");
    if (!role || *role == "main" || *role == "default") return value;
    if (!fallback) fallback = value;
  }
  return fallback;
}

// HTML from a 1.x html field, else 2.x html entry, else escaped text from either.
std::optional<std::string> html_field(const boost::json::object& o, std::string_view html_key,
                                      std::string_view text_key, std::string_view list_key) {
  if (auto h = json::str(o, html_key)) return h;
  if (auto h = pick(o, list_key, true)) return h;
  if (auto t = json::str(o, text_key)) return escape_html(*t);
  if (auto t = pick(o, list_key, false)) return escape_html(*t);
  return std::nullopt;
}

void add_rendition(FeedEntry& e, const boost::json::object& r, const std::string& base) {
  auto href = json::str(r, "href");
  if (!href) return;
  Enclosure enc{.url = resolve_url(base, *href)};
  enc.type = json::str(r, "contenttype");
  if (!enc.type) enc.type = json::str(r, "mimetype");
  enc.length = json::integer(r, "sizeinbytes");  // ninjs 1.x and 2.x
  if (!enc.length) enc.length = json::integer(r, "size");
  add_enclosure(e.enclosures, std::move(enc));
}

// The names of a list of concepts: 1.x "subject"/"place", 2.x "subjects"/"places", each an
// array of {name, rel, uri|scheme+code, ...}.
void add_names(std::vector<std::string>& list, const boost::json::object& o,
               std::string_view key) {
  auto* concepts = json::arr(o, key);
  if (!concepts) return;
  for (const auto& v : *concepts) {
    if (auto* c = v.if_object()) {
      if (auto n = json::str(*c, "name")) add_category(list, *n);
    }
  }
}

std::optional<std::string> plain(const boost::json::object& o, std::string_view key) {
  auto s = json::str(o, key);
  return s ? non_empty(html_to_text(*s)) : std::nullopt;
}

// The partner metadata of ninjs 1.x and 2.x (the same names in both, except the byline and the
// concept lists).
void read_partner_metadata(FeedEntry& e, const boost::json::object& o, const std::string& base) {
  if (auto s = json::str(o, "pubstatus")) e.pubstatus = parse_pubstatus(*s);
  e.embargoed = date(o, "embargoed");
  e.byline = plain(o, "byline");                // 1.x
  if (!e.byline) e.byline = plain(o, "by");     // 2.x
  e.language = json::str(o, "language");
  e.rights = plain(o, "copyrightnotice");
  if (!e.rights) e.rights = plain(o, "copyrightholder");
  e.usage_terms = plain(o, "usageterms");
  // rightsinfo (1.4, 2.x): a link to the rights, or an encoded rights expression we keep out.
  if (auto* ri = json::obj(o, "rightsinfo")) {
    if (auto href = json::str(*ri, "linkedrights")) e.rights_link = resolve_url(base, *href);
  }
  add_names(e.places, o, "place");
  add_names(e.places, o, "places");
  add_names(e.subjects, o, "subject");
  add_names(e.subjects, o, "subjects");
}

FeedEntry item(const boost::json::object& o, const std::string& base) {
  FeedEntry e;
  e.id = json::str(o, "uri");
  if (!e.id) e.id = json::str(o, "guid");
  // A link: 2.x "links" with rel canonical/alternate/self-less, else an http(s) uri.
  if (auto* links = json::arr(o, "links")) {
    for (const auto& v : *links) {
      auto* l = v.if_object();
      if (!l) continue;
      std::string rel = json::str(*l, "rel").value_or("alternate");
      auto href = json::str(*l, "href");
      if (!href) continue;
      if (rel.find("canonical") != std::string::npos || rel.find("alternate") != std::string::npos ||
          rel.find("irel:seeAlso") != std::string::npos) {
        e.link = resolve_url(base, *href);
        break;
      }
    }
  }
  if (!e.link && e.id && (e.id->starts_with("http://") || e.id->starts_with("https://"))) {
    e.link = e.id;
  }
  if (!e.id) e.id = e.link;
  if (auto h = json::str(o, "headline")) {
    e.title = non_empty(html_to_text(*h));
  } else if (auto h2 = pick(o, "headlines", false)) {
    e.title = non_empty(html_to_text(*h2));
  } else if (auto h3 = pick(o, "headlines", true)) {
    e.title = non_empty(html_to_text(*h3));
  }
  e.published = date(o, "firstcreated");
  if (!e.published) e.published = date(o, "contentcreated");
  e.updated = date(o, "versioncreated");
  read_partner_metadata(e, o, base);
  // ninjs names no author apart from the byline.
  e.author = e.byline;
  e.summary_html = html_field(o, "description_html", "description_text", "descriptions");
  e.content_html = html_field(o, "body_html", "body_text", "bodies");
  if (!base.empty()) e.content_base = base;
  // Categories stay as before the partner metadata: the subject names, then the keywords.
  for (const auto& s : e.subjects) {
    if (std::find(e.categories.begin(), e.categories.end(), s) == e.categories.end()) {
      e.categories.push_back(s);
    }
  }
  if (auto* kw = json::arr(o, "keywords")) {
    for (const auto& v : *kw) {
      if (auto* s = v.if_string()) add_category(e.categories, std::string_view(*s));
    }
  }
  // Renditions: 1.x an object of named renditions, 2.x an array.
  if (const auto* v = o.if_contains("renditions")) {
    if (auto* ro = v->if_object()) {
      for (const auto& kv : *ro) {
        if (auto* r = kv.value().if_object()) add_rendition(e, *r, base);
      }
    } else if (auto* ra = v->if_array()) {
      for (const auto& r : *ra) {
        if (auto* rob = r.if_object()) add_rendition(e, *rob, base);
      }
    }
  }
  return e;
}

}  // namespace

bool looks_like_item(const boost::json::object& o) {
  for (std::string_view k : {"uri", "headline", "headlines", "body_html", "body_text", "bodies",
                             "versioncreated"}) {
    if (o.contains(k)) return true;
  }
  return false;
}

ParsedFeed parse(const std::vector<const boost::json::object*>& items, const std::string& base) {
  ParsedFeed out;
  out.format = FeedFormat::kNinjs;
  std::optional<std::string> lang;
  bool same_lang = true;
  for (const auto* o : items) {
    out.entries.push_back(item(*o, base));
    auto l = json::str(*o, "language");
    if (!l || (lang && *lang != *l)) same_lang = false;
    if (l) lang = l;
  }
  if (same_lang && lang) out.feed.language = lang;
  return out;
}

}  // namespace nz::feed::ninjs
