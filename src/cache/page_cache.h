// PageCache: rendered responses kept in memory, so that a page everyone asks for at once is
// rendered once and then sent like a file (issue 6).
//
// Bounded by bytes (bodies, their gzip and brotli forms, headers); the least recently used
// page goes first. Each page names what it shows in its surrogate keys (web/surrogate_keys.h),
// and invalidate(keys) drops exactly the pages that name one of them: the caller
// (app/page_cache_freshness.h) turns every committed change into keys before a page is looked
// up, so that no page is sent stale after its change was committed.
//
// A render that raced a change must not be kept: take epoch() before rendering and hand it to
// insert(), which refuses the page when anything was invalidated since.
//
// Thread-safe. Lookups hold one mutex for a hash lookup and a list splice; compression runs
// outside it.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "cache/compress.h"

namespace nz::cache {

using TimePoint = std::chrono::system_clock::time_point;

// One kept response, shared by the cache and by every response being sent from it.
class CachedPage {
 public:
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // as rendered, Cache-Control too
  std::shared_ptr<const std::string> body;                   // the identity bytes
  std::string etag;            // of the identity bytes: 16 hex digits, without quotes
  TimePoint last_modified;     // when it was rendered, whole seconds
  // False when a change in the same second may have replaced an earlier rendering of this
  // page: If-Modified-Since (one-second resolution) cannot tell them apart, so it is not
  // answered with 304; If-None-Match still is.
  bool last_modified_exact = true;
  std::optional<TimePoint> fresh_until;  // dropped at this time (Response::fresh_until)
  std::vector<std::string> keys;         // its surrogate keys

  // The bytes for `coding`: gzip or brotli made on first demand and kept, or the identity
  // bytes when compressing fails or would not make them smaller. `coding` is set to what the
  // bytes really are; `made` to true when this call compressed (the page grew).
  std::shared_ptr<const std::string> bytes_for(Coding& coding, bool& made) const;
  // The serialized header lines of a hit sent in `coding` (http::Response::raw_headers), made
  // by `make` on first demand and kept.
  std::shared_ptr<const std::string> hit_head(
      Coding coding, const std::function<std::string()>& make) const;
  // Bytes held: bodies, coded forms made so far, headers.
  size_t size() const;

 private:
  // Each coded form and hit head is made once under mutex_ and then never changed, so readers
  // that see its flag set read it without the lock (hits from every thread share a page).
  mutable std::mutex mutex_;
  mutable std::shared_ptr<const std::string> gzip_, brotli_;
  mutable std::atomic<bool> gzip_tried_{false}, brotli_tried_{false};
  mutable std::shared_ptr<const std::string> hit_heads_[3];
  mutable std::atomic<bool> hit_head_made_[3] = {false, false, false};
};

// Makes a page from a rendered body: computes its ETag.
std::shared_ptr<CachedPage> make_page(int status,
                                      std::vector<std::pair<std::string, std::string>> headers,
                                      std::string body, TimePoint rendered,
                                      std::vector<std::string> keys);

struct PageCacheStats {
  size_t pages = 0;
  size_t bytes = 0;
  size_t max_bytes = 0;
  uint64_t hits = 0;
  uint64_t misses = 0;
  uint64_t evictions = 0;     // least recently used pages dropped for room
  uint64_t invalidated = 0;   // pages dropped because something they showed changed
};

class PageCache {
 public:
  // max_bytes 0 keeps nothing: every find() misses and insert() refuses.
  explicit PageCache(size_t max_bytes);

  // The page kept under `key` (a request target), marked as used; nullptr when there is none
  // or it has passed its fresh_until (it is dropped then).
  std::shared_ptr<CachedPage> find(const std::string& key, TimePoint now);

  uint64_t epoch() const;
  // Keeps `page` under `key`, replacing any page there, unless something was invalidated since
  // `epoch` (the render may have read the state before that change) or the page alone is
  // larger than an eighth of max_bytes. Least recently used pages make room. True when kept.
  bool insert(const std::string& key, std::shared_ptr<CachedPage> page, uint64_t epoch);

  // A page's coded bytes were made (CachedPage::bytes_for): account for them; evicts others
  // when over the bound.
  void grew(const std::string& key, const std::shared_ptr<CachedPage>& page);

  // Drops every page that names one of `keys`; returns how many.
  size_t invalidate(std::span<const std::string> keys, TimePoint now);
  // Drops every page (the site's name, its sections or partners changed).
  size_t clear(TimePoint now);

  // True when some page was invalidated in the same second as `t` (see
  // CachedPage::last_modified_exact).
  bool invalidated_in_second_of(TimePoint t) const;

  PageCacheStats stats() const;

 private:
  struct Slot {
    std::shared_ptr<CachedPage> page;
    size_t bytes = 0;
    std::list<std::string>::iterator lru;  // position in lru_, most recent first
  };
  void erase_locked(std::unordered_map<std::string, Slot>::iterator it);
  void evict_locked();
  void note_invalidation_locked(TimePoint now);

  const size_t max_bytes_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Slot> slots_;
  std::list<std::string> lru_;
  std::unordered_map<std::string, std::unordered_set<std::string>> pages_by_key_;
  size_t bytes_ = 0;
  uint64_t epoch_ = 0;
  int64_t last_invalidation_second_ = -1;
  PageCacheStats counts_;
};

}  // namespace nz::cache
