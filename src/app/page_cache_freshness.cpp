#include "app/page_cache_freshness.h"

#include <string>
#include <vector>

#include "cache/page_cache.h"
#include "web/surrogate_keys.h"

namespace nz::app {

PageCacheFreshness::PageCacheFreshness(store::Store& store, cache::PageCache& cache,
                                       const core::Clock& clock)
    : store_(store), cache_(cache), clock_(clock), changes_(store) {}

Status PageCacheFreshness::start() {
  std::lock_guard lock(mutex_);
  auto marks = store_.change_marks();
  if (!marks) return marks.error();
  if (auto started = changes_.start(); !started) return started;
  applied_ = *marks;
  embargo_checked_until_ = clock_.now();
  auto next = store_.next_embargo_end(embargo_checked_until_);
  if (!next) return next.error();
  next_embargo_end_ = *next;
  return {};
}

bool PageCacheFreshness::check() {
  auto now = clock_.now();
  const int64_t seconds = now.time_since_epoch().count();
  auto token = store_.commit_token();
  if (token && token_valid_.load(std::memory_order_acquire) &&
      *token == checked_token_.load(std::memory_order_acquire) &&
      seconds < next_embargo_seconds_.load(std::memory_order_acquire) &&
      seconds - checked_at_.load(std::memory_order_acquire) < 1) {
    return true;  // nothing committed since a full check that ran after this second began
  }
  std::lock_guard lock(mutex_);
  // The token is taken before the statement: a commit between the two shows up next time.
  token = store_.commit_token();
  auto marks = store_.change_marks();
  if (!marks) return false;
  bool embargo_due = next_embargo_end_ && *next_embargo_end_ <= now;
  if (*marks != applied_ || embargo_due) {
    if (!apply_locked(*marks, now)) return false;
  }
  next_embargo_seconds_.store(
      next_embargo_end_ ? next_embargo_end_->time_since_epoch().count() : INT64_MAX,
      std::memory_order_release);
  checked_at_.store(seconds, std::memory_order_release);
  checked_token_.store(token.value_or(0), std::memory_order_release);
  token_valid_.store(token.has_value(), std::memory_order_release);
  return true;
}

uint64_t PageCacheFreshness::pages_dropped() const {
  std::lock_guard lock(mutex_);
  return dropped_;
}

Status PageCacheFreshness::apply_locked(const store::ChangeMarks& marks, core::Timestamp now) {
  if (marks.site != applied_.site) {
    dropped_ += cache_.clear(now);
    applied_.site = marks.site;
  }
  if (marks.articles != applied_.articles) {
    // Everything committed up to `marks` (and perhaps a little after) is read; a failure
    // leaves applied_ behind, so the next check tries again and pages bypass the cache.
    while (true) {
      auto changed = changes_.next();
      if (!changed) return changed.error();
      if (changed->empty()) break;
      std::vector<std::string> keys;
      for (const auto& change : *changed) {
        for (auto& key : web::keys_of_change(change.article, change.topics)) {
          keys.push_back(std::move(key));
        }
        // A new embargo may end before the one we wait for.
        if (change.article.embargo_until && *change.article.embargo_until > now &&
            (!next_embargo_end_ || *change.article.embargo_until < *next_embargo_end_)) {
          next_embargo_end_ = change.article.embargo_until;
        }
      }
      dropped_ += cache_.invalidate(keys, now);
    }
    applied_.articles = marks.articles;
  }
  if (next_embargo_end_ && *next_embargo_end_ <= now) {
    constexpr int64_t kMaxEnded = 10000;
    auto ended = store_.list_embargo_ends(embargo_checked_until_, now, kMaxEnded);
    if (!ended) return ended.error();
    if (static_cast<int64_t>(ended->size()) == kMaxEnded) {
      dropped_ += cache_.clear(now);  // more ended at once than one look takes: start over
    } else {
      std::vector<std::string> keys;
      for (auto id : *ended) {
        auto article = store_.find_article(id);
        if (!article) return article.error();
        auto topics = store_.topics_of(id);
        if (!topics) return topics.error();
        for (auto& key : web::keys_of_change(*article, *topics)) keys.push_back(std::move(key));
      }
      dropped_ += cache_.invalidate(keys, now);
    }
    embargo_checked_until_ = now;
    auto next = store_.next_embargo_end(now);
    if (!next) return next.error();
    next_embargo_end_ = *next;
  }
  return {};
}

}  // namespace nz::app
