// Ingesting one feed document into a zone, however it arrived (a file, a poll, a push):
// record the delivery, parse, sanitize, identify, find near-duplicates, version, moderate,
// store. Each entry is stored in its own transaction, so a bad entry or a crash never costs
// the others; with `atomic`, the whole document is one transaction instead.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "model/delivery.h"
#include "model/section.h"
#include "model/source.h"
#include "store/store.h"

namespace nz::ingest {

// Where a document came from, for the delivery log and each version's provenance.
struct DocumentOrigin {
  model::Channel channel = model::Channel::kFile;
  std::string origin;  // the file name, the URL polled, or the token's display form
  std::optional<int64_t> token_id;
  std::optional<int64_t> source_id;
  std::string http_charset;  // the charset of the HTTP Content-Type, when fetched or pushed
};

struct IngestOptions {
  // Where the document came from (its URL), for relative links; may be empty.
  std::string base_url;
  // Standfirsts made from the body when the feed gives no summary are cut to this many
  // characters at a word boundary.
  size_t standfirst_chars = 240;
  // What identifies an entry (model::IdentityKey). With kLink or kLinkWithoutQuery an entry
  // without a link falls back to its guid.
  model::IdentityKey identity_key = model::IdentityKey::kGuid;
  // All or nothing: when any entry cannot be stored, none is.
  bool atomic = false;
  // Called on the calling thread after each committed chunk with (entries done, entries in
  // the document), for progress on a terminal; may be empty.
  std::function<void(size_t done, size_t total)> progress;
};

enum class ItemOutcome {
  kCreated,     // a new article
  kNewVersion,  // a known article whose content changed
  kUnchanged,   // a known article, as it was
  kDuplicate,   // a new article that repeats one already in the zone: stored, not listed
  kFailed,      // not stored; see error
};

std::string_view to_string(ItemOutcome outcome);  // "created", "updated", ...

struct ItemResult {
  size_t index = 0;  // 0-based position of the entry in the document
  ItemOutcome outcome = ItemOutcome::kFailed;
  std::string guid;  // the identity it was stored under, when known
  std::optional<model::Article> article;  // as stored
  std::optional<model::ArticleId> duplicate_of;
  std::string error;  // kFailed: why, in words a partner can act on
};

struct IngestReport {
  model::DeliveryId delivery_id = 0;
  std::string format;  // "rss20", ...
  bool bozo = false;
  std::string bozo_reason;
  model::DeliveryCounts counts;
  std::vector<ItemResult> items;  // one per entry, in document order
  int64_t deleted = 0;  // articles withdrawn by the document's tombstones (RFC 6721)
  // Set when this document's identities look unusable (the same guid on different stories,
  // or known links arriving under new guids), with what to do about it.
  std::string guid_warning;
  // atomic only: why nothing was stored.
  std::string atomic_failure;
  // The feed's WebSub hub and its own URL (self link), when it names them.
  std::string hub;
  std::string self;
};

// Ingests every entry of the document into `zone`, recording a delivery first (so even an
// unreadable document is in the log). Fails only when nothing in the document can be read
// (kInvalidInput, as feed::parse; the delivery records why) or the store fails (kUnavailable,
// kCorrupt): entries that cannot be stored are reported in their ItemResult.
Result<IngestReport> ingest_document(store::Store& store, const model::Section& zone,
                                     std::string_view bytes, const DocumentOrigin& origin,
                                     const IngestOptions& options, const core::Clock& clock);

}  // namespace nz::ingest
