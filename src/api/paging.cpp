#include "api/paging.h"

#include <charconv>
#include <string>

namespace nz::api {
namespace {

Result<int64_t> number_param(const http::Request& request, std::string_view name,
                             int64_t fallback, int64_t low, int64_t high) {
  auto text = request.query_param(name);
  if (!text) return fallback;
  int64_t n = 0;
  auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
  if (ec != std::errc() || ptr != text->data() + text->size() || n < low || n > high) {
    return Error::InvalidInput(std::string(name) + " must be a whole number from " +
                               std::to_string(low) + " to " + std::to_string(high) +
                               ", not \"" + *text + "\"");
  }
  return n;
}

}  // namespace

Result<Paging> paging(const http::Request& request) {
  auto page = number_param(request, "page", 1, 1, Paging::kMaxPage);
  if (!page) return page.error();
  auto per_page =
      number_param(request, "per_page", Paging::kDefaultPerPage, 1, Paging::kMaxPerPage);
  if (!per_page) return per_page.error();
  return Paging{.page = *page, .per_page = *per_page};
}

}  // namespace nz::api
