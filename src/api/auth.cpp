#include "api/auth.h"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>

#include "crypto/token.h"
#include "store/store.h"

namespace nz::api {
namespace {

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

http::Response json_error(int status, const std::string& message) {
  namespace json = boost::json;
  json::object body{{"error", json::object{{"status", status}, {"message", message}}}};
  auto response = http::Response::json(status, json::serialize(body) + "\n");
  if (status == 401) response.set_header("WWW-Authenticate", "Bearer realm=\"newszone\"");
  response.set_header("Cache-Control", "no-store");
  return response;
}

Result<model::ApiToken> authenticate(store::Store& store, const http::Request& request) {
  auto header = request.header("authorization");
  if (!header) {
    return Error::InvalidInput("send the partner's token as Authorization: Bearer TOKEN");
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
  return found;
}

}  // namespace nz::api
