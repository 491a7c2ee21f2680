// CachingHandler: the page cache in front of the router. For GET and HEAD of a reader page it
//   - brings the cache up to date with the store (`fresh`) and sends the kept page when there
//     is one, else renders, keeps the page (Response::cache_as, status 200) and sends it;
//   - sends the coding the client takes best (brotli, gzip, identity; Vary: Accept-Encoding),
//     each made once per page;
//   - answers If-None-Match (strong ETag per coding) and If-Modified-Since with 304;
//   - sets the page kind's Cache-Control (cache/cache_policy.h).
// Everything else (API, search, static files, POSTs) passes straight to the router.
//
// Only targets without a query or with "page=N" are kept: anything else a reader page may be
// asked with (tracking parameters) is rendered every time, so that nobody can fill the cache
// with junk variants of one page.
#pragma once

#include <functional>

#include "cache/cache_policy.h"
#include "cache/page_cache.h"
#include "http/message.h"

namespace nz::core { class Clock; }

namespace nz::cache {

class CachingHandler {
 public:
  using Render = std::function<http::Response(http::Request&)>;
  // Brings the cache up to date with every change committed so far; false when it could not
  // tell (the store failed), and then the page is rendered, not taken from the cache.
  using Freshen = std::function<bool()>;

  // `cache` with max_bytes 0 turns keeping off: pages are rendered every time, still with
  // codings, ETags and Cache-Control. Every reference must outlive the handler.
  CachingHandler(PageCache& cache, CachePolicy policy, const core::Clock& clock, Freshen fresh,
                 Render render);

  http::Response handle(http::Request& request);

 private:
  // looked_up: "hit" or "miss" for X-Cache; nullptr when the target is never kept.
  http::Response respond(const std::shared_ptr<CachedPage>& page, const http::Request& request,
                         const std::string* kept_under, const char* looked_up) const;

  PageCache& cache_;
  const CachePolicy policy_;
  const core::Clock& clock_;
  const Freshen fresh_;
  const Render render_;
  const bool keeping_;
};

// True when a reader page asked for with this query may be kept: none, or "page=N".
bool cacheable_query(std::string_view query);

}  // namespace nz::cache
