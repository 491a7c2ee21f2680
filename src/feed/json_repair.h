// What can be kept of a JSON feed document that does not parse, typically one cut off in
// transfer: the complete items before the break. Pure; thread-safe.
#pragma once

#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace nz::feed {

struct RecoveredJson {
  // The document cut after the last complete item before the break and closed again:
  //  - a top-level array (ninjs items): its complete elements;
  //  - an object whose "items" array was cut (JSON Feed): the members before "items" and the
  //    complete items;
  //  - any other object: its complete members (for a JSON Feed cut after its items). The
  //    caller decides whether that is a feed: for a single ninjs item it is a partial item,
  //    which must not be taken for the whole.
  boost::json::value value;
  bool cut_in_items = false;  // the break was inside the top-level array or "items"
  size_t items_kept = 0;      // complete elements kept of that array
  std::string problem;        // for bozo_reason: "invalid JSON at byte N (...)"
};

// nullopt when `text` is valid JSON, when its first value is complete and something follows it
// (JSON lines, read line by line by the caller), when the break comes before any complete
// element of the top-level array, or when nothing is left.
std::optional<RecoveredJson> recover_json(std::string_view text);

}  // namespace nz::feed
