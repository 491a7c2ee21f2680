// NZ_CHECK(cond): aborts with the failed condition when an invariant of our own code breaks.
// Untrusted input never reaches one: input errors are Error values.
#pragma once

#include <cstdio>
#include <cstdlib>

#define NZ_CHECK(cond)                                                                 \
  do {                                                                                 \
    if (!(cond)) {                                                                     \
      std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);    \
      std::abort();                                                                    \
    }                                                                                  \
  } while (0)
