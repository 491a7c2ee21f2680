#include "ingest/poller.h"

#include <condition_variable>
#include <mutex>
#include <set>

#include "core/rfc3339.h"
#include "crypto/digest.h"

namespace nz::ingest {
namespace {

// "https://Feeds.Example.org:8443/x" -> "feeds.example.org:8443": what pacing counts as one
// partner's server.
std::string host_of(std::string_view url) {
  size_t start = url.find("://");
  start = start == std::string_view::npos ? 0 : start + 3;
  size_t end = url.find_first_of("/?#", start);
  std::string host(url.substr(start, end == std::string_view::npos ? url.npos : end - start));
  if (size_t at = host.rfind('@'); at != std::string::npos) host.erase(0, at + 1);
  for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return host;
}

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out + "\"";
}

std::string http_failure(const fetch::FetchResponse& response) {
  std::string text = "the feed answered HTTP " + std::to_string(response.status);
  if (response.status == 404) text += " Not Found; check the URL";
  if (response.status == 401 || response.status == 403) {
    text += "; the partner's server refused us (credentials or an IP allowlist?)";
  }
  if (response.status == 429) text += " Too Many Requests";
  if (response.status >= 500) text += "; the partner's server has trouble";
  if (response.retry_after) {
    text += "; it asked us to wait " + std::to_string(response.retry_after->count()) + " s";
  }
  return text;
}

}  // namespace

Poller::Poller(store::Store& store, const core::Clock& clock, PollerOptions options, PollLog log)
    : store_(store),
      clock_(clock),
      options_(std::move(options)),
      log_(std::move(log)),
      fetcher_(clock),
      random_(std::random_device{}()) {}

std::vector<PollReport> Poller::poll_due() {
  auto due = store_.due_sources(clock_.now(), options_.max_per_round * 4);
  if (!due) {
    log_(true, "poller=error message=" + quoted(due.error().message));
    return {};
  }
  const auto now = std::chrono::steady_clock::now();
  std::set<std::string> hosts_this_round;
  std::vector<model::Source> chosen;
  for (auto& source : *due) {
    if (static_cast<int>(chosen.size()) >= options_.max_per_round) break;
    std::string host = host_of(source.settings.url);
    if (hosts_this_round.count(host)) continue;  // one per host per round
    auto last = last_contact_.find(host);
    if (last != last_contact_.end() && now - last->second < options_.host_spacing) continue;
    hosts_this_round.insert(host);
    chosen.push_back(std::move(source));
  }
  return poll(chosen);
}

PollReport Poller::poll_now(const model::Source& source) { return poll({source}).front(); }

std::vector<PollReport> Poller::poll(const std::vector<model::Source>& sources) {
  if (sources.empty()) return {};
  std::vector<fetch::FetchRequest> requests;
  for (const auto& s : sources) {
    requests.push_back({.url = s.settings.url,
                        .etag = s.state.etag,
                        .last_modified = s.state.last_modified,
                        .user_agent = s.settings.user_agent.empty() ? options_.user_agent
                                                                    : s.settings.user_agent,
                        .headers = s.settings.headers,
                        .timeout = options_.timeout,
                        .max_body_bytes = options_.max_body_bytes});
    last_contact_[host_of(s.settings.url)] = std::chrono::steady_clock::now();
  }
  auto responses = fetcher_.fetch_all(requests, options_.max_parallel);
  std::vector<PollReport> reports;
  for (size_t i = 0; i < sources.size(); ++i) {
    reports.push_back(finish(sources[i], std::move(responses[i])));
  }
  return reports;
}

