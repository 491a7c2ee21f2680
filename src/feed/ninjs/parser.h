// IPTC ninjs 1.x and 2.x news items (https://iptc.org/standards/ninjs/) → ParsedFeed with
// one entry per item. Called by feed::parse; tested through it (ninjs/parser_test.cpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/json/fwd.hpp>

#include "feed/model.h"

namespace nz::feed::ninjs {

// True when `item` looks like a ninjs item (has "uri", a headline, a body or versioncreated).
bool looks_like_item(const boost::json::object& item);

// Items to entries; `base_url` (may be empty) makes relative hrefs absolute. The feed
// metadata stays empty except language when every item agrees. Fills everything but encoding
// and bozo.
ParsedFeed parse(const std::vector<const boost::json::object*>& items, const std::string& base_url);

}  // namespace nz::feed::ninjs
