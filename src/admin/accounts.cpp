#include "admin/accounts.h"

#include <algorithm>

#include <boost/json.hpp>

#include "core/clock.h"
#include "store/store.h"

namespace nz::admin {
namespace {

// An email address as far as a login name needs: one '@' with something on both sides, a dot
// in the domain, no spaces or control characters, at most 254 bytes (RFC 5321's path limit).
bool looks_like_email(std::string_view email) {
  if (email.size() < 3 || email.size() > 254) return false;
  size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == email.size()) return false;
  if (email.find('@', at + 1) != std::string_view::npos) return false;
  if (email.substr(at + 1).find('.') == std::string_view::npos) return false;
  return std::none_of(email.begin(), email.end(),
                      [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f; });
}

}  // namespace

Status record_change(store::Store& store, const core::Clock& clock, const Actor& actor,
                     std::string action, std::string target, std::string before,
                     std::string after) {
  auto appended = store.append_audit({.at = clock.now(),
                                      .actor_kind = actor.kind,
                                      .user_id = actor.user_id,
                                      .actor_label = actor.label,
                                      .action = std::move(action),
                                      .target = std::move(target),
                                      .before_json = std::move(before),
                                      .after_json = std::move(after),
                                      .address = actor.address});
  if (!appended) return appended.error();
  return Ok();
}

std::string normalize_email(std::string_view email) {
  while (!email.empty() && (email.front() == ' ' || email.front() == '\t')) email.remove_prefix(1);
  while (!email.empty() && (email.back() == ' ' || email.back() == '\t')) email.remove_suffix(1);
  std::string out(email);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string user_json(const model::User& user) {
  boost::json::object o;
  o["id"] = user.id;
  o["email"] = user.email;
  o["role"] = std::string(model::to_string(user.role));
  if (user.partner_id) {
    o["partner_id"] = *user.partner_id;
  } else {
    o["partner_id"] = nullptr;
  }
  o["disabled"] = user.disabled;
  return boost::json::serialize(o);
}

Result<model::User> create_user(store::Store& store, const core::Clock& clock,
                                const NewUser& request, const Actor& actor,
                                const crypto::PasswordLimits& limits) {
  std::string email(request.email);
  while (!email.empty() && email.back() == ' ') email.pop_back();
  while (!email.empty() && email.front() == ' ') email.erase(0, 1);
  if (!looks_like_email(email)) {
    return Error::InvalidInput("\"" + email + "\" is not an email address");
  }
  const bool is_partner = request.role == model::Role::kPartner;
  if (is_partner && request.partner.empty()) {
    return Error::InvalidInput("a partner user needs --partner: the partner it belongs to");
  }
  if (!is_partner && !request.partner.empty()) {
    return Error::InvalidInput("only partner users belong to a partner; " +
                               std::string(model::to_string(request.role)) +
                               "s see the whole site");
  }
  if (auto strong = crypto::check_password_strength(request.password, email); !strong) {
    return strong.error();
  }
  model::User user{.email = email, .role = request.role, .created = clock.now()};
  if (is_partner) {
    auto partner = store.find_partner_by_name(request.partner);
    if (!partner) {
      return Error::NotFound("no partner \"" + request.partner +
                             "\" (see `newszone partner list`)");
    }
    user.partner_id = partner->id;
  }
  // Hashing takes a moment and much memory: before the transaction, not inside it.
  auto hash = crypto::hash_password(request.password, limits);
  if (!hash) return hash.error();
  user.password_hash = std::move(*hash);
  model::User added;
  Status done = store.atomically([&]() -> Status {
    auto stored = store.add_user(user);
    if (!stored) return stored.error();
    added = *stored;
    return record_change(store, clock, actor, "user.add", "user:" + std::to_string(added.id), "",
                         user_json(added));
  });
  if (!done) return done.error();
  return added;
}

Result<model::User> set_user_disabled(store::Store& store, const core::Clock& clock,
                                      model::UserId id, bool disabled, const Actor& actor) {
  model::User after;
  Status done = store.atomically([&]() -> Status {
    auto before = store.find_user(id);
    if (!before) return before.error();
    if (before->disabled == disabled) {
      after = *before;
      return Ok();  // nothing changes, nothing to record
    }
    if (auto set = store.set_user_disabled(id, disabled); !set) return set;
    after = *before;
    after.disabled = disabled;
    return record_change(store, clock, actor, disabled ? "user.disable" : "user.enable",
                         "user:" + std::to_string(after.id), user_json(*before),
                         user_json(after));
  });
  if (!done) return done.error();
  return after;
}

}  // namespace nz::admin
