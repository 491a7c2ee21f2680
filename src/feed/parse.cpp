#include "feed/parse.h"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "feed/atom/parser.h"
#include "feed/encoding.h"
#include "feed/json_repair.h"
#include "feed/jsonfeed/parser.h"
#include "feed/ninjs/parser.h"
#include "feed/rss/parser.h"
#include "feed/text.h"
#include "feed/url.h"
#include "feed/xml_dom.h"
#include "feed/xml_repair.h"

namespace nz::feed {
namespace {

void note(ParsedFeed& feed, const std::optional<std::string>& problem) {
  if (!problem || feed.bozo) return;
  feed.bozo = true;
  feed.bozo_reason = *problem;
}

// A complete JSON value: a JSON Feed, one ninjs item or an array of ninjs items.
Result<ParsedFeed> parse_json_value(const boost::json::value& doc, const ParseOptions& options) {
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

// JSON that does not parse as a whole, cut off or broken: the complete items before the break
// of an array of ninjs items or of a JSON Feed's "items" (json_repair.h). Never a partial ninjs
// item: an item cut off may have lost what matters most (its pubstatus, its embargo).
std::optional<Result<ParsedFeed>> parse_broken_json(std::string_view text,
                                                    const ParseOptions& options) {
  auto recovered = recover_json(text);
  if (!recovered) return std::nullopt;
  if (auto* o = recovered->value.if_object(); o && !jsonfeed::detect(*o)) return std::nullopt;
  Result<ParsedFeed> feed = parse_json_value(recovered->value, options);
  if (!feed) return std::nullopt;
  std::string reason = recovered->problem;
  if (recovered->cut_in_items) {
    size_t n = recovered->items_kept;
    reason += ": kept the " + std::to_string(n) + (n == 1 ? " complete item" : " complete items") +
              " before the break";
  }
  note(*feed, reason);
  return feed;
}

Result<ParsedFeed> parse_json(std::string_view text, const ParseOptions& options) {
  boost::system::error_code ec;
  boost::json::value doc = boost::json::parse(text, ec);
  if (!ec) return parse_json_value(doc, options);
  if (auto feed = parse_broken_json(text, options)) return std::move(*feed);
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
  LiberalXml xml = parse_liberal_xml(text);
  xml::Node* root = xml.doc.root();
  if (!root) {
    return Error::InvalidInput("not a feed: no XML element found" +
                               (xml.parse_error ? " (" + *xml.parse_error + ")" : std::string()));
  }
  ParsedFeed feed;
  if (auto format = rss::detect(root)) {
    feed = rss::parse(root, *format, options.base_url);
  } else if (auto aformat = atom::detect(root)) {
    feed = atom::parse(root, *aformat, options.base_url);
  } else {
    return Error::InvalidInput("not a feed: root element <" + std::string(xml::name(root)) + ">");
  }
  note(feed, xml.repair_problem);
  note(feed, xml.parse_error);
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

Result<ParsedFeed> parse(std::string_view bytes, const ParseOptions& given) {
  if (trim(bytes).empty()) return Error::InvalidInput("empty document");
  ParseOptions options = given;
  options.base_url = encode_invalid_utf8(given.base_url);
  DetectedEncoding enc = detect_encoding(bytes, options.http_charset);
  bool utf16 = enc.name.starts_with("utf-16") || enc.name.starts_with("utf-32");
  if (!utf16 && bytes.find('\0') != std::string_view::npos) {
    return Error::InvalidInput("binary data, not a feed");
  }
  // UTF-8 that is already well-formed is read where it is, without a copy.
  std::string converted;
  std::string_view body = bytes.substr(enc.bom_length);
  if (!enc.valid_utf8) {
    auto text = to_utf8(body, enc.name);
    if (!text) return text.error();
    converted = std::move(*text);
    body = converted;
  }
  body = trim(body);
  if (body.starts_with("\xEF\xBB\xBF")) body = trim(body.substr(3));
  Result<ParsedFeed> feed = (body.starts_with("{") || body.starts_with("["))
                                ? parse_json(body, options)
                                : parse_xml(body, options);
  if (!feed) return feed;
  // An entry without a language of its own is in the feed's (RSS <language>, Atom xml:lang on
  // the feed, JSON Feed "language").
  for (FeedEntry& e : feed->entries) {
    if (!e.language) e.language = feed->feed.language;
  }
  feed->encoding = enc.name;
  if (enc.problem) {
    // The encoding problem came first in the bytes; it leads the reason.
    feed->bozo = true;
    feed->bozo_reason = *enc.problem;
  }
  return feed;
}

}  // namespace nz::feed
