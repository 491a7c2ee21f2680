// Extensions the RSS and Atom parsers read alike: WebSub discovery links (atom:link rel="hub"
// and rel="self", W3C WebSub §4), RFC 4946 license links and RFC 6721 tombstones.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "feed/model.h"
#include "feed/xml_dom.h"

namespace nz::feed {

inline constexpr std::string_view kTombstones = "http://purl.org/atompub/tombstones/1.0";
// RFC 4946 §2.1: a license link to this URI says the license is unknown.
inline constexpr std::string_view kLicenseUnspecified =
    "http://purl.org/atompub/license#unspecified";

// Each function reads the element children of a feed, channel, entry or item, given as a list:
// a feed's children without its entries (which may be thousands), or element_children(item).
using Nodes = std::span<xml::Node* const>;

// The href of the first <link> in namespace `link_ns` whose rel is `rel` (compared
// case-insensitively, as IANA link relations are), resolved against the xml:base in scope
// over `doc_base`; nullopt when there is none.
std::optional<std::string> link_by_rel(Nodes children, std::string_view link_ns,
                                       std::string_view rel, const std::string& doc_base);

// The last absolute rel="self" href: the document's own URL, a base for its relative links.
std::optional<std::string> absolute_self(Nodes children, std::string_view link_ns);

// Sets `feed.hub` and `feed.self` from the links of an Atom <feed> or RSS <channel>.
void read_websub_links(Nodes children, std::string_view link_ns, const std::string& doc_base,
                       FeedMetadata& feed);

// The license link (RFC 4946 rel="license"). `inherit` is set false when there is any license
// link, the "unspecified" one included, so that an entry must not inherit its feed's (RFC 4946
// §2.3); that one reads as no link.
std::optional<std::string> license_link(Nodes children, std::string_view link_ns,
                                        const std::string& doc_base, bool& inherit);

// Appends the <at:deleted-entry> elements; those without a ref are skipped.
void add_tombstones(Nodes children, std::vector<DeletedEntry>& out);

}  // namespace nz::feed
