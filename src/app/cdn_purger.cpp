#include "app/cdn_purger.h"

#include <condition_variable>
#include <mutex>

#include <boost/json.hpp>

#include "fetch/fetcher.h"
#include "web/surrogate_keys.h"

namespace nz::app {

Result<std::pair<std::string, std::string>> parse_header_line(const std::string& line) {
  size_t colon = line.find(':');
  if (colon == std::string::npos || colon == 0 ||
      line.find_first_of("\r\n") != std::string::npos ||
      line.substr(0, colon).find_first_of(" \t") != std::string::npos) {
    return Error::InvalidInput("\"" + line + "\" is not one header line like \"Name: value\"");
  }
  std::string value = line.substr(colon + 1);
  value.erase(0, value.find_first_not_of(" \t"));
  return std::pair{line.substr(0, colon), value};
}

CdnPurger::CdnPurger(store::Store& store, const core::Clock& clock, CdnPurgeSettings settings)
    : changes_(store), settings_(std::move(settings)),
      fetcher_(std::make_unique<fetch::Fetcher>(clock)) {}

CdnPurger::~CdnPurger() = default;

Status CdnPurger::start() { return changes_.start(); }

Result<int64_t> CdnPurger::run_once() {
  auto changed = changes_.next();
  if (!changed) return changed.error();
  for (const auto& change : *changed) {
    for (auto& key : web::keys_of_change(change.article, change.topics)) {
      if (pending_.size() < kMaxPending) pending_.insert(std::move(key));
    }
  }
  if (pending_.empty()) return int64_t{0};

  boost::json::array keys;
  std::string header;
  for (const auto& key : pending_) {
    keys.emplace_back(key);
    if (!header.empty()) header += ' ';
    header += key;
  }
  fetch::FetchRequest request{.url = settings_.url,
                              .user_agent = "newszone/0.1 (CDN purge)",
                              .timeout = std::chrono::seconds(10),
                              .max_body_bytes = 64 * 1024};
  request.headers.emplace_back("Content-Type", "application/json");
  request.headers.emplace_back("Surrogate-Key", header);
  if (settings_.header) request.headers.push_back(*settings_.header);
  request.form_body = boost::json::serialize(
      boost::json::object{{"tags", keys}, {"surrogate_keys", keys}});
  auto response = fetcher_->fetch(request);
  if (!response || response->status < 200 || response->status >= 300) {
    std::string why = response ? "the CDN answered " + std::to_string(response->status)
                               : response.error().message;
    return Error::Unavailable("CDN purge at " + settings_.url + ": " + why + " (" +
                              std::to_string(pending_.size()) + " keys to send again)");
  }
  int64_t purged = static_cast<int64_t>(pending_.size());
  pending_.clear();
  return purged;
}

void CdnPurger::run(std::stop_token stop, std::chrono::milliseconds interval,
                    const std::function<void(bool, const std::string&)>& log) {
  std::mutex mutex;
  std::condition_variable_any wake;
  std::string last_error;
  while (!stop.stop_requested()) {
    auto purged = run_once();
    if (!purged) {
      if (purged.error().message != last_error) log(true, purged.error().message);
      last_error = purged.error().message;
    } else {
      if (!last_error.empty()) log(false, "CDN purges go through again");
      last_error.clear();
      if (*purged > 0) log(false, "purged " + std::to_string(*purged) + " keys at the CDN");
    }
    std::unique_lock lock(mutex);
    wake.wait_for(lock, stop, interval, [] { return false; });
  }
}

}  // namespace nz::app
