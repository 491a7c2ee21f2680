// feed::parse: one feed document's bytes → ParsedFeed, whatever the format. The single entry
// point of the nz_feed library; everything it returns is data (no I/O, no global state).
//
// Formats, detected from the content (never from a file name or Content-Type):
//   RSS 0.90, 0.91, 0.92, 0.93, 0.94, 2.0 and RSS 1.0 (RDF); Atom 0.3 and 1.0 — through our
//   strict XML reader when the document is well-formed, else libxml2 in recovery mode with
//   network access and external entities off, after text-level repairs (xml_dom.h,
//   xml_repair.h);
//   JSON Feed 1.0 and 1.1; IPTC ninjs 1.x and 2.x (one item, an array, or JSON lines) —
//   through Boost.JSON.
// Encoding: see encoding.h. Liberal: a document that is broken but readable (undefined HTML
// entities, a stray "&", unclosed tags, junk before the XML declaration, a truncated file, a
// JSON array or JSON Feed cut off in its items, a lying charset) parses with `bozo` set and
// `bozo_reason` naming the first problem.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "feed/model.h"

namespace nz::feed {

struct ParseOptions {
  // Where the document came from; relative links resolve against it after any xml:base.
  // Empty: the feed's own self link (atom:link rel="self", JSON Feed feed_url) when absolute.
  // Bytes that are not UTF-8 are percent-encoded before use.
  std::string base_url;
  // The charset parameter of the HTTP Content-Type, empty when not fetched over HTTP.
  std::string http_charset;
};

// Parses a feed document. Fails with kInvalidInput only when nothing can be recovered: empty
// or whitespace-only input, binary data, an unknown encoding, or a document that is no feed
// (e.g. an HTML page, JSON of another shape). Thread-safe (libxml2 is initialised on first use).
Result<ParsedFeed> parse(std::string_view bytes, const ParseOptions& options = {});

}  // namespace nz::feed
