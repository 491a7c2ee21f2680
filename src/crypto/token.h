// API tokens: 256 random bits a partner's system sends as "Authorization: Bearer <token>".
// Only the hash is stored; the token is shown once, when made.
//
// A token looks like "nzp_" + 43 URL-safe base64 characters. The prefix marks it as ours (so
// that secret scanners and people can recognise one), and its first characters, shown in
// lists, tell a partner's tokens apart without revealing them.
#pragma once

#include <string>
#include <string_view>

namespace nz::crypto {

inline constexpr std::string_view kTokenPrefix = "nzp_";

struct NewToken {
  std::string token;    // show once, never store
  std::string display;  // "nzp_AbCd1234…": safe to show in lists and logs
  std::string hash;     // what the store keeps: token_hash(token)
};

// A fresh random token from the system's CSPRNG.
NewToken make_token();

// Lower-case hex BLAKE2b-256 of the token. The token carries 256 bits of entropy, so a fast
// hash is safe here (there is nothing to brute-force) and lets the store find a token by one
// index lookup; passwords, which are guessable, get argon2id instead.
std::string token_hash(std::string_view token);

// True when `text` has the shape of a token (prefix, length, alphabet). Checked before any
// lookup, so that junk in an Authorization header is refused cheaply.
bool looks_like_token(std::string_view text);

// The part of a token safe to show: the prefix and 8 characters, then an ellipsis.
std::string token_display(std::string_view token);

}  // namespace nz::crypto
