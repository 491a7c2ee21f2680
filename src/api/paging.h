// ?page= and ?per_page= of the API's lists, the same for every list.
#pragma once

#include <cstdint>

#include "core/result.h"
#include "http/message.h"

namespace nz::api {

struct Paging {
  static constexpr int64_t kDefaultPerPage = 20;
  static constexpr int64_t kMaxPerPage = 100;
  static constexpr int64_t kMaxPage = 100000;

  int64_t page = 1;
  int64_t per_page = kDefaultPerPage;
  int64_t offset() const { return (page - 1) * per_page; }
};

// The request's paging: page 1..kMaxPage (default 1), per_page 1..kMaxPerPage (default 20).
// kInvalidInput naming the parameter otherwise (the caller answers 400).
Result<Paging> paging(const http::Request& request);

}  // namespace nz::api
