// WebSub (W3C Recommendation, 2018) as a subscriber: when a partner's feed names a hub,
// newszone subscribes so that new items arrive in seconds instead of at the next poll.
// Polling carries on beside it as the fallback. These are the protocol's decisions as pure
// functions; the Poller sends the subscription and api/ serves the callback.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "fetch/fetcher.h"
#include "model/source.h"

namespace nz::ingest::websub {

inline constexpr std::chrono::seconds kLease{10 * 24 * 3600};    // asked of the hub
inline constexpr std::chrono::seconds kRenewBefore{24 * 3600};   // renew a day before the end
inline constexpr std::chrono::seconds kRetryAfterFailure{3600};  // a refused request, retried

// "https://www.example.org" + "/websub/7": where the hub verifies and delivers.
std::string callback_url(std::string_view site_base, model::SourceId source);

// Whether to send a (new) subscription request now: the feed names `hub` and the source has
// no subscription to it for `topic`, or its lease ends within kRenewBefore, or the last
// request failed, was denied or was never verified, more than kRetryAfterFailure ago.
bool should_subscribe(const model::Source& source, std::string_view hub, std::string_view topic,
                      core::Timestamp now);

// The subscription request (RFC-style form POST to the hub).
fetch::FetchRequest subscribe_request(std::string_view hub, std::string_view topic,
                                      std::string_view callback, std::string_view secret,
                                      std::string_view user_agent);

// The hub checking that we asked (GET callback?hub.mode=...): what to answer, and the
// subscription state to record when it changes.
struct Verification {
  int status = 404;
  std::string body;
  std::optional<model::WebSub> record;
};
using QueryLookup = std::function<std::optional<std::string>(std::string_view name)>;
Verification verify_intent(const model::Source& source, const QueryLookup& query,
                           core::Timestamp now);

// Whether a delivery's X-Hub-Signature ("sha256=HEX" or "sha512=HEX") is the HMAC of
// `body` under the subscription's secret. sha1 (the old default) is refused as too weak.
bool signature_valid(std::string_view secret, std::optional<std::string_view> header,
                     std::string_view body);

}  // namespace nz::ingest::websub
