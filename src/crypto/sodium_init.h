// libsodium must be initialised once before use; every nz_crypto function calls this first.
// Internal to crypto/.
#pragma once

#include <sodium.h>

#include <cstdlib>
#include <cstdio>

namespace nz::crypto {

inline void ensure_sodium() {
  // sodium_init is thread-safe and idempotent; a static makes it one call per process.
  static const bool ready = [] {
    if (sodium_init() < 0) {
      std::fputs("newszone: libsodium could not be initialised\n", stderr);
      std::abort();
    }
    return true;
  }();
  (void)ready;
}

}  // namespace nz::crypto
