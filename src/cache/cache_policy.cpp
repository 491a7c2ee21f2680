#include "cache/cache_policy.h"

namespace nz::cache {

CachePolicy CachePolicy::defaults() {
  const std::string lists =
      "public, max-age=60, s-maxage=60, stale-while-revalidate=30, stale-if-error=86400";
  return CachePolicy{.control = {
      {"default", lists},
      {"home", lists},
      {"section", lists},
      {"topic", lists},
      {"article",
       "public, max-age=300, s-maxage=300, stale-while-revalidate=60, stale-if-error=86400"},
      {"feed",
       "public, max-age=300, s-maxage=300, stale-while-revalidate=60, stale-if-error=86400"},
      {"sitemap", "public, max-age=300, s-maxage=300, stale-if-error=86400"},
      {"robots", "public, max-age=3600, s-maxage=3600, stale-if-error=86400"},
  }};
}

const std::vector<std::string>& CachePolicy::kinds() {
  static const std::vector<std::string> kinds = {"default", "home",    "section", "topic",
                                                 "article", "feed",    "sitemap", "robots"};
  return kinds;
}

const std::string& CachePolicy::control_for(std::string_view kind) const {
  if (auto it = control.find(kind); it != control.end()) return it->second;
  if (auto it = control.find("default"); it != control.end()) return it->second;
  static const std::string kNoCache = "no-cache";
  return kNoCache;
}

}  // namespace nz::cache
