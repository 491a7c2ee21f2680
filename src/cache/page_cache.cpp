#include "cache/page_cache.h"

#include <cstdio>
#include <functional>

namespace nz::cache {
namespace {

int64_t seconds_of(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

// Bodies below this are sent as they are: the coding's header costs more than it saves.
constexpr size_t kMinCodedBytes = 256;

}  // namespace

std::shared_ptr<const std::string> CachedPage::bytes_for(Coding& coding, bool& made) const {
  made = false;
  if (coding == Coding::kIdentity) return body;
  if (body->size() < kMinCodedBytes) {
    coding = Coding::kIdentity;
    return body;
  }
  auto& coded = coding == Coding::kGzip ? gzip_ : brotli_;
  auto& tried = coding == Coding::kGzip ? gzip_tried_ : brotli_tried_;
  // Once tried, `coded` never changes again: every later hit reads it without the lock.
  if (!tried.load(std::memory_order_acquire)) {
    std::lock_guard lock(mutex_);
    if (!tried.load(std::memory_order_relaxed)) {
      made = true;
      auto bytes = coding == Coding::kGzip ? gzip(*body) : brotli(*body);
      if (bytes && bytes->size() < body->size()) {
        coded = std::make_shared<const std::string>(std::move(*bytes));
      }
      tried.store(true, std::memory_order_release);
    }
  }
  if (!coded) {
    coding = Coding::kIdentity;
    return body;
  }
  return coded;
}

std::shared_ptr<const std::string> CachedPage::hit_head(
    Coding coding, const std::function<std::string()>& make) const {
  const int i = static_cast<int>(coding);
  // As with the coded bytes: made once under the lock, then only read.
  if (!hit_head_made_[i].load(std::memory_order_acquire)) {
    std::lock_guard lock(mutex_);
    if (!hit_head_made_[i].load(std::memory_order_relaxed)) {
      hit_heads_[i] = std::make_shared<const std::string>(make());
      hit_head_made_[i].store(true, std::memory_order_release);
    }
  }
  return hit_heads_[i];
}

size_t CachedPage::size() const {
  // Capacities, not sizes: what the allocator really holds. Plus the cache's own bookkeeping
  // for a page (map and list nodes, the key kept three times), roughly.
  size_t n = sizeof(CachedPage) + body->capacity() + etag.capacity() + 256;
  for (const auto& [name, value] : headers) n += name.size() + value.size() + 64;
  for (const auto& key : keys) n += key.size() + 32;
  std::lock_guard lock(mutex_);
  if (gzip_) n += gzip_->capacity();
  if (brotli_) n += brotli_->capacity();
  for (const auto& head : hit_heads_) n += head ? head->capacity() : 0;
  return n;
}

std::shared_ptr<CachedPage> make_page(int status,
                                      std::vector<std::pair<std::string, std::string>> headers,
                                      std::string body, TimePoint rendered,
                                      std::vector<std::string> keys) {
  auto page = std::make_shared<CachedPage>();
  page->status = status;
  page->headers = std::move(headers);
  // libstdc++'s string hash (Murmur2, fixed seed) is the same in every process of a build, so
  // servers behind one load balancer give the same page the same ETag.
  char etag[17];
  std::snprintf(etag, sizeof etag, "%016zx", std::hash<std::string>{}(body));
  page->etag = etag;
  body.shrink_to_fit();  // a rendered page grew by doubling: up to half of it is slack
  page->body = std::make_shared<const std::string>(std::move(body));
  page->last_modified = TimePoint(std::chrono::seconds(seconds_of(rendered)));
  page->keys = std::move(keys);
  return page;
}

PageCache::PageCache(size_t max_bytes) : max_bytes_(max_bytes) { counts_.max_bytes = max_bytes; }

std::shared_ptr<CachedPage> PageCache::find(const std::string& key, TimePoint now) {
  std::lock_guard lock(mutex_);
  auto it = slots_.find(key);
  if (it == slots_.end()) {
    ++counts_.misses;
    return nullptr;
  }
  const auto& page = it->second.page;
  if (page->fresh_until && *page->fresh_until <= now) {
    erase_locked(it);
    ++counts_.invalidated;
    ++counts_.misses;
    return nullptr;
  }
  lru_.splice(lru_.begin(), lru_, it->second.lru);
  ++counts_.hits;
  return page;
}

uint64_t PageCache::epoch() const {
  std::lock_guard lock(mutex_);
  return epoch_;
}

bool PageCache::insert(const std::string& key, std::shared_ptr<CachedPage> page,
                       uint64_t epoch) {
  size_t bytes = page->size() + key.size();
  if (max_bytes_ == 0 || bytes > max_bytes_ / 8) return false;
  std::lock_guard lock(mutex_);
  if (epoch != epoch_) return false;
  if (auto old = slots_.find(key); old != slots_.end()) erase_locked(old);
  lru_.push_front(key);
  for (const auto& surrogate : page->keys) pages_by_key_[surrogate].insert(key);
  slots_.emplace(key, Slot{.page = std::move(page), .bytes = bytes, .lru = lru_.begin()});
  bytes_ += bytes;
  evict_locked();
  return true;
}

void PageCache::grew(const std::string& key, const std::shared_ptr<CachedPage>& page) {
  size_t bytes = page->size() + key.size();
  std::lock_guard lock(mutex_);
  auto it = slots_.find(key);
  if (it == slots_.end() || it->second.page != page) return;  // dropped meanwhile
  bytes_ = bytes_ - it->second.bytes + bytes;
  it->second.bytes = bytes;
  evict_locked();
}

size_t PageCache::invalidate(std::span<const std::string> keys, TimePoint now) {
  std::lock_guard lock(mutex_);
  note_invalidation_locked(now);
  size_t dropped = 0;
  for (const auto& surrogate : keys) {
    auto found = pages_by_key_.find(surrogate);
    if (found == pages_by_key_.end()) continue;
    // erase_locked edits this very set: take the page keys out first.
    std::vector<std::string> pages(found->second.begin(), found->second.end());
    for (const auto& page_key : pages) {
      if (auto it = slots_.find(page_key); it != slots_.end()) {
        erase_locked(it);
        ++dropped;
      }
    }
  }
  counts_.invalidated += dropped;
  return dropped;
}

size_t PageCache::clear(TimePoint now) {
  std::lock_guard lock(mutex_);
  note_invalidation_locked(now);
  size_t dropped = slots_.size();
  slots_.clear();
  lru_.clear();
  pages_by_key_.clear();
  bytes_ = 0;
  counts_.invalidated += dropped;
  return dropped;
}

bool PageCache::invalidated_in_second_of(TimePoint t) const {
  std::lock_guard lock(mutex_);
  return last_invalidation_second_ >= seconds_of(t);
}

PageCacheStats PageCache::stats() const {
  std::lock_guard lock(mutex_);
  PageCacheStats s = counts_;
  s.pages = slots_.size();
  s.bytes = bytes_;
  return s;
}

void PageCache::erase_locked(std::unordered_map<std::string, Slot>::iterator it) {
  for (const auto& surrogate : it->second.page->keys) {
    auto found = pages_by_key_.find(surrogate);
    if (found == pages_by_key_.end()) continue;
    found->second.erase(it->first);
    if (found->second.empty()) pages_by_key_.erase(found);
  }
  bytes_ -= it->second.bytes;
  lru_.erase(it->second.lru);
  slots_.erase(it);
}

void PageCache::evict_locked() {
  while (bytes_ > max_bytes_ && !lru_.empty()) {
    erase_locked(slots_.find(lru_.back()));
    ++counts_.evictions;
  }
}

void PageCache::note_invalidation_locked(TimePoint now) {
  ++epoch_;
  last_invalidation_second_ = std::max(last_invalidation_second_, seconds_of(now));
}

}  // namespace nz::cache
