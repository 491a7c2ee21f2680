#include "feed/json_output.h"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "core/rfc3339.h"
#include "feed/text.h"

namespace nz::feed {
namespace {

boost::json::value opt(const std::optional<std::string>& s) {
  if (!s) return nullptr;
  return boost::json::value(*s);
}

boost::json::value opt(const std::optional<core::Timestamp>& t) {
  if (!t) return nullptr;
  return boost::json::value(core::format_rfc3339(*t));
}

boost::json::array strings(const std::vector<std::string>& list) {
  boost::json::array out;
  for (const auto& s : list) out.emplace_back(s);
  return out;
}

}  // namespace

std::string to_json(const ParsedFeed& feed, const HtmlFilter& html_filter) {
  auto html = [&](const std::optional<std::string>& s) -> boost::json::value {
    if (!s) return nullptr;
    return boost::json::value(html_filter ? html_filter(*s) : escape_html(*s));
  };
  boost::json::object out;
  out["format"] = to_string(feed.format);
  out["encoding"] = feed.encoding;
  out["bozo"] = feed.bozo;
  out["bozo_reason"] = opt(feed.bozo_reason);
  boost::json::object meta;
  meta["title"] = opt(feed.feed.title);
  meta["link"] = opt(feed.feed.link);
  meta["description"] = opt(feed.feed.description);
  meta["language"] = opt(feed.feed.language);
  meta["updated"] = opt(feed.feed.updated);
  meta["image"] = opt(feed.feed.image);
  // Extensions beyond the contract (docs/parse-contract.md, "Extensions").
  meta["hub"] = opt(feed.feed.hub);
  meta["self"] = opt(feed.feed.self);
  out["feed"] = std::move(meta);
  boost::json::array entries;
  for (const FeedEntry& e : feed.entries) {
    boost::json::object o;
    o["id"] = opt(e.id);
    o["title"] = opt(e.title);
    o["link"] = opt(e.link);
    o["published"] = opt(e.published);
    o["updated"] = opt(e.updated);
    o["author"] = opt(e.author);
    o["summary"] = html(e.summary_html);
    o["content"] = html(e.content_html);
    o["categories"] = strings(e.categories);
    boost::json::array encs;
    for (const auto& enc : e.enclosures) {
      boost::json::object eo;
      eo["url"] = enc.url;
      eo["type"] = opt(enc.type);
      if (enc.length) {
        eo["length"] = *enc.length;
      } else {
        eo["length"] = nullptr;
      }
      encs.emplace_back(std::move(eo));
    }
    o["enclosures"] = std::move(encs);
    // Extensions beyond the contract: partner metadata.
    o["pubstatus"] = e.pubstatus ? boost::json::value(to_string(*e.pubstatus)) : nullptr;
    o["embargoed"] = opt(e.embargoed);
    o["byline"] = opt(e.byline);
    o["language"] = opt(e.language);
    o["rights"] = opt(e.rights);
    o["usage_terms"] = opt(e.usage_terms);
    o["rights_link"] = opt(e.rights_link);
    o["places"] = strings(e.places);
    o["subjects"] = strings(e.subjects);
    entries.emplace_back(std::move(o));
  }
  out["entries"] = std::move(entries);
  boost::json::array deleted;
  for (const DeletedEntry& d : feed.deleted_entries) {
    boost::json::object t;
    t["ref"] = d.ref;
    t["when"] = opt(d.when);
    t["comment"] = opt(d.comment);
    deleted.emplace_back(std::move(t));
  }
  out["deleted_entries"] = std::move(deleted);
  return boost::json::serialize(out);
}

}  // namespace nz::feed
