// User, Session and AuditEntry: the people who sign in to the admin and the partner portal,
// their signed-in browsers, and the record of every change a person or a token makes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "model/api_token.h"
#include "model/partner.h"

namespace nz::model {

using UserId = int64_t;

// What a user may do (issue 8): an admin everything, users included; an editor the site's
// content (sections, zones, partners, sources, moderation, corrections, withdrawal, tags); a
// partner only its own zones, read-only, and its API tokens.
enum class Role { kAdmin, kEditor, kPartner };

std::string_view to_string(Role role);  // "admin", "editor", "partner"
std::optional<Role> parse_role(std::string_view text);

struct User {
  UserId id = 0;  // assigned by the store
  std::string email;  // the login name; unique whatever its letter case
  Role role = Role::kEditor;
  std::optional<PartnerId> partner_id;  // set exactly when role is kPartner
  std::string password_hash;  // crypto::hash_password's output, never the password
  core::Timestamp created{};
  bool disabled = false;  // a disabled user cannot sign in; their sessions stop working
};

// A signed-in browser. The session id itself lives only in the browser's cookie.
struct Session {
  std::string id_hash;     // crypto::secret_hash of the cookie's value
  UserId user_id = 0;
  std::string csrf_token;  // sent with every form of this session
  core::Timestamp created{};
  core::Timestamp expires{};    // the absolute end, whatever the activity
  core::Timestamp last_seen{};  // the idle end is last_seen + the idle limit
  std::string address;          // the client address that signed in
};

// A one-time link for setting a new password (010_password_resets.sql). The link itself is
// shown once, to the admin who made it; only its hash is kept.
struct PasswordReset {
  int64_t id = 0;  // assigned by the store
  UserId user_id = 0;
  std::string token_hash;  // crypto::secret_hash of the link's token
  core::Timestamp created{};
  core::Timestamp expires{};
  std::optional<core::Timestamp> used;      // set once the password was set with it
  std::optional<core::Timestamp> replaced;  // set when a newer link for the user was made
};

// Who made a change.
enum class ActorKind { kUser, kToken, kCli };

std::string_view to_string(ActorKind kind);  // "user", "token", "cli"
std::optional<ActorKind> parse_actor_kind(std::string_view text);

// One row of the append-only audit log.
struct AuditEntry {
  int64_t id = 0;  // assigned by the store
  core::Timestamp at{};
  ActorKind actor_kind = ActorKind::kCli;
  std::optional<UserId> user_id;    // set exactly for kUser
  std::optional<TokenId> token_id;  // set exactly for kToken
  std::string actor_label;  // the user's email or the token's prefix at the time; "cli"
  std::string action;       // "user.add", "user.disable", ...
  std::string target;       // "user:3", "section:7", ...
  std::string before_json;  // the state before, as JSON; empty when there was none
  std::string after_json;   // the state after, as JSON; empty when there is none
  std::string address;      // the client address; empty for the CLI
};

}  // namespace nz::model
