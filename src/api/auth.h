// What every call of the JSON API shares: the partner's bearer token, and errors as JSON in
// the one shape the OpenAPI document gives: {"error": {"status": N, "message": "..."}}.
#pragma once

#include <string>

#include "core/result.h"
#include "http/message.h"
#include "model/api_token.h"

namespace nz::store { class Store; }

namespace nz::api {

// The error answer for `status`, no-store; a 401 also says how to authenticate
// (WWW-Authenticate: Bearer).
http::Response json_error(int status, const std::string& message);

// The valid token the request's "Authorization: Bearer TOKEN" names. kInvalidInput, with a
// message for the partner, when the header is missing or malformed or the token unknown or
// revoked (the caller answers 401); the store's own error when it fails (503).
Result<model::ApiToken> authenticate(store::Store& store, const http::Request& request);

}  // namespace nz::api
