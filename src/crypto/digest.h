// Digests of bytes received, for provenance ("which exact bytes did this version come from"),
// and message authentication for signed deliveries (WebSub).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace nz::crypto {

// Lower-case hex SHA-256 of `bytes` (64 characters).
std::string sha256_hex(std::string_view bytes);

// Lower-case hex HMAC-SHA256 / HMAC-SHA512 of `bytes` under `key` (RFC 2104).
std::string hmac_sha256_hex(std::string_view key, std::string_view bytes);
std::string hmac_sha512_hex(std::string_view key, std::string_view bytes);

// Compares two strings in time that depends only on their lengths, for signatures.
bool constant_time_equal(std::string_view a, std::string_view b);

// `bytes` random bytes from the system's CSPRNG, as lower-case hex.
std::string random_hex(size_t bytes);

}  // namespace nz::crypto
