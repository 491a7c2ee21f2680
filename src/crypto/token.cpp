#include "crypto/token.h"

#include <sodium.h>

#include <algorithm>

#include "crypto/password.h"
#include "crypto/sodium_init.h"

namespace nz::crypto {
namespace {

// URL-safe base64 of 32 random bytes without padding.
constexpr size_t kEncodedChars = 43;

bool is_base64url(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         c == '-' || c == '_';
}

}  // namespace

NewToken make_token() {
  NewToken out;
  out.token = std::string(kTokenPrefix) + random_urlsafe();  // 256 bits (crypto/password.h)
  out.display = token_display(out.token);
  out.hash = token_hash(out.token);
  return out;
}

std::string token_hash(std::string_view token) {
  ensure_sodium();
  unsigned char digest[crypto_generichash_BYTES];  // 32 bytes: BLAKE2b-256
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  char hex[crypto_generichash_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, sizeof hex - 1);
}

bool looks_like_token(std::string_view text) {
  if (text.size() != kTokenPrefix.size() + kEncodedChars) return false;
  if (!text.starts_with(kTokenPrefix)) return false;
  text.remove_prefix(kTokenPrefix.size());
  return std::all_of(text.begin(), text.end(), is_base64url);
}

std::string token_display(std::string_view token) {
  return std::string(token.substr(0, kTokenPrefix.size() + 8)) + "\u2026";
}

}  // namespace nz::crypto
