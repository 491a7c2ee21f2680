// Atom 1.0 (RFC 4287) and Atom 0.3 → ParsedFeed, from a libxml2 tree. Called by feed::parse;
// tested through it (atom/parser_test.cpp).
#pragma once

#include <optional>
#include <string>

#include "feed/model.h"
#include "feed/xml_dom.h"

namespace nz::feed::atom {

// kAtom10 or kAtom03 when `root` is an Atom <feed>, else nullopt.
std::optional<FeedFormat> detect(const xml::Node* root);

// Reads the feed and its entries. `base_url` is the document's base (may be empty); xml:base
// attributes apply on top of it. Fills everything but encoding and bozo.
ParsedFeed parse(const xml::Node* root, FeedFormat format, const std::string& base_url);

}  // namespace nz::feed::atom
