#include <array>
#include <string_view>

#include "store/section_store.h"

namespace nz::store {

bool is_reserved_section_slug(std::string_view slug) {
  static constexpr std::array<std::string_view, 17> kReserved = {
      "admin", "api",    "assets", "feeds",   "healthz", "partner", "robots.txt", "search",
      "sitemap", "sitemaps", "static", "topics", "login", "logout", "favicon.ico", "well-known",
      "websub"};
  for (auto r : kReserved) {
    if (slug == r) return true;
  }
  return false;
}

}  // namespace nz::store
