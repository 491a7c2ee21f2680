// API tokens made and revoked from the partner portal, the admin (/admin/tokens) and the CLI,
// each change written to the audit log in the same transaction (as admin/accounts.h does for
// users).
//
// A token belongs to a partner or to a user (model::ApiToken). A partner's works for every
// zone of that partner; the push API refuses it for any other zone. A user's acts as that
// user, an editor or an admin, for as long as the user is enabled.
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

// Makes a token named `name` (as for partners) for `user`, an admin or editor, and appends
// "token.create". kInvalidInput for a name over 100 bytes or a partner user (partner users'
// systems use their partner's tokens) or a disabled one; kNotFound for an unknown user.
Result<MadeToken> create_user_token(store::Store& store, const core::Clock& clock,
                                    model::UserId user, std::string name, const Actor& actor);

// Revokes token `id` of `user`, as revoke_partner_token does for a partner's.
Result<model::ApiToken> revoke_user_token(store::Store& store, const core::Clock& clock,
                                          model::UserId user, model::TokenId id,
                                          const Actor& actor);

// The token as the audit log records it: id, partner_id, user_id, name, display, created,
// revoked.
// Never the token or its hash.
std::string token_json(const model::ApiToken& token);

}  // namespace nz::admin
