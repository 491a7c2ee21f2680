// Poller: `serve`'s loop that fetches due sources and ingests what they deliver.
//
// Each round takes the sources whose next poll is due, at most one per host and none from a
// host contacted less than `host_spacing` ago (a partner never sees a burst of polls), fetches
// them concurrently with conditional GETs, ingests each 200, and records the outcome on the
// source (poll_schedule.h decides the next poll). A permanent redirect (every hop 301 or 308)
// updates the source's URL. Every failure is recorded on the source and logged; none stops
// the loop.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <random>
#include <stop_token>
#include <string>
#include <vector>

#include "core/clock.h"
#include "fetch/fetcher.h"
#include "ingest/feed_ingest.h"
#include "ingest/poll_schedule.h"
#include "ingest/websub.h"
#include "store/store.h"

namespace nz::ingest {

struct PollerOptions {
  std::string user_agent = "newszone/0.1 (feed poller)";  // unless a source sets its own
  int max_parallel = 4;
  int max_per_round = 16;
  std::chrono::milliseconds host_spacing{2000};
  std::chrono::milliseconds tick{1000};  // how often run() looks for due sources
  std::chrono::milliseconds timeout{20000};  // per fetch, redirects included
  size_t max_body_bytes = size_t{16} << 20;
  // The site's public URL, for WebSub callbacks (websub.h); empty: never subscribe.
  std::string callback_base;
};

struct PollReport {
  model::SourceId source_id = 0;
  std::string url;  // as polled
  PollResult result;
  std::optional<IngestReport> ingest;  // when a document was ingested
  std::optional<std::string> moved_to;  // a permanent redirect updated the URL to this
  std::optional<model::WebSub> websub;  // a subscription request sent after this poll
};

// One line per poll, for the server's log: key=value pairs.
using PollLog = std::function<void(bool failure, const std::string& line)>;

class Poller {
 public:
  // store, clock and log must outlive the Poller.
  Poller(store::Store& store, const core::Clock& clock, PollerOptions options, PollLog log);

  // One round, as described above; returns what happened to each source polled.
  std::vector<PollReport> poll_due();
  // Polls one source now, due or not (the CLI's `source poll`).
  PollReport poll_now(const model::Source& source);
  // Rounds every options.tick until `stop` is requested. A fetch in flight finishes first
  // (bounded by options.timeout).
  void run(std::stop_token stop);

 private:
  std::vector<PollReport> poll(const std::vector<model::Source>& sources);
  PollReport finish(const model::Source& source, Result<fetch::FetchResponse> response);
  // Subscribes to the hub the feed named, when websub::should_subscribe says so.
  std::optional<model::WebSub> subscribe(const model::Source& source, const IngestReport& report);

  store::Store& store_;
  const core::Clock& clock_;
  PollerOptions options_;
  PollLog log_;
  fetch::Fetcher fetcher_;
  std::map<std::string, std::chrono::steady_clock::time_point> last_contact_;  // by host
  std::mt19937_64 random_;
};

}  // namespace nz::ingest
