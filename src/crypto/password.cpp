#include "crypto/password.h"

#include <sodium.h>

#include <algorithm>

#include "crypto/sodium_init.h"
#include "crypto/token.h"

namespace nz::crypto {
namespace {

constexpr size_t kRandomBytes = 32;
constexpr size_t kEncodedChars = 43;  // URL-safe base64 of 32 bytes, no padding

bool is_base64url(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         c == '-' || c == '_';
}

size_t code_points(std::string_view text) {
  // Continuation bytes (10xxxxxx) do not start a character.
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

bool equal_ignoring_ascii_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
           return lower(x) == lower(y);
         });
}

}  // namespace

PasswordLimits PasswordLimits::interactive() {
  return {.ops = crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE,
          .mem_bytes = crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE};
}

PasswordLimits PasswordLimits::minimal() {
  return {.ops = crypto_pwhash_argon2id_OPSLIMIT_MIN,
          .mem_bytes = crypto_pwhash_argon2id_MEMLIMIT_MIN};
}

Status check_password_strength(std::string_view password, std::string_view email) {
  const size_t chars = code_points(password);
  if (chars < kMinPasswordChars) {
    return Error::InvalidInput("the password is too short: it has " + std::to_string(chars) +
                               " characters and needs at least " +
                               std::to_string(kMinPasswordChars) +
                               " (a few unrelated words make a good one)");
  }
  if (password.size() > kMaxPasswordBytes) {
    return Error::InvalidInput("the password is too long: at most " +
                               std::to_string(kMaxPasswordBytes) + " bytes");
  }
  if (std::all_of(password.begin(), password.end(),
                  [&](char c) { return c == password.front(); })) {
    return Error::InvalidInput("the password is one character repeated; choose another");
  }
  if (equal_ignoring_ascii_case(password, email)) {
    return Error::InvalidInput("the password must not be the email address");
  }
  return Ok();
}

Result<std::string> hash_password(std::string_view password, const PasswordLimits& limits) {
  ensure_sodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), limits.ops, limits.mem_bytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Error::Internal("hash password: out of memory");
  }
  return std::string(out);
}

bool verify_password(std::string_view hash, std::string_view password) {
  ensure_sodium();
  // crypto_pwhash_str_verify reads a NUL-terminated string of at most STRBYTES.
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  std::string terminated(hash);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

NewSecret make_session_secret() {
  std::string value = random_urlsafe();
  return {.value = value, .hash = secret_hash(value)};
}

std::string secret_hash(std::string_view secret) { return token_hash(secret); }

bool looks_like_session_secret(std::string_view text) {
  return text.size() == kEncodedChars && std::all_of(text.begin(), text.end(), is_base64url);
}

std::string random_urlsafe() {
  ensure_sodium();
  unsigned char random[kRandomBytes];
  randombytes_buf(random, sizeof random);
  char encoded[sodium_base64_ENCODED_LEN(kRandomBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(encoded, sizeof encoded, random, sizeof random,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero(random, sizeof random);
  std::string out(encoded);
  sodium_memzero(encoded, sizeof encoded);
  return out;
}

}  // namespace nz::crypto