PollReport Poller::finish(const model::Source& source, Result<fetch::FetchResponse> response) {
  PollReport report{.source_id = source.id, .url = source.settings.url};
  PollResult& result = report.result;
  if (!response) {
    result.error = response.error().message;
  } else if (response->status == 304) {
    result.kind = PollResult::Kind::kNotModified;
    result.etag = response->etag;
    result.last_modified = response->last_modified;
  } else if (response->status == 410) {
    result.kind = PollResult::Kind::kGone;
  } else if (response->status != 200) {
    result.error = http_failure(*response);
    result.retry_after = response->retry_after;
  } else {
    auto zone = store_.find_section(source.section_id);
    if (!zone) {
      result.error = "the source's zone could not be read: " + zone.error().message;
    } else {
      auto ingested = ingest_document(
          store_, *zone, response->body,
          {.channel = model::Channel::kPoll,
           .origin = source.settings.url,
           .source_id = source.id,
           .http_charset = response->charset},
          {.base_url = response->final_url, .identity_key = source.settings.identity_key},
          clock_);
      if (!ingested) {
        result.error = "the response is not a feed we can read: " + ingested.error().message;
      } else {
        result.kind = PollResult::Kind::kIngested;
        result.etag = response->etag;
        result.last_modified = response->last_modified;
        result.new_items = ingested->counts.created > 0;
        result.guid_warning = ingested->guid_warning;
        report.ingest = std::move(*ingested);
      }
    }
  }

  if (response && response->permanent_url && *response->permanent_url != source.settings.url) {
    model::SourceSettings moved = source.settings;
    moved.url = *response->permanent_url;
    if (auto updated = store_.set_source_settings(source.id, moved); updated) {
      report.moved_to = moved.url;
    } else {
      log_(true, "source=" + std::to_string(source.id) + " moved_to=" + quoted(moved.url) +
                     " update_failed=" + quoted(updated.error().message));
    }
  }

  const double jitter = std::uniform_real_distribution<double>(0.0, 1.0)(random_);
  model::PollState state = next_state(source, result, clock_.now(), jitter);
  if (report.moved_to) {
    // The moved-to URL is a new address: its validators are the ones just received.
    state.etag = result.etag;
    state.last_modified = result.last_modified;
  }
  if (auto recorded = store_.record_poll(source.id, state); !recorded) {
    log_(true, "source=" + std::to_string(source.id) + " record_failed=" +
                   quoted(recorded.error().message));
  }

  std::string line = "source=" + std::to_string(source.id) + " url=" + quoted(source.settings.url);
  switch (result.kind) {
    case PollResult::Kind::kIngested: {
      const auto& c = report.ingest->counts;
      line += " result=ingested items=" + std::to_string(c.items) + " created=" +
              std::to_string(c.created) + " updated=" + std::to_string(c.new_versions) +
              " duplicates=" + std::to_string(c.duplicates) + " failed=" + std::to_string(c.failed);
      if (!result.guid_warning.empty()) line += " warning=" + quoted(result.guid_warning);
      break;
    }
    case PollResult::Kind::kNotModified: line += " result=not-modified"; break;
    case PollResult::Kind::kGone: line += " result=gone error=" + quoted(state.last_error); break;
    case PollResult::Kind::kFailed:
      line += " result=failed failures=" + std::to_string(state.consecutive_failures) +
              " error=" + quoted(result.error);
      break;
  }
  if (report.moved_to) line += " moved_to=" + quoted(*report.moved_to);
  if (report.ingest) report.websub = subscribe(source, *report.ingest);
  if (report.websub) {
    line += " websub=" + std::string(model::to_string(report.websub->state));
    if (!report.websub->error.empty()) line += " websub_error=" + quoted(report.websub->error);
  }
  line += " next_poll=" + core::format_rfc3339(state.next_poll);
  log_(result.kind == PollResult::Kind::kFailed || result.kind == PollResult::Kind::kGone, line);
  return report;
}

std::optional<model::WebSub> Poller::subscribe(const model::Source& source,
                                               const IngestReport& report) {
  if (options_.callback_base.empty() || report.hub.empty()) return std::nullopt;
  const std::string topic = report.self.empty() ? source.settings.url : report.self;
  if (!websub::should_subscribe(source, report.hub, topic, clock_.now())) return std::nullopt;
  model::WebSub next = source.websub;
  if (next.hub != report.hub || next.secret.empty()) next.secret = crypto::random_hex(32);
  next.hub = report.hub;
  next.topic = topic;
  auto response = fetcher_.fetch(websub::subscribe_request(
      report.hub, topic, websub::callback_url(options_.callback_base, source.id), next.secret,
      source.settings.user_agent.empty() ? options_.user_agent : source.settings.user_agent));
  if (response && (response->status == 202 || response->status == 204)) {
    next.state = model::WebSub::State::kRequested;  // the hub verifies with a GET to us
    next.lease_until = clock_.now();
    next.error.clear();
  } else {
    next.state = model::WebSub::State::kFailed;
    next.lease_until = clock_.now();
    next.error = response ? "the hub answered HTTP " + std::to_string(response->status) +
                                " to the subscription request"
                          : "the hub could not be reached: " + response.error().message;
  }
  if (auto recorded = store_.record_websub(source.id, next); !recorded) {
    log_(true, "source=" + std::to_string(source.id) + " websub_record_failed=" +
                   quoted(recorded.error().message));
  }
  return next;
}

void Poller::run(std::stop_token stop) {
  std::mutex mutex;
  std::condition_variable_any wake;
  while (!stop.stop_requested()) {
    poll_due();
    std::unique_lock lock(mutex);
    wake.wait_for(lock, stop, options_.tick, [] { return false; });
  }
}

}  // namespace nz::ingest
