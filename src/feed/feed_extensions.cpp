#include "feed/feed_extensions.h"

#include "feed/date.h"
#include "feed/text.h"
#include "feed/url.h"

namespace nz::feed {
namespace {

bool same_rel(std::string_view a, std::string_view b) {
  a = trim(a);
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = char(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = char(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> link_by_rel(Nodes children, std::string_view link_ns,
                                       std::string_view rel, const std::string& doc_base) {
  for (xml::Node* k : children) {
    if (!xml::is(k, link_ns, "link") || !same_rel(xml::attr(k, "rel").value_or(""), rel)) {
      continue;
    }
    auto href = xml::attr(k, "href");
    if (!href || trim(*href).empty()) continue;
    return resolve_url(xml::base_of(k, doc_base), *href);
  }
  return std::nullopt;
}

std::optional<std::string> absolute_self(Nodes children, std::string_view link_ns) {
  std::optional<std::string> self;
  for (xml::Node* k : children) {
    if (!xml::is(k, link_ns, "link") || trim(xml::attr(k, "rel").value_or("")) != "self") {
      continue;
    }
    std::string href(trim(xml::attr(k, "href").value_or("")));
    if (has_scheme(href)) self = href;
  }
  return self;
}

void read_websub_links(Nodes children, std::string_view link_ns, const std::string& doc_base,
                       FeedMetadata& feed) {
  feed.hub = link_by_rel(children, link_ns, "hub", doc_base);
  feed.self = link_by_rel(children, link_ns, "self", doc_base);
}

std::optional<std::string> license_link(Nodes children, std::string_view link_ns,
                                        const std::string& doc_base, bool& inherit) {
  inherit = true;
  for (xml::Node* k : children) {
    if (!xml::is(k, link_ns, "link") || !same_rel(xml::attr(k, "rel").value_or(""), "license")) {
      continue;
    }
    inherit = false;
    std::string href(trim(xml::attr(k, "href").value_or("")));
    if (href.empty() || href == kLicenseUnspecified) continue;
    return resolve_url(xml::base_of(k, doc_base), href);
  }
  return std::nullopt;
}

void add_tombstones(Nodes children, std::vector<DeletedEntry>& out) {
  for (xml::Node* k : children) {
    if (!xml::is(k, kTombstones, "deleted-entry")) continue;
    auto ref = non_empty(xml::attr(k, "ref").value_or(""));
    if (!ref) continue;  // RFC 6721 §2: ref is required; without it nothing can be deleted
    DeletedEntry d{.ref = *ref};
    if (auto when = xml::attr(k, "when")) d.when = parse_date(*when);
    d.comment = non_empty(collapse_whitespace(xml::text(xml::child(k, kTombstones, "comment"))));
    out.push_back(std::move(d));
  }
}

}  // namespace nz::feed
