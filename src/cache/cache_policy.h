// CachePolicy: the Cache-Control each kind of reader page gets (Response::cache_as), from the
// config's [cache.control] table. max-age is for browsers, s-maxage for a CDN in front (which
// newszone purges by surrogate key when [cdn] purge_url is set), stale-while-revalidate lets
// them send the old page while fetching the new one, stale-if-error while the server fails.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace nz::cache {

struct CachePolicy {
  // kind -> Cache-Control value; "default" covers kinds not listed.
  std::map<std::string, std::string, std::less<>> control;

  // home, section, topic: lists move often. article: changes are rare and purged.
  // feed, sitemap, robots: read by machines on a schedule.
  static CachePolicy defaults();
  // The kinds reader pages use, for the config to check its keys against.
  static const std::vector<std::string>& kinds();

  const std::string& control_for(std::string_view kind) const;
};

}  // namespace nz::cache
