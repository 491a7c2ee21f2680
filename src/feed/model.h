// ParsedFeed: what feed::parse makes of one feed document, whatever its format. Plain data;
// the JSON form of it (the `newszone parse` contract, issue 3) is in json_output.h.
//
// Conventions: plain-text fields (titles, names, descriptions) hold UTF-8 text without markup;
// *_html fields hold raw, UNSANITIZED HTML exactly as the feed gave it (after XML/JSON
// decoding) — the caller must run them through the sanitizer before showing them anywhere.
// URLs in `link`, `image` and enclosures are absolute when a base was known.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"

namespace nz::feed {

enum class FeedFormat {
  kRss090,
  kRss091,
  kRss092,
  kRss093,
  kRss094,
  kRss10,
  kRss20,
  kAtom03,
  kAtom10,
  kJson10,
  kJson11,
  kNinjs,
};

// The contract's name of a format: "rss20", "atom10", "json11", "ninjs", ...
const char* to_string(FeedFormat format);

struct Enclosure {
  std::string url;
  std::optional<std::string> type;    // MIME type
  std::optional<std::int64_t> length;  // bytes
};

struct FeedEntry {
  std::optional<std::string> id;  // guid / id / uri; when absent the link; else none
  std::optional<std::string> title;
  std::optional<std::string> link;
  std::optional<core::Timestamp> published;
  std::optional<core::Timestamp> updated;
  std::optional<std::string> author;
  std::optional<std::string> summary_html;  // unsanitized
  std::optional<std::string> content_html;  // unsanitized
  std::vector<std::string> categories;
  std::vector<Enclosure> enclosures;
  // Base URL for relative URLs inside summary_html/content_html (xml:base, else the
  // document's base); for the sanitizer. Not part of the JSON contract.
  std::optional<std::string> content_base;
};

struct FeedMetadata {
  std::optional<std::string> title;
  std::optional<std::string> link;
  std::optional<std::string> description;
  std::optional<std::string> language;
  std::optional<core::Timestamp> updated;
  std::optional<std::string> image;
};

struct ParsedFeed {
  FeedFormat format = FeedFormat::kRss20;
  std::string encoding = "utf-8";  // the source encoding detected (lower-case WHATWG label)
  bool bozo = false;               // the document was malformed but something was recovered
  std::optional<std::string> bozo_reason;  // set exactly when bozo: the first problem found
  FeedMetadata feed;
  std::vector<FeedEntry> entries;
};

}  // namespace nz::feed
