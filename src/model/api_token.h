// ApiToken: a partner's bearer token for the push API. The token itself is shown once, when
// made; the store keeps only its hash.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.h"
#include "model/partner.h"

namespace nz::model {

using TokenId = int64_t;

struct ApiToken {
  TokenId id = 0;  // assigned by the store
  PartnerId partner_id = 0;
  std::string name;    // what the partner calls it ("CMS production")
  std::string prefix;  // the token's first characters, to tell tokens apart in lists
  std::string hash;    // see auth/token.h
  core::Timestamp created{};
  std::optional<core::Timestamp> last_used;
  std::optional<core::Timestamp> revoked;  // set once revoked: the token no longer works

  bool valid() const { return !revoked; }
};

}  // namespace nz::model
