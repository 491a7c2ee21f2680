// CdnPurger: tells the CDN in front of the site which surrogate keys a change touched
// (web/surrogate_keys.h), so that it drops exactly those pages: every page that showed a
// changed article, and the lists it joins or leaves. Each round (every second) sends one
// POST to the configured URL with the keys
//   in a Surrogate-Key header, space-separated (Fastly's batch purge), and
//   in a JSON body {"tags": [...], "surrogate_keys": [...]} (Cloudflare's purge by tag),
// plus one configured header for the credentials ("Fastly-Key: ..." or "Authorization:
// Bearer ..."). A refused purge is sent again next round, with whatever changed since.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <memory>
#include <set>
#include <stop_token>
#include <string>
#include <utility>

#include "app/change_follower.h"
#include "core/result.h"

namespace nz::core { class Clock; }
namespace nz::fetch { class Fetcher; }
namespace nz::store { class Store; }

namespace nz::app {

struct CdnPurgeSettings {
  std::string url;                                   // the CDN's purge endpoint
  std::optional<std::pair<std::string, std::string>> header;  // credentials, as one header
};

class CdnPurger {
 public:
  CdnPurger(store::Store& store, const core::Clock& clock, CdnPurgeSettings settings);
  ~CdnPurger();

  Status start();  // from the store's newest change on
  // One round: the keys of everything changed since the last, in one purge request. Returns
  // the number of keys the CDN accepted (2xx); kUnavailable when it refused or could not be
  // reached (the keys wait for the next round; at most kMaxPending).
  Result<int64_t> run_once();
  void run(std::stop_token stop, std::chrono::milliseconds interval,
           const std::function<void(bool failure, const std::string& line)>& log);

  static constexpr size_t kMaxPending = 5000;

 private:
  ChangeFollower changes_;
  CdnPurgeSettings settings_;
  std::unique_ptr<fetch::Fetcher> fetcher_;
  std::set<std::string> pending_;
};

// "Name: value" -> {Name, value}; kInvalidInput when it is not one header line.
Result<std::pair<std::string, std::string>> parse_header_line(const std::string& line);

}  // namespace nz::app
