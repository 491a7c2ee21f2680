#include "admin/test_fetch.h"

#include <map>

#include "feed/parse.h"
#include "fetch/fetcher.h"

namespace nz::admin {
namespace {

std::string count_of(size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

}  // namespace

std::vector<std::string> item_warnings(const std::vector<ParsedItem>& items) {
  std::vector<std::string> out;
  size_t no_id = 0, no_title = 0, no_link = 0;
  std::map<std::string, size_t> ids;
  for (const auto& item : items) {
    if (item.id.empty()) {
      ++no_id;
    } else {
      ++ids[item.id];
    }
    if (item.title.empty()) ++no_title;
    if (item.link.empty()) ++no_link;
  }
  if (no_id > 0) {
    out.push_back(count_of(no_id, "item has", "items have") +
                  " no guid, id or link: nothing tells such an item from its next version");
  }
  size_t shared = 0;
  for (const auto& [id, n] : ids) {
    if (n > 1) shared += n;
  }
  if (shared > 0) {
    out.push_back(count_of(shared, "item shares", "items share") +
                  " an id with another: set the source's identity to link");
  }
  if (no_title > 0) out.push_back(count_of(no_title, "item has", "items have") + " no title");
  if (no_link > 0) out.push_back(count_of(no_link, "item has", "items have") + " no link");
  return out;
}

TestFetchReport test_fetch(const model::SourceSettings& settings, const core::Clock& clock,
                           const TestFetchLimits& limits) {
  TestFetchReport report{.url = settings.url};
  fetch::Fetcher fetcher(clock);
  auto response = fetcher.fetch({.url = settings.url,
                                 .user_agent = settings.user_agent.empty()
                                                   ? limits.user_agent
                                                   : settings.user_agent,
                                 .headers = settings.headers,
                                 .timeout = limits.timeout,
                                 .max_body_bytes = limits.max_body_bytes});
  if (!response) {
    report.error = response.error().message;
    return report;
  }
  report.status = response->status;
  report.final_url = response->final_url;
  report.content_type = response->content_type;
  report.bytes = response->body.size();
  report.elapsed = response->elapsed;
  if (response->status != 200) {
    report.error = "the feed answered HTTP " + std::to_string(response->status) +
                   (response->status == 304 ? "" : "; the poller would record a failure");
    return report;
  }
  auto parsed = feed::parse(response->body, {.base_url = response->final_url,
                                             .http_charset = response->charset});
  if (!parsed) {
    report.error = "the response is not a feed we can read: " + parsed.error().message;
    return report;
  }
  report.format = feed::to_string(parsed->format);
  report.feed_title = parsed->feed.title.value_or("");
  report.items = parsed->entries.size();
  if (parsed->bozo) {
    report.warnings.push_back("the document is broken but readable: " +
                              parsed->bozo_reason.value_or("unknown problem"));
  }
  if (parsed->entries.empty()) report.warnings.push_back("the feed has no items");
  std::vector<ParsedItem> items;
  for (const auto& entry : parsed->entries) {
    items.push_back({entry.id.value_or(""), entry.title.value_or(""), entry.link.value_or("")});
    if (report.first.size() < limits.headlines) {
      report.first.push_back({entry.title && !entry.title->empty() ? *entry.title : "(no title)",
                              entry.link.value_or("")});
    }
  }
  for (auto& warning : item_warnings(items)) report.warnings.push_back(std::move(warning));
  return report;
}

}  // namespace nz::admin
