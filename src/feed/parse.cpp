#include "feed/parse.h"

#include <libxml/parser.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <mutex>

#include "feed/atom/parser.h"
#include "feed/encoding.h"
#include "feed/jsonfeed/parser.h"
#include "feed/ninjs/parser.h"
#include "feed/rss/parser.h"
#include "feed/text.h"
#include "feed/xml_dom.h"
#include "feed/xml_repair.h"

namespace nz::feed {
namespace {

void note(ParsedFeed& feed, const std::optional<std::string>& problem) {
  if (!problem || feed.bozo) return;
  feed.bozo = true;
  feed.bozo_reason = *problem;
}

Result<ParsedFeed> parse_json(std::string_view text, const ParseOptions& options) {
  boost::system::error_code ec;
  boost::json::value doc = boost::json::parse(text, ec);
  if (!ec) {
    if (auto* o = doc.if_object()) {
      if (auto format = jsonfeed::detect(*o)) return jsonfeed::parse(*o, *format, options.base_url);
      if (ninjs::looks_like_item(*o)) return ninjs::parse({o}, options.base_url);
      return Error::InvalidInput("not a feed: JSON object is neither a JSON Feed nor ninjs");
    }
    if (auto* a = doc.if_array()) {
      std::vector<const boost::json::object*> items;
      for (const auto& v : *a) {
        auto* o = v.if_object();
        if (o && ninjs::looks_like_item(*o)) items.push_back(o);
      }
      if (items.empty() && !a->empty()) {
        return Error::InvalidInput("not a feed: JSON array holds no ninjs items");
      }
      ParsedFeed feed = ninjs::parse(items, options.base_url);
      if (items.size() != a->size()) note(feed, "array elements that are not ninjs items skipped");
      return feed;
    }
    return Error::InvalidInput("not a feed: JSON value is not an object or array");
  }
  // JSON lines (one ninjs item a line), possibly with a broken line.
  std::vector<boost::json::value> values;
  std::optional<std::string> problem;
  size_t pos = 0, line_no = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = trim(text.substr(pos, end - pos));
    pos = end + 1;
    ++line_no;
    if (line.empty()) continue;
    boost::system::error_code lec;
    boost::json::value v = boost::json::parse(line, lec);
    if (lec || !v.is_object() || !ninjs::looks_like_item(v.get_object())) {
      if (!problem) problem = "line " + std::to_string(line_no) + ": not a ninjs item";
      continue;
    }
    values.push_back(std::move(v));
  }
  if (values.empty()) return Error::InvalidInput("not a feed: invalid JSON (" + ec.message() + ")");
  std::vector<const boost::json::object*> items;
  for (const auto& v : values) items.push_back(&v.get_object());
  ParsedFeed feed = ninjs::parse(items, options.base_url);
  if (values.size() == 1) note(feed, problem ? problem : std::optional<std::string>("invalid JSON"));
  note(feed, problem);
  return feed;
}

Result<ParsedFeed> parse_xml(std::string_view text, const ParseOptions& options) {
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  RepairedXml repaired = repair_xml(text);
  xml::Document doc = xml::Document::parse(repaired.text);
  xml::Node* root = doc.root();
  if (!root) {
    return Error::InvalidInput("not a feed: no XML element found" +
                               (doc.error() ? " (" + *doc.error() + ")" : std::string()));
  }
  ParsedFeed feed;
  if (auto format = rss::detect(root)) {
    feed = rss::parse(root, *format, options.base_url);
  } else if (auto aformat = atom::detect(root)) {
    feed = atom::parse(root, *aformat, options.base_url);
  } else {
    return Error::InvalidInput("not a feed: root element <" + std::string(xml::name(root)) + ">");
  }
  note(feed, repaired.problem);
  note(feed, doc.error());
  return feed;
}

}  // namespace

const char* to_string(FeedFormat format) {
  switch (format) {
    case FeedFormat::kRss090: return "rss090";
    case FeedFormat::kRss091: return "rss091";
    case FeedFormat::kRss092: return "rss092";
    case FeedFormat::kRss093: return "rss093";
    case FeedFormat::kRss094: return "rss094";
    case FeedFormat::kRss10: return "rss10";
    case FeedFormat::kRss20: return "rss20";
    case FeedFormat::kAtom03: return "atom03";
    case FeedFormat::kAtom10: return "atom10";
    case FeedFormat::kJson10: return "json10";
    case FeedFormat::kJson11: return "json11";
    case FeedFormat::kNinjs: return "ninjs";
  }
  return "unknown";
}

Result<ParsedFeed> parse(std::string_view bytes, const ParseOptions& options) {
  if (trim(bytes).empty()) return Error::InvalidInput("empty document");
  DetectedEncoding enc = detect_encoding(bytes, options.http_charset);
  bool utf16 = enc.name.starts_with("utf-16") || enc.name.starts_with("utf-32");
  if (!utf16 && bytes.find('\0') != std::string_view::npos) {
    return Error::InvalidInput("binary data, not a feed");
  }
  auto text = to_utf8(bytes.substr(enc.bom_length), enc.name);
  if (!text) return text.error();
  std::string_view body = trim(*text);
  if (body.starts_with("\xEF\xBB\xBF")) body = trim(body.substr(3));
  Result<ParsedFeed> feed = (body.starts_with("{") || body.starts_with("["))
                                ? parse_json(body, options)
                                : parse_xml(body, options);
  if (!feed) return feed;
  feed->encoding = enc.name;
  if (enc.problem) {
    // The encoding problem came first in the bytes; it leads the reason.
    feed->bozo = true;
    feed->bozo_reason = *enc.problem;
  }
  return feed;
}

}  // namespace nz::feed
