// ApiToken: a bearer token for the JSON API. The token itself is shown once, when made; the
// store keeps only its hash. It belongs to a partner (it pushes into and reads that partner's
// zones) or to a user, an editor or admin (it acts as that user, with that user's role).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.h"
#include "model/partner.h"

namespace nz::model {

using TokenId = int64_t;
using UserId = int64_t;  // as in model/user.h

struct ApiToken {
  TokenId id = 0;  // assigned by the store
  // Exactly one of the two is set (011_user_tokens.sql).
  std::optional<PartnerId> partner_id;
  std::optional<UserId> user_id;
  std::string name;    // what the partner calls it ("CMS production")
  std::string prefix;  // the token's first characters, to tell tokens apart in lists
  std::string hash;    // see auth/token.h
  core::Timestamp created{};
  std::optional<core::Timestamp> last_used;
  std::optional<core::Timestamp> revoked;  // set once revoked: the token no longer works

  bool valid() const { return !revoked; }
};

}  // namespace nz::model
