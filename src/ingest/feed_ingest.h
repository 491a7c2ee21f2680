// Ingesting one feed document into a zone: parse, sanitize, identify, store. Each entry is
// stored in its own transaction, so a bad entry or a crash never costs the others.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "model/section.h"
#include "store/store.h"

namespace nz::ingest {

struct IngestOptions {
  // Where the document came from (its URL), for relative links; may be empty.
  std::string base_url;
  // rel added to links in partner HTML after "noopener noreferrer" (the zone's link policy).
  std::string link_rel = "sponsored nofollow";
  // Standfirsts made from the body when the feed gives no summary are cut to this many
  // characters at a word boundary.
  size_t standfirst_chars = 240;
};

struct EntryProblem {
  size_t index = 0;  // 0-based position of the entry in the document
  std::string message;
};

struct IngestReport {
  std::string format;  // "rss20", ...
  bool bozo = false;
  std::string bozo_reason;
  int64_t created = 0;
  int64_t new_versions = 0;
  int64_t unchanged = 0;
  std::vector<EntryProblem> problems;  // entries that could not be stored, and why
};

// Ingests every entry of the document into `zone`. Fails only when nothing in the document
// can be read (kInvalidInput, as feed::parse) or the store fails (kUnavailable, kCorrupt):
// entries without a usable title or identity are reported in IngestReport::problems.
Result<IngestReport> ingest_document(store::Store& store, const model::Section& zone,
                                     std::string_view bytes, const IngestOptions& options,
                                     const core::Clock& clock);

}  // namespace nz::ingest
