// Source: a partner feed that `serve` polls into a zone, with its settings and the state of
// its polling.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "model/section.h"

namespace nz::model {

using SourceId = int64_t;

// What identifies an item of a source. Most feeds' guids are fine; some repeat one guid on
// every item or change it with the headline, and then the link (or the link without its
// query string, for tracking parameters) is the better key.
enum class IdentityKey { kGuid, kLink, kLinkWithoutQuery };

std::string_view to_string(IdentityKey key);  // "guid", "link", "link-without-query"
std::optional<IdentityKey> parse_identity_key(std::string_view text);

// What an editor sets.
struct SourceSettings {
  std::string url;
  std::chrono::seconds every{600};
  bool enabled = true;
  IdentityKey identity_key = IdentityKey::kGuid;
  std::string user_agent;  // empty: the server's
  std::vector<std::pair<std::string, std::string>> headers;  // extra request headers
};

// What polling records.
struct PollState {
  std::string etag;
  std::string last_modified;
  core::Timestamp next_poll{};
  std::optional<core::Timestamp> last_attempt;
  std::optional<core::Timestamp> last_success;
  std::string last_error;  // empty when the last poll succeeded
  int consecutive_failures = 0;
  bool gone = false;  // the feed answered 410 Gone: no longer polled
  std::optional<core::Timestamp> last_new_item;
  std::optional<std::chrono::seconds> typical_gap;  // usual time between new articles
  std::string guid_warning;  // why the source's guids look unusable; empty when fine
};

// A WebSub subscription (W3C WebSub), when the feed names a hub. Polling carries on beside
// it as the fallback.
struct WebSub {
  enum class State { kNone, kRequested, kActive, kDenied, kFailed };
  std::string hub;    // the hub's URL
  std::string topic;  // the feed URL subscribed to (its self link)
  std::string secret; // the hub signs each delivery with it (HMAC); never shown
  State state = State::kNone;
  // kActive: when the hub stops delivering; kRequested: when we asked; kDenied / kFailed:
  // when that happened.
  std::optional<core::Timestamp> lease_until;
  std::string error;  // kDenied / kFailed: why
};

std::string_view to_string(WebSub::State state);  // "", "requested", "active", ...
std::optional<WebSub::State> parse_websub_state(std::string_view text);

struct Source {
  SourceId id = 0;  // assigned by the store
  SectionId section_id = 0;
  SourceSettings settings;
  PollState state;
  WebSub websub;
  core::Timestamp created{};
};

}  // namespace nz::model
