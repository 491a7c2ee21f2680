// Passwords: argon2id hashes (libsodium's crypto_pwhash_str), a strength rule, and session
// secrets for people who have signed in.
//
// A hash string carries its own algorithm, salt and limits ("$argon2id$v=19$m=65536,t=2,
// p=1$..."), so verify_password needs nothing else and hashes made with other limits (the
// tests' low ones) still verify.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace nz::crypto {

// How much work one hash costs. interactive() is libsodium's INTERACTIVE level (64 MiB, 2
// passes), meant for logins; minimal() is the least argon2id allows, for tests only.
struct PasswordLimits {
  uint64_t ops = 0;
  size_t mem_bytes = 0;
  static PasswordLimits interactive();
  static PasswordLimits minimal();
};

inline constexpr size_t kMinPasswordChars = 12;
inline constexpr size_t kMaxPasswordBytes = 1024;

// Ok when `password` may be used: at least kMinPasswordChars characters (code points, so a
// Finnish or Chinese password counts what a person typed), at most kMaxPasswordBytes bytes,
// not one character repeated, and not the account's own email. kInvalidInput with a message
// for the person choosing it otherwise.
Status check_password_strength(std::string_view password, std::string_view email);

// The argon2id hash string of `password` with a fresh random salt. kInternal when libsodium
// cannot allocate the memory the limits ask for.
Result<std::string> hash_password(std::string_view password,
                                  const PasswordLimits& limits = PasswordLimits::interactive());

// True when `password` matches `hash`; false for a wrong one and for a malformed hash.
// Takes as long as hashing did, so call it once per login attempt.
bool verify_password(std::string_view hash, std::string_view password);

// A signed-in browser's session id: 256 random bits, URL-safe base64 (43 characters), the
// value of its cookie. Only secret_hash(id) is stored.
struct NewSecret {
  std::string value;  // goes to the browser, never stored
  std::string hash;   // what the store keeps
};
NewSecret make_session_secret();

// Lower-case hex BLAKE2b-256: 256 random bits leave nothing to brute-force, so a fast hash
// serves (as for API tokens) and one index lookup finds the session.
std::string secret_hash(std::string_view secret);

// True when `text` has the shape make_session_secret() gives; checked before any lookup.
bool looks_like_session_secret(std::string_view text);

// 256 random bits as URL-safe base64, for CSRF tokens.
std::string random_urlsafe();

}  // namespace nz::crypto
