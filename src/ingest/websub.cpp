#include "ingest/websub.h"

#include "core/percent_encode.h"
#include "crypto/digest.h"

namespace nz::ingest::websub {

std::string callback_url(std::string_view site_base, model::SourceId source) {
  std::string base(site_base);
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/websub/" + std::to_string(source);
}

bool should_subscribe(const model::Source& source, std::string_view hub, std::string_view topic,
                      core::Timestamp now) {
  if (hub.empty() || !source.settings.enabled) return false;
  const model::WebSub& w = source.websub;
  if (w.hub != hub || w.topic != topic) return true;
  switch (w.state) {
    case model::WebSub::State::kNone: return true;
    case model::WebSub::State::kRequested:
      // The hub is on it; one that never verified (it cannot reach us?) is asked again.
      return now - w.lease_until.value_or(core::Timestamp{}) > kRetryAfterFailure;
    case model::WebSub::State::kActive:
      return !w.lease_until || *w.lease_until - now < kRenewBefore;
    case model::WebSub::State::kDenied:
    case model::WebSub::State::kFailed:
      // lease_until holds when it failed (see verify_intent and the Poller).
      return now - w.lease_until.value_or(core::Timestamp{}) > kRetryAfterFailure;
  }
  return false;
}

fetch::FetchRequest subscribe_request(std::string_view hub, std::string_view topic,
                                      std::string_view callback, std::string_view secret,
                                      std::string_view user_agent) {
  fetch::FetchRequest request{.url = std::string(hub), .user_agent = std::string(user_agent)};
  request.timeout = std::chrono::seconds(20);
  request.max_body_bytes = 64 * 1024;
  request.form_body = "hub.mode=subscribe&hub.topic=" + core::percent_encode(topic) +
                      "&hub.callback=" + core::percent_encode(callback) +
                      "&hub.secret=" + core::percent_encode(secret) +
                      "&hub.lease_seconds=" + std::to_string(kLease.count());
  return request;
}

Verification verify_intent(const model::Source& source, const QueryLookup& query,
                           core::Timestamp now) {
  const auto mode = query("hub.mode");
  const auto topic = query("hub.topic");
  const model::WebSub& w = source.websub;
  Verification out;
  if (!mode || !topic || w.topic.empty() || *topic != w.topic) {
    out.body = "no subscription to that topic here\n";
    return out;  // 404: not ours
  }
  if (*mode == "denied") {
    model::WebSub denied = w;
    denied.state = model::WebSub::State::kDenied;
    denied.error = "the hub denied the subscription: " + query("hub.reason").value_or("no reason given");
    denied.lease_until = now;  // retry timing counts from here
    out.status = 200;
    out.record = std::move(denied);
    return out;
  }
  const auto challenge = query("hub.challenge");
  if (*mode == "subscribe" && challenge && !challenge->empty() &&
      (w.state == model::WebSub::State::kRequested || w.state == model::WebSub::State::kActive)) {
    std::chrono::seconds lease = kLease;
    if (auto seconds = query("hub.lease_seconds")) {
      try {
        lease = std::chrono::seconds(std::stoll(*seconds));
      } catch (...) {
        lease = kLease;
      }
    }
    model::WebSub active = w;
    active.state = model::WebSub::State::kActive;
    active.lease_until = now + lease;
    active.error.clear();
    out.status = 200;
    out.body = *challenge;
    out.record = std::move(active);
    return out;
  }
  // An unsubscribe we never asked for, or a subscribe we did not request: refuse.
  out.body = "not requested\n";
  return out;
}

bool signature_valid(std::string_view secret, std::optional<std::string_view> header,
                     std::string_view body) {
  if (!header || secret.empty()) return false;
  size_t eq = header->find('=');
  if (eq == std::string_view::npos) return false;
  std::string_view method = header->substr(0, eq);
  std::string given(header->substr(eq + 1));
  for (char& c : given) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (method == "sha256") return crypto::constant_time_equal(given, crypto::hmac_sha256_hex(secret, body));
  if (method == "sha512") return crypto::constant_time_equal(given, crypto::hmac_sha512_hex(secret, body));
  return false;
}

}  // namespace nz::ingest::websub
