#include "ingest/poll_schedule.h"

#include <algorithm>

namespace nz::ingest {
namespace {

using std::chrono::seconds;

seconds scaled(seconds base, double factor) {
  return seconds{static_cast<int64_t>(static_cast<double>(base.count()) * factor)};
}

seconds backoff(const model::Source& source, int failures, double jitter) {
  seconds delay = source.settings.every;
  for (int i = 1; i < failures && delay < kMaxBackoff; ++i) delay *= 2;
  delay = std::min<seconds>(delay, kMaxBackoff);
  // Full jitter over the upper half: [delay/2, delay).
  return scaled(delay, 0.5 + 0.5 * jitter);
}

}  // namespace

model::PollState next_state(const model::Source& source, const PollResult& result,
                            core::Timestamp now, double jitter) {
  jitter = std::clamp(jitter, 0.0, 0.999999);
  model::PollState state = source.state;
  state.last_attempt = now;
  switch (result.kind) {
    case PollResult::Kind::kIngested:
    case PollResult::Kind::kNotModified: {
      state.last_success = now;
      state.last_error.clear();
      state.consecutive_failures = 0;
      state.next_poll = now + scaled(source.settings.every, 1.0 + 0.1 * jitter);
      // A 304 may omit the validators: keep the ones that produced it.
      if (result.kind == PollResult::Kind::kIngested || !result.etag.empty()) {
        state.etag = result.etag;
      }
      if (result.kind == PollResult::Kind::kIngested || !result.last_modified.empty()) {
        state.last_modified = result.last_modified;
      }
      if (result.kind == PollResult::Kind::kIngested) state.guid_warning = result.guid_warning;
      if (result.new_items) {
        if (state.last_new_item) {
          auto gap = std::chrono::duration_cast<seconds>(now - *state.last_new_item);
          state.typical_gap = state.typical_gap ? (*state.typical_gap * 3 + gap) / 4 : gap;
        }
        state.last_new_item = now;
      }
      break;
    }
    case PollResult::Kind::kGone:
      state.gone = true;
      state.consecutive_failures += 1;
      state.last_error =
          "the feed answered 410 Gone, so polling stopped; fix the URL with `newszone source "
          "set` or re-enable it with `newszone source enable`";
      state.next_poll = now + kMaxBackoff;
      break;
    case PollResult::Kind::kFailed: {
      state.consecutive_failures += 1;
      state.last_error = result.error;
      seconds delay = backoff(source, state.consecutive_failures, jitter);
      if (result.retry_after) delay = std::max(delay, *result.retry_after);
      state.next_poll = now + delay;
      break;
    }
  }
  return state;
}

bool gone_quiet(const model::Source& source, core::Timestamp now) {
  const auto& s = source.state;
  if (!s.last_new_item || !s.typical_gap) return false;
  seconds limit = std::max({*s.typical_gap * 3, source.settings.every * 2,
                            seconds{std::chrono::hours{1}}});
  return now - *s.last_new_item > limit;
}

std::string source_status(const model::Source& source, core::Timestamp now) {
  if (!source.settings.enabled) return "disabled";
  if (source.state.gone) return "gone";
  if (source.state.consecutive_failures > 0) return "failing";
  if (gone_quiet(source, now)) return "quiet";
  if (!source.state.last_success) return "new";
  return "ok";
}

}  // namespace nz::ingest
