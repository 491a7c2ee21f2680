// UserStore keeps the people who sign in (model::User), their sessions and the failed logins
// that rate limiting counts. Thread-safe.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "model/user.h"

namespace nz::store {

// Failed logins within a window, for rate limiting (admin/login_limits.h).
struct LoginFailureCounts {
  int64_t account = 0;  // failures naming this account
  int64_t address = 0;  // failures from this address, whatever account they named
  // The oldest failure counted for the account, so a lock can say when it ends.
  std::optional<core::Timestamp> oldest_account_failure;
};

class UserStore {
 public:
  virtual ~UserStore() = default;

  // ---- users ----
  // Stores a new user and returns it with its id. kConflict when the email is taken (letter
  // case aside); kInvalidInput on an empty email or hash, or a partner_id given for a role
  // other than partner (or missing for a partner); kNotFound when the partner does not exist.
  virtual Result<model::User> add_user(const model::User& user) = 0;
  virtual Result<model::User> find_user(model::UserId id) = 0;  // kNotFound
  // The user with this email, letter case aside; kNotFound.
  virtual Result<model::User> find_user_by_email(std::string_view email) = 0;
  virtual Result<std::vector<model::User>> list_users() = 0;  // by email
  // Enables or disables a user; disabling also ends every session of theirs. kNotFound.
  virtual Status set_user_disabled(model::UserId id, bool disabled) = 0;

  // ---- sessions ----
  // Stores a new session. kConflict when id_hash exists; kNotFound when the user does not.
  virtual Status add_session(const model::Session& session) = 0;
  // The session with this id hash; kNotFound when there is none (expired ones are still
  // returned until deleted: the caller decides with its clock).
  virtual Result<model::Session> find_session(std::string_view id_hash) = 0;
  // Moves last_seen; a missing session is not an error.
  virtual Status touch_session(std::string_view id_hash, core::Timestamp last_seen) = 0;
  // Ends one session; a missing one is not an error.
  virtual Status delete_session(std::string_view id_hash) = 0;
  // Deletes sessions whose absolute end is before `now`, or whose last_seen is before
  // `idle_since`; returns how many.
  virtual Result<int64_t> delete_expired_sessions(core::Timestamp now,
                                                  core::Timestamp idle_since) = 0;

  // ---- failed logins ----
  // Records one failed login, and forgets failures before `forget_before`.
  virtual Status record_login_failure(std::string_view account, std::string_view address,
                                      core::Timestamp at, core::Timestamp forget_before) = 0;
  // Failures at or after `since` naming `account` and from `address`.
  virtual Result<LoginFailureCounts> count_login_failures(std::string_view account,
                                                          std::string_view address,
                                                          core::Timestamp since) = 0;
  // Records a successful login of `user` from `address` (login_addresses).
  virtual Status record_login_success(model::UserId user, std::string_view address,
                                      core::Timestamp at) = 0;
  // True when `user` signed in from `address` at or after `since`.
  virtual Result<bool> is_known_address(model::UserId user, std::string_view address,
                                        core::Timestamp since) = 0;
  // Forgets the account's failures (after a successful login, or `newszone user unlock`).
  virtual Status clear_login_failures(std::string_view account) = 0;

  // ---- password resets (issue 8) ----
  // Replaces the user's password hash. kNotFound; kInvalidInput on an empty hash.
  virtual Status set_user_password(model::UserId id, std::string_view password_hash) = 0;
  // Ends every session of the user; returns how many there were.
  virtual Result<int64_t> delete_user_sessions(model::UserId id) = 0;
  // Stores a new reset link and returns it with its id; the user's older links that are
  // neither used nor replaced get replaced = reset.created. kNotFound when the user does not
  // exist; kInvalidInput on an empty hash; kConflict when the hash is already stored.
  virtual Result<model::PasswordReset> add_password_reset(const model::PasswordReset& reset) = 0;
  // The link with this hash, whatever its state; kNotFound when there is none.
  virtual Result<model::PasswordReset> find_password_reset(std::string_view token_hash) = 0;
  // Marks the link used at `when`, only if it is neither used nor replaced: kConflict
  // otherwise (so that of two uses racing, one wins); kNotFound.
  virtual Status use_password_reset(int64_t id, core::Timestamp when) = 0;
};

}  // namespace nz::store
