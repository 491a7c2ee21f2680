#include "api/auth.h"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>

#include "core/clock.h"
#include "crypto/token.h"
#include "store/store.h"

namespace nz::api {
namespace {

// last_used is written at most this often.
constexpr std::chrono::seconds kTouchEvery{60};

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

}  // namespace

http::Response json_error(int status, const std::string& message, const std::string& field) {
  namespace json = boost::json;
  json::object error{{"status", status}, {"message", message}};
  if (!field.empty()) error["field"] = field;
  json::object body{{"error", std::move(error)}};
  auto response = http::Response::json(status, json::serialize(body) + "\n");
  if (status == 401) response.set_header("WWW-Authenticate", "Bearer realm=\"newszone\"");
  response.set_header("Cache-Control", "no-store");
  return response;
}

Result<Credential> authenticate(store::Store& store, const http::Request& request) {
  auto header = request.header("authorization");
  if (!header) {
    return Error::InvalidInput("send your API token as Authorization: Bearer TOKEN");
  }
  std::string_view value = *header;
  if (value.size() < 7 || lower(value.substr(0, 7)) != "bearer ") {
    return Error::InvalidInput("the Authorization header must be \"Bearer TOKEN\"");
  }
  std::string token = trim(value.substr(7));
  if (!crypto::looks_like_token(token)) {
    return Error::InvalidInput("that is not a newszone token (they start with \"nzp_\")");
  }
  auto found = store.find_token_by_hash(crypto::token_hash(token));
  if (!found) {
    if (found.error().code == ErrorCode::kNotFound) {
      return Error::InvalidInput("unknown token; ask the site's editors for a new one");
    }
    return found.error();
  }
  if (!found->valid()) return Error::InvalidInput("this token has been revoked");
  Credential out{.token = std::move(*found)};
  if (out.token.user_id) {
    auto user = store.find_user(*out.token.user_id);
    if (!user) {
      if (user.error().code == ErrorCode::kNotFound) {
        return Error::InvalidInput("unknown token; make a new one in the admin");
      }
      return user.error();
    }
    if (user->disabled) return Error::InvalidInput("this token's user is disabled");
    if (user->role == model::Role::kPartner) {
      return Error::InvalidInput("a partner user's systems use their partner's tokens");
    }
    out.user = std::move(*user);
  }
  return out;
}

std::variant<Credential, http::Response> identify(store::Store& store, const core::Clock& clock,
                                                  const http::Request& request) {
  auto who = authenticate(store, request);
  if (!who) {
    if (who.error().code == ErrorCode::kInvalidInput) return json_error(401, who.error().message);
    return json_error(503, "the store is unavailable; try again shortly");
  }
  const core::Timestamp now = clock.now();
  if (!who->token.last_used || now - *who->token.last_used >= kTouchEvery) {
    (void)store.touch_token(who->token.id, now);  // a missed touch loses nothing
  }
  return std::move(*who);
}

}  // namespace nz::api
