// "Test fetch": fetches a source's feed now and parses it, storing nothing, so that an editor
// sees what the poller would get (HTTP status, items, first headlines, warnings) or why it
// fails, before adding a source or while one is failing. Uses the poller's fetcher and the
// feed parser; bounded in time and size.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "model/source.h"

namespace nz::core { class Clock; }

namespace nz::admin {

struct TestFetchLimits {
  std::chrono::milliseconds timeout{15000};  // the whole fetch, redirects included
  size_t max_body_bytes = size_t{16} << 20;  // the poller's bound
  size_t headlines = 5;                      // how many first headlines to show
  std::string user_agent = "newszone/0.1 (feed poller)";  // unless the source sets its own
};

struct TestFetchHeadline {
  std::string title;  // "(no title)" when the item has none
  std::string link;   // empty when none
};

struct TestFetchReport {
  std::string url;
  int status = 0;           // the final HTTP status; 0 when no response arrived
  std::string final_url;    // after redirects
  std::string content_type;
  size_t bytes = 0;
  std::chrono::milliseconds elapsed{};
  std::string error;        // empty when a feed was read
  std::string format;       // "rss20", "atom10", ...
  std::string feed_title;
  size_t items = 0;
  std::vector<TestFetchHeadline> first;
  std::vector<std::string> warnings;  // broken-but-readable, items without ids, ...

  bool ok() const { return error.empty(); }
};

// Fetches `settings.url` with the source's user agent and headers (no conditional GET: the
// whole document is wanted) and parses it. Never fails: what went wrong is in `error`.
// Blocks for up to limits.timeout.
TestFetchReport test_fetch(const model::SourceSettings& settings, const core::Clock& clock,
                           const TestFetchLimits& limits = {});

// The warnings a parsed feed's items deserve, pure: items without an id (and how the poller
// then tells them apart), ids shared by several items, items without a title or a link.
struct ParsedItem {
  std::string id, title, link;
};
std::vector<std::string> item_warnings(const std::vector<ParsedItem>& items);

}  // namespace nz::admin
