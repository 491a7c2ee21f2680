// RSS 0.90, 0.91, 0.92, 0.93, 0.94, 2.0 and RSS 1.0 (RDF) → ParsedFeed, from a libxml2 tree.
// Called by feed::parse; tested through it (rss/parser_test.cpp).
#pragma once

#include <optional>
#include <string>

#include "feed/model.h"
#include "feed/xml_dom.h"

namespace nz::feed::rss {

// The RSS version `root` is, or nullopt when it is no RSS root (<rss> or <rdf:RDF>).
std::optional<FeedFormat> detect(const xml::Node* root);

// Reads channel and items. `base_url` is the document's base (may be empty). Fills
// everything but encoding and bozo.
ParsedFeed parse(const xml::Node* root, FeedFormat format, const std::string& base_url);

}  // namespace nz::feed::rss
