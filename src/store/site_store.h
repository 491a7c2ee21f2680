// SiteStore keeps the one Site record. Thread-safe.
#pragma once

#include "core/result.h"
#include "model/site.h"

namespace nz::store {

class SiteStore {
 public:
  virtual ~SiteStore() = default;
  // The stored site, or model::Site{} defaults when none was ever set.
  virtual Result<model::Site> get_site() = 0;
  virtual Status set_site(const model::Site& site) = 0;
};

}  // namespace nz::store
