// Digests of bytes received, for provenance ("which exact bytes did this version come from").
#pragma once

#include <string>
#include <string_view>

namespace nz::crypto {

// Lower-case hex SHA-256 of `bytes` (64 characters).
std::string sha256_hex(std::string_view bytes);

}  // namespace nz::crypto
