// PageCacheFreshness: keeps the page cache (cache/page_cache.h) true to the store. Before
// every lookup, check() reads the store's change marks, one cheap statement; when they moved,
// it drops the pages each change touched before anything is served:
//   - an article changed (new, corrected, withdrawn, retagged): the pages naming its
//     surrogate keys (web::keys_of_change: its own, its section's, its topics', the site's
//     lists and the sitemaps), and nothing else;
//   - the site, a section or zone, a partner or a topic changed: every page, since each shows
//     the navigation and the labels;
//   - an embargo ended since the last look: the pages of the articles it frees.
// Changes made by other processes on the same database count the same.
//
// The store's commit_token (for SQLite, the shared wal-index header: no system call) lets
// most checks skip even that statement: while the token stays the same nothing was committed.
// The statement still runs at least once a second, whatever the token says.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>

#include "app/change_follower.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"

namespace nz::cache { class PageCache; }

namespace nz::app {

class PageCacheFreshness {
 public:
  PageCacheFreshness(store::Store& store, cache::PageCache& cache, const core::Clock& clock);

  // From the store's present state on (the cache starts empty).
  Status start();
  // True when every change committed before the call has been applied to the cache; false
  // when the store could not be read (the caller then renders instead of using the cache).
  bool check();

  // Pages dropped so far because of changes (for logs and tests).
  uint64_t pages_dropped() const;

 private:
  Status apply_locked(const store::ChangeMarks& marks, core::Timestamp now);

  store::Store& store_;
  cache::PageCache& cache_;
  const core::Clock& clock_;
  ChangeFollower changes_;
  // The fast path, read without the mutex: the commit token at the last full check (taken
  // before its statement ran), when that check was (seconds), and the next embargo end
  // (seconds; INT64_MAX when none). 0/false: no full check yet.
  std::atomic<uint64_t> checked_token_{0};
  std::atomic<bool> token_valid_{false};
  std::atomic<int64_t> checked_at_{0};
  std::atomic<int64_t> next_embargo_seconds_{INT64_MAX};

  mutable std::mutex mutex_;
  store::ChangeMarks applied_;              // guarded by mutex_
  std::optional<core::Timestamp> next_embargo_end_;
  core::Timestamp embargo_checked_until_{};
  uint64_t dropped_ = 0;
};

}  // namespace nz::app
