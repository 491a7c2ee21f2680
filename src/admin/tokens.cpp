#include "admin/tokens.h"

#include <boost/json.hpp>

#include "core/clock.h"
#include "core/rfc3339.h"
#include "crypto/token.h"
#include "store/store.h"

namespace nz::admin {
namespace {

constexpr size_t kMaxNameBytes = 100;

std::string trimmed(std::string s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.back())) s.pop_back();
  size_t start = 0;
  while (start < s.size() && space(s[start])) ++start;
  return s.substr(start);
}

}  // namespace

std::string token_json(const model::ApiToken& token) {
  boost::json::object o;
  o["id"] = token.id;
  o["partner_id"] = token.partner_id ? boost::json::value(*token.partner_id) : nullptr;
  o["user_id"] = token.user_id ? boost::json::value(*token.user_id) : nullptr;
  o["name"] = token.name;
  o["display"] = token.prefix;
  o["created"] = core::format_rfc3339(token.created);
  if (token.revoked) {
    o["revoked"] = core::format_rfc3339(*token.revoked);
  } else {
    o["revoked"] = nullptr;
  }
  return boost::json::serialize(o);
}

namespace {

// Stores `owner` (a token with its partner or user set) with a fresh secret, audited.
Result<MadeToken> create_token(store::Store& store, const core::Clock& clock,
                               model::ApiToken owner, std::string name, const Actor& actor) {
  name = trimmed(std::move(name));
  if (name.empty()) name = "API token";
  if (name.size() > kMaxNameBytes) {
    return Error::InvalidInput("a token's name has at most " + std::to_string(kMaxNameBytes) +
                               " characters");
  }
  crypto::NewToken made = crypto::make_token();
  MadeToken out{.token = std::move(made.token)};
  owner.name = name;
  owner.prefix = made.display;
  owner.hash = made.hash;
  owner.created = clock.now();
  Status done = store.atomically([&]() -> Status {
    auto added = store.add_token(owner);
    if (!added) return added.error();
    out.stored = *added;
    return record_change(store, clock, actor, "token.create",
                         "token:" + std::to_string(out.stored.id), "", token_json(out.stored));
  });
  if (!done) return done.error();
  return out;
}

// Revokes token `id` when `owns` says it is the caller's; kNotFound otherwise.
template <typename Owns>
Result<model::ApiToken> revoke(store::Store& store, const core::Clock& clock, model::TokenId id,
                               Owns owns, const Actor& actor) {
  model::ApiToken after;
  Status done = store.atomically([&]() -> Status {
    auto before = store.find_token(id);
    if (!before) return before.error();
    if (!owns(*before)) return Error::NotFound("no token " + std::to_string(id));
    after = *before;
    if (before->revoked) return Ok();  // revoked already: nothing changes, nothing to record
    const core::Timestamp now = clock.now();
    if (auto revoked = store.revoke_token(id, now); !revoked) return revoked;
    after.revoked = now;
    return record_change(store, clock, actor, "token.revoke", "token:" + std::to_string(after.id),
                         token_json(*before), token_json(after));
  });
  if (!done) return done.error();
  return after;
}

}  // namespace

Result<MadeToken> create_partner_token(store::Store& store, const core::Clock& clock,
                                       model::PartnerId partner, std::string name,
                                       const Actor& actor) {
  return create_token(store, clock, {.partner_id = partner}, std::move(name), actor);
}

Result<model::ApiToken> revoke_partner_token(store::Store& store, const core::Clock& clock,
                                             model::PartnerId partner, model::TokenId id,
                                             const Actor& actor) {
  return revoke(
      store, clock, id, [&](const model::ApiToken& t) { return t.partner_id == partner; },
      actor);
}

Result<MadeToken> create_user_token(store::Store& store, const core::Clock& clock,
                                    model::UserId user, std::string name, const Actor& actor) {
  auto owner = store.find_user(user);
  if (!owner) return owner.error();
  if (owner->role == model::Role::kPartner) {
    return Error::InvalidInput("a partner user's systems use their partner's tokens");
  }
  if (owner->disabled) return Error::InvalidInput(owner->email + " is disabled");
  return create_token(store, clock, {.user_id = user}, std::move(name), actor);
}

Result<model::ApiToken> revoke_user_token(store::Store& store, const core::Clock& clock,
                                          model::UserId user, model::TokenId id,
                                          const Actor& actor) {
  return revoke(
      store, clock, id, [&](const model::ApiToken& t) { return t.user_id == user; }, actor);
}

}  // namespace nz::admin
