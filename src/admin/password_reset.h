// One-time links that let a user set a new password (issue 8): an admin makes one on
// /admin/users, or `newszone user reset-link` for the first admin locked out, and gives it to
// the user, who opens /admin/reset?token=... and chooses a new password.
//
// A link's token is 256 random bits (crypto::make_session_secret); the store keeps only its
// hash. A link works once, until it expires, for the user it was made for, only while that
// user is enabled and only while it is their newest link. Using it sets the password, ends
// every session of the user and forgets their failed sign-ins, audited in one transaction.
// The token is never logged nor written to the audit log.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "admin/accounts.h"
#include "core/result.h"
#include "crypto/password.h"
#include "model/user.h"

namespace nz::admin {

// How long a reset link works unless the config says otherwise ([admin] reset_link_seconds).
inline constexpr std::chrono::seconds kResetLinkLife{3600};

struct MadeResetLink {
  model::User user;
  model::PasswordReset stored;
  std::string token;  // show once, to the admin who made it; never store or log
};

// The path of the reset form for `token`: "/admin/reset?token=...".
std::string reset_path(std::string_view token);

// Makes a link for `user`, valid for `life`, which replaces the user's older open links, and
// appends "user.reset_link" (the link's id and end, never its token) in the same transaction.
// kNotFound for an unknown user; kConflict for a disabled one (enable the account first).
Result<MadeResetLink> create_reset_link(store::Store& store, const core::Clock& clock,
                                        model::UserId user, std::chrono::seconds life,
                                        const Actor& actor);

struct OpenReset {
  model::PasswordReset reset;
  model::User user;
};

// The open link `token` names, with its user. Refusals, each with a message for the person
// holding the link: kInvalidInput for a token that is no token (cut short, mangled);
// kNotFound for one never made; kConflict for one used, replaced by a newer link, expired,
// or made for a user who is now disabled.
Result<OpenReset> check_reset_link(store::Store& store, const core::Clock& clock,
                                   std::string_view token);

// Sets `password` (checked first with crypto::check_password_strength: kInvalidInput and
// its message) for the link's user. In one transaction: the link is checked again and marked
// used (kConflict when it was used, replaced, expired or the user disabled meanwhile), the
// hash replaced, every session of the user ended, their failed sign-ins forgotten, and
// "user.password_reset" appended with the user as the actor, from `address`.
Result<model::User> complete_reset(store::Store& store, const core::Clock& clock,
                                   const OpenReset& open, std::string_view password,
                                   std::string address,
                                   const crypto::PasswordLimits& limits =
                                       crypto::PasswordLimits::interactive());

}  // namespace nz::admin
