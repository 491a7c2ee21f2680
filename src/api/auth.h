// What every call of the JSON API shares: the bearer token (a partner's or a user's), and
// errors as JSON in the one shape the OpenAPI document gives:
//   {"error": {"status": N, "message": "...", "field": "..."}}  ("field" only when one is wrong)
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "core/result.h"
#include "http/message.h"
#include "model/api_token.h"
#include "model/user.h"

namespace nz::core { class Clock; }
namespace nz::store { class Store; }

namespace nz::api {

// The error answer for `status`, no-store; a 401 also says how to authenticate
// (WWW-Authenticate: Bearer). `field` names the body's field that is wrong, when one is.
http::Response json_error(int status, const std::string& message,
                          const std::string& field = "");

// Who is calling: a valid token and, for a user's token, the user it acts as.
struct Credential {
  model::ApiToken token;
  std::optional<model::User> user;  // set for a user's token: enabled, an admin or editor

  // An editor's or admin's token: the editors' operations are theirs alone.
  bool is_staff() const { return user.has_value(); }
};

// The valid token the request's "Authorization: Bearer TOKEN" names. kInvalidInput, with a
// message for the caller, when the header is missing or malformed, the token unknown or
// revoked, or its user disabled (the caller answers 401); the store's own error when it fails
// (503). A user's token is checked against the user on every request, so disabling a user
// stops their tokens at once.
Result<Credential> authenticate(store::Store& store, const http::Request& request);

// authenticate, and the answer to send when it fails (401, or 503 when the store does). Moves
// the token's last_used, at most once a minute (reading is not a write per request).
std::variant<Credential, http::Response> identify(store::Store& store, const core::Clock& clock,
                                                  const http::Request& request);

}  // namespace nz::api
