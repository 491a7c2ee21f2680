// The JSON form of a ParsedFeed: the `newszone parse` output contract of issue 3
// (docs/parse-contract.md): keys in contract order, format names "rss20" ..., dates
// "YYYY-MM-DDTHH:MM:SSZ", null for absent values. The contract's extensions (partner metadata,
// hub and self, deleted_entries) follow the contract's keys in each object; null or [] when
// absent.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "feed/model.h"

namespace nz::feed {

// Maps an entry's raw HTML (summary or content) to what is printed; the CLI passes the
// sanitizer. Called once per non-null summary/content.
using HtmlFilter = std::function<std::string(std::string_view)>;

// One compact JSON object. When `html_filter` is empty, summary/content are HTML-escaped
// (the contract's "escape rather than pass anything through"), never printed raw.
std::string to_json(const ParsedFeed& feed, const HtmlFilter& html_filter = {});

}  // namespace nz::feed
