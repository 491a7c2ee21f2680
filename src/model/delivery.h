// Delivery: one document received from a partner (pushed, polled or imported from a file),
// with the hash of its exact bytes and what became of its items. Article versions point to
// the delivery they arrived in, so every version's origin can be traced.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "model/section.h"

namespace nz::model {

using DeliveryId = int64_t;

enum class Channel { kPush, kPoll, kFile };

std::string_view to_string(Channel channel);  // "push", "poll", "file"
std::optional<Channel> parse_channel(std::string_view text);

struct DeliveryCounts {
  int64_t items = 0;
  int64_t created = 0;
  int64_t new_versions = 0;
  int64_t unchanged = 0;
  int64_t duplicates = 0;  // stored, but near-duplicates of articles already there
  int64_t failed = 0;
};

inline constexpr std::string_view kDeliveryInProgress = "in progress";
inline constexpr std::string_view kDeliveryOk = "ok";

struct Delivery {
  DeliveryId id = 0;  // assigned by the store
  core::Timestamp received{};
  SectionId section_id = 0;
  Channel channel = Channel::kFile;
  std::optional<int64_t> token_id;   // push
  std::optional<int64_t> source_id;  // poll
  std::string origin;                // URL polled, file name, or the token's prefix
  int64_t bytes = 0;
  std::string raw_sha256;  // hex SHA-256 of the bytes received
  std::string format;      // "rss20", ...; empty when unreadable
  DeliveryCounts counts;
  std::string result{kDeliveryInProgress};  // "ok", or what went wrong
};

}  // namespace nz::model
