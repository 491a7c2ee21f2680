// HubNotifier: tells the site's WebSub hub which feeds changed, so that aggregators subscribed
// there get new and corrected stories within seconds (issue 7). It follows the store's change
// sequence as the search indexer does: every article written since the last round (new,
// corrected, withdrawn, retagged) names its feeds (web::feeds_of_article), and each changed
// feed gets one publish ping, a form POST of hub.mode=publish and hub.url=FEED.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <map>
#include <stop_token>
#include <string>

#include "app/change_follower.h"
#include "core/result.h"
#include "web/services.h"

namespace nz::core { class Clock; }
namespace nz::fetch { class Fetcher; }
namespace nz::store { class Store; }

namespace nz::app {

class HubNotifier {
 public:
  // settings.websub_hub names the hub. The store and clock must outlive the notifier.
  HubNotifier(store::Store& store, const core::Clock& clock, web::FeedSettings settings);
  ~HubNotifier();

  // Starts from the store's newest change: what happened before the server started is not
  // news to the hub.
  Status start();
  // One round: what changed since the last round, one ping per changed feed. Returns the
  // number of feeds the hub accepted (2xx). A ping that fails is tried again next round, up to
  // kAttempts times; at most kMaxPending feeds wait at once.
  Result<int64_t> run_once();
  // Rounds every `interval` until stopped; `log` hears what went wrong (and, once, recovery).
  void run(std::stop_token stop, std::chrono::milliseconds interval,
           const std::function<void(bool failure, const std::string& line)>& log);

  static constexpr int kAttempts = 5;
  static constexpr size_t kMaxPending = 10000;

 private:
  store::Store& store_;
  ChangeFollower changes_;
  web::FeedSettings settings_;
  std::unique_ptr<fetch::Fetcher> fetcher_;
  std::map<std::string, int> pending_;  // feed URL -> failed attempts so far
};

}  // namespace nz::app
