// When to poll a source next, and what its state says about it: pure functions of the source,
// the outcome of one poll and the time, so that every rule is tested without a network.
//
// The rules:
//  - success (new content or 304 Not Modified): next poll after `every`, with up to 10%
//    jitter so that sources added together drift apart; failures reset;
//  - failure: exponential backoff, every x 2^(failures-1) capped at 6 hours, with full jitter
//    in its upper half; never sooner than a Retry-After the server sent;
//  - 410 Gone: the source is marked gone and no longer polled until an editor re-enables it;
//  - "gone quiet": a source whose last new article is older than three times its usual gap
//    between new articles (and at least twice its interval, and at least an hour).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.h"
#include "model/source.h"

namespace nz::ingest {

struct PollResult {
  enum class Kind { kIngested, kNotModified, kGone, kFailed };
  Kind kind = Kind::kFailed;
  std::string error;  // kFailed: what went wrong, one line
  std::optional<std::chrono::seconds> retry_after;
  std::string etag;           // the response's validators (kIngested, kNotModified)
  std::string last_modified;
  bool new_items = false;     // kIngested: a new article arrived
  std::string guid_warning;   // kIngested: ingest's verdict on the source's guids
};

inline constexpr std::chrono::hours kMaxBackoff{6};

// The state after `result`, at `now`. `jitter` in [0, 1) picks the point in the jitter range
// (the poller passes a random number; tests pass fixed ones).
model::PollState next_state(const model::Source& source, const PollResult& result,
                            core::Timestamp now, double jitter);

bool gone_quiet(const model::Source& source, core::Timestamp now);

// One word for `source list`: "disabled", "gone", "failing", "quiet", "new" (never polled
// successfully), or "ok".
std::string source_status(const model::Source& source, core::Timestamp now);

}  // namespace nz::ingest
