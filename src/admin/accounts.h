// Creating and changing users, each change written to the audit log in the same transaction.
// One function per change, called by the CLI (`newszone user`) and by the admin's pages.
#pragma once

#include <optional>
#include <string>

#include "core/result.h"
#include "crypto/password.h"
#include "model/user.h"

namespace nz::core { class Clock; }
namespace nz::store { class Store; }

namespace nz::admin {

// Who is making a change, for the audit log.
struct Actor {
  model::ActorKind kind = model::ActorKind::kCli;
  std::optional<model::UserId> user_id;
  std::string label = "cli";  // the user's email; "cli"
  std::string address;        // the client's address; empty for the CLI

  static Actor cli() { return {}; }
  static Actor user(const model::User& user, std::string address) {
    return {.kind = model::ActorKind::kUser, .user_id = user.id, .label = user.email,
            .address = std::move(address)};
  }
};

// Appends one change to the audit log: `actor` did `action` to `target` ("user:3",
// "token:7"), with the JSON before and after ("" for none). Call it inside the change's own
// store transaction, so that a change is never without its row.
Status record_change(store::Store& store, const core::Clock& clock, const Actor& actor,
                     std::string action, std::string target, std::string before,
                     std::string after);

struct NewUser {
  std::string email;
  model::Role role = model::Role::kEditor;
  std::string partner;  // the partner's slug or name; required for, and only for, kPartner
  std::string password;
};

// Checks and stores a new user with an argon2id hash of the password, and appends
// "user.add" to the audit log, both in one transaction. kInvalidInput on an email that is no
// address, a weak password (crypto::check_password_strength's message) or a partner given
// for staff or missing for a partner; kNotFound for an unknown partner; kConflict when the
// email is taken.
Result<model::User> create_user(store::Store& store, const core::Clock& clock,
                                const NewUser& request, const Actor& actor,
                                const crypto::PasswordLimits& limits =
                                    crypto::PasswordLimits::interactive());

// Disables or enables a user (ending their sessions when disabling) and appends
// "user.disable" / "user.enable" with the state before and after. kNotFound.
Result<model::User> set_user_disabled(store::Store& store, const core::Clock& clock,
                                      model::UserId id, bool disabled, const Actor& actor);

// The user as the audit log records it: id, email, role, partner_id, disabled. Never the
// password hash.
std::string user_json(const model::User& user);

// The lowercased, trimmed email a login names: the key failed logins are counted under.
std::string normalize_email(std::string_view email);

}  // namespace nz::admin
