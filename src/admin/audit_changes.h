// The audit log as people read it: which fields a change touched. An entry keeps the whole
// record before and after (JSON objects, admin::record_change); for an update most of both is
// the same, so the audit page lists the fields that differ first.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace nz::admin {

struct FieldChange {
  std::string field;
  std::string before;  // the value as text: strings without quotes, others as compact JSON;
  std::string after;   // empty when the field is missing on that side
  bool operator==(const FieldChange&) const = default;
};

// The top-level fields whose values differ between `before_json` and `after_json`: first
// those of `after` in its order, then those only `before` has. Empty when either side is
// empty or not a JSON object, and when nothing differs. Never fails: text that does not parse
// gives no changes (the page still shows the whole record).
std::vector<FieldChange> changed_fields(std::string_view before_json,
                                        std::string_view after_json);

}  // namespace nz::admin
