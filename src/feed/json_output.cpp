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
    boost::json::array cats;
    for (const auto& c : e.categories) cats.emplace_back(c);
    o["categories"] = std::move(cats);
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
    entries.emplace_back(std::move(o));
  }
  out["entries"] = std::move(entries);
  return boost::json::serialize(out);
}

}  // namespace nz::feed
