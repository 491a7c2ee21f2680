// ParsedFeed: what feed::parse makes of one feed document, whatever its format. Plain data;
// the JSON form of it (the `newszone parse` contract, issue 3) is in json_output.h.
//
// Conventions: plain-text fields (titles, names, descriptions) hold UTF-8 text without markup;
// *_html fields hold raw, UNSANITIZED HTML exactly as the feed gave it (after XML/JSON
// decoding) — the caller must run them through the sanitizer before showing them anywhere.
// URLs in `link`, `image` and enclosures are absolute when a base was known.
//
// The partner metadata (pubstatus, embargoed, byline, language, rights, usage_terms,
// rights_link, places, subjects, deleted_entries, hub, self) goes beyond the contract's
// required fields; docs/parse-contract.md lists it under "Extensions".
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

// A news item's publishing status (IPTC: ninjs "pubstatus", NewsML-G2 pubStatus). withheld
// and canceled mean the partner takes the item down.
enum class PubStatus { kUsable, kWithheld, kCanceled };

// "usable", "withheld", "canceled".
const char* to_string(PubStatus status);

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

  // Partner metadata (extensions to the contract).
  // ninjs pubstatus (NewsML-G2 "stat:..." codes too); none when not given or not understood.
  std::optional<PubStatus> pubstatus;
  // Not to be published before this time (ninjs "embargoed").
  std::optional<core::Timestamp> embargoed;
  // The creator line as the partner wrote it, plain text (ninjs 1.x "byline", 2.x "by").
  std::optional<std::string> byline;
  // BCP 47 as written: the entry's own (ninjs / JSON Feed 1.1 "language", dc:language,
  // xml:lang in scope of an Atom entry), else the feed's.
  std::optional<std::string> language;
  // Copyright statement, plain text: ninjs copyrightnotice (else copyrightholder), Atom
  // <rights> (the feed's when the entry has none, RFC 4287 §4.2.10), dc:rights, RSS <copyright>
  // of the channel when the item has no dc:rights.
  std::optional<std::string> rights;
  // How the content may be used, plain text (ninjs "usageterms").
  std::optional<std::string> usage_terms;
  // A URL describing the rights: ninjs rightsinfo.linkedrights, Atom link rel="license"
  // (RFC 4946).
  std::optional<std::string> rights_link;
  // Names of places and subjects (ninjs 1.x "place"/"subject", 2.x "places"/"subjects"); the
  // subject names are in `categories` too.
  std::vector<std::string> places;
  std::vector<std::string> subjects;
};

// An entry the publisher has deleted: an Atom tombstone (RFC 6721 <at:deleted-entry>).
struct DeletedEntry {
  std::string ref;                     // the deleted entry's id
  std::optional<core::Timestamp> when;  // when it was deleted; none if unreadable
  std::optional<std::string> comment;   // at:comment, plain text
};

struct FeedMetadata {
  std::optional<std::string> title;
  std::optional<std::string> link;
  std::optional<std::string> description;
  std::optional<std::string> language;
  std::optional<core::Timestamp> updated;
  std::optional<std::string> image;
  // The WebSub hub (atom:link rel="hub" in RSS or Atom, JSON Feed "hubs" of type WebSub),
  // absolute; the first when several are named.
  std::optional<std::string> hub;
  // The feed's own URL (atom:link rel="self", JSON Feed "feed_url"), absolute when a base
  // was known.
  std::optional<std::string> self;
};

struct ParsedFeed {
  FeedFormat format = FeedFormat::kRss20;
  std::string encoding = "utf-8";  // the source encoding detected (lower-case WHATWG label)
  bool bozo = false;               // the document was malformed but something was recovered
  std::optional<std::string> bozo_reason;  // set exactly when bozo: the first problem found
  FeedMetadata feed;
  std::vector<FeedEntry> entries;
  std::vector<DeletedEntry> deleted_entries;  // tombstones, in document order
};

}  // namespace nz::feed
