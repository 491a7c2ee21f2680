// PartnerStore keeps partners. Thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "core/result.h"
#include "model/partner.h"

namespace nz::store {

class PartnerStore {
 public:
  virtual ~PartnerStore() = default;
  // Stores a new partner and returns it with its id. kConflict when the slug or name is taken,
  // kInvalidInput when the slug is not a valid slug or the name is empty.
  virtual Result<model::Partner> add_partner(const model::Partner& partner) = 0;
  // Replaces the name and url of the partner with partner.id (the slug stays: users and
  // scripts name partners by it). kNotFound when there is none; kConflict when another
  // partner has the name; kInvalidInput when the name is empty.
  virtual Status update_partner(const model::Partner& partner) = 0;
  // kNotFound when there is none.
  virtual Result<model::Partner> find_partner(model::PartnerId id) = 0;
  // Finds by slug or, failing that, by exact name. kNotFound when there is none.
  virtual Result<model::Partner> find_partner_by_name(std::string_view slug_or_name) = 0;
  // All partners ordered by name.
  virtual Result<std::vector<model::Partner>> list_partners() = 0;
};

}  // namespace nz::store
