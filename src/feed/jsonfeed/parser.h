// JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) → ParsedFeed. Called by
// feed::parse; tested through it (jsonfeed/parser_test.cpp).
#pragma once

#include <optional>
#include <string>

#include <boost/json/fwd.hpp>

#include "feed/model.h"

namespace nz::feed::jsonfeed {

// kJson10 or kJson11 when `root` has a jsonfeed.org "version", else nullopt.
std::optional<FeedFormat> detect(const boost::json::object& root);

// `base_url` (may be empty; then feed_url) makes relative item URLs absolute. Fills
// everything but encoding and bozo.
ParsedFeed parse(const boost::json::object& root, FeedFormat format, const std::string& base_url);

}  // namespace nz::feed::jsonfeed
