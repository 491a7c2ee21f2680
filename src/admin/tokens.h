// Partners' API tokens made and revoked from the partner portal, each change written to the
// audit log in the same transaction (as admin/accounts.h does for users).
//
// A token belongs to a partner (model::ApiToken) and works for every zone of that partner;
// the push API refuses it for any other zone.
#pragma once

#include <string>

#include "admin/accounts.h"
#include "core/result.h"
#include "model/api_token.h"

namespace nz::admin {

struct MadeToken {
  model::ApiToken stored;  // what the store keeps: the display form and the hash
  std::string token;       // the token itself: show once, never store or log
};

// Makes a token named `name` (trimmed; "API token" when empty) for `partner` and appends
// "token.create" with the token as token_json gives it. kInvalidInput on a name over 100
// bytes; kNotFound for an unknown partner.
Result<MadeToken> create_partner_token(store::Store& store, const core::Clock& clock,
                                       model::PartnerId partner, std::string name,
                                       const Actor& actor);

// Revokes token `id` of `partner` and appends "token.revoke" with the state before and after.
// kNotFound when there is no such token or it is another partner's (the two are not told
// apart). Revoking a revoked token changes nothing and records nothing.
Result<model::ApiToken> revoke_partner_token(store::Store& store, const core::Clock& clock,
                                             model::PartnerId partner, model::TokenId id,
                                             const Actor& actor);

// The token as the audit log records it: id, partner_id, name, display, created, revoked.
// Never the token or its hash.
std::string token_json(const model::ApiToken& token);

}  // namespace nz::admin
