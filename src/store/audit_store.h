// AuditStore keeps the append-only log of every change a person or a token makes
// (model::AuditEntry): rows are added, never changed or removed. Thread-safe.
#pragma once

#include <optional>
#include <vector>

#include "core/result.h"
#include "model/user.h"

namespace nz::store {

struct AuditFilter {
  std::optional<int64_t> before_id;  // only entries older than this one (paging back)
  int limit = 50;                    // 1..500, newest first
};

class AuditStore {
 public:
  virtual ~AuditStore() = default;
  // Appends one entry and returns it with its id. kInvalidInput when the action is empty or
  // the actor's ids do not match its kind.
  virtual Result<model::AuditEntry> append_audit(const model::AuditEntry& entry) = 0;
  virtual Result<std::vector<model::AuditEntry>> list_audit(const AuditFilter& filter) = 0;
};

}  // namespace nz::store
