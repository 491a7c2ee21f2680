#include "app/hub_notifier.h"

#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "core/percent_encode.h"
#include "fetch/fetcher.h"
#include "store/store.h"
#include "web/feeds.h"
#include "web/page_frame.h"

namespace nz::app {
namespace {

Result<web::PageContext> load_context(store::Store& store) {
  web::PageContext context;
  auto site = store.get_site();
  if (!site) return site.error();
  context.site = std::move(*site);
  auto sections = store.list_sections();
  if (!sections) return sections.error();
  context.sections = std::move(*sections);
  auto partners = store.list_partners();
  if (!partners) return partners.error();
  for (auto& p : *partners) context.partners.emplace(p.id, std::move(p));
  return context;
}

}  // namespace

HubNotifier::HubNotifier(store::Store& store, const core::Clock& clock,
                         web::FeedSettings settings)
    : store_(store), changes_(store), settings_(std::move(settings)),
      fetcher_(std::make_unique<fetch::Fetcher>(clock)) {}

HubNotifier::~HubNotifier() = default;

Status HubNotifier::start() { return changes_.start(); }

Result<int64_t> HubNotifier::run_once() {
  auto changed = changes_.next();
  if (!changed) return changed.error();
  if (!changed->empty()) {
    auto context = load_context(store_);
    if (!context) return context.error();
    for (const auto& change : *changed) {
      for (auto& url : web::feeds_of_article(*context, change.article, change.topics, settings_)) {
        if (pending_.size() < kMaxPending) pending_.emplace(std::move(url), 0);
      }
    }
  }
  if (pending_.empty()) return int64_t{0};

  std::vector<fetch::FetchRequest> requests;
  std::vector<std::string> urls;
  for (const auto& [url, attempts] : pending_) {
    requests.push_back({.url = settings_.websub_hub,
                        .user_agent = "newszone/0.1 (WebSub publisher)",
                        .timeout = std::chrono::seconds(10),
                        .max_body_bytes = 64 * 1024,
                        .form_body = "hub.mode=publish&hub.url=" + core::percent_encode(url)});
    urls.push_back(url);
  }
  auto results = fetcher_->fetch_all(requests, 4);
  int64_t accepted = 0;
  std::string last_failure;
  for (size_t i = 0; i < results.size(); ++i) {
    bool ok = results[i] && results[i]->status >= 200 && results[i]->status < 300;
    if (ok) {
      ++accepted;
      pending_.erase(urls[i]);
      continue;
    }
    last_failure = results[i] ? "the hub answered " + std::to_string(results[i]->status)
                              : results[i].error().message;
    if (++pending_[urls[i]] >= kAttempts) pending_.erase(urls[i]);
  }
  if (!last_failure.empty()) {
    return Error::Unavailable("WebSub hub " + settings_.websub_hub + ": " + last_failure +
                              " (" + std::to_string(pending_.size()) +
                              " feeds to try again next round)");
  }
  return accepted;
}

void HubNotifier::run(std::stop_token stop, std::chrono::milliseconds interval,
                      const std::function<void(bool, const std::string&)>& log) {
  std::mutex mutex;
  std::condition_variable_any wake;
  std::string last_error;
  while (!stop.stop_requested()) {
    auto pinged = run_once();
    if (!pinged) {
      if (pinged.error().message != last_error) log(true, pinged.error().message);
      last_error = pinged.error().message;
    } else {
      if (!last_error.empty()) log(false, "WebSub hub reachable again");
      last_error.clear();
      if (*pinged > 0) log(false, "told the WebSub hub of " + std::to_string(*pinged) + " feeds");
    }
    std::unique_lock lock(mutex);
    wake.wait_for(lock, stop, interval, [] { return false; });
  }
}

}  // namespace nz::app
