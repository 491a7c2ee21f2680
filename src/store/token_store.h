// TokenStore keeps API tokens (their hashes), each a partner's or a user's. Thread-safe.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "model/api_token.h"

namespace nz::store {

class TokenStore {
 public:
  virtual ~TokenStore() = default;
  // Stores a new token and returns it with its id. kNotFound when its partner or user does not
  // exist; kInvalidInput on an empty hash or name, or unless exactly one of partner_id and
  // user_id is set; kConflict when the hash is already stored.
  virtual Result<model::ApiToken> add_token(const model::ApiToken& token) = 0;
  // The token with this hash, revoked or not; kNotFound when there is none.
  virtual Result<model::ApiToken> find_token_by_hash(std::string_view hash) = 0;
  virtual Result<model::ApiToken> find_token(model::TokenId id) = 0;  // kNotFound
  // Tokens of one partner, or every token (users' too) when none is given, newest first.
  virtual Result<std::vector<model::ApiToken>> list_tokens(
      std::optional<model::PartnerId> partner) = 0;
  // Tokens of one user, newest first (issue 8).
  virtual Result<std::vector<model::ApiToken>> list_user_tokens(model::UserId user) = 0;
  // Revokes the token from `when` on; revoking twice keeps the first time. kNotFound.
  virtual Status revoke_token(model::TokenId id, core::Timestamp when) = 0;
  // Records that the token was used at `when`.
  virtual Status touch_token(model::TokenId id, core::Timestamp when) = 0;
};

}  // namespace nz::store
