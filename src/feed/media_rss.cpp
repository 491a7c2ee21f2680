#include "feed/media_rss.h"

#include <algorithm>
#include <charconv>

#include "feed/text.h"
#include "feed/url.h"

namespace nz::feed {

void add_enclosure(std::vector<Enclosure>& list, Enclosure e) {
  if (e.url.empty()) return;
  for (const auto& have : list) {
    if (have.url == e.url) return;
  }
  list.push_back(std::move(e));
}

std::optional<std::int64_t> parse_length(std::optional<std::string> text) {
  if (!text) return std::nullopt;
  std::string_view t = trim(*text);
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || ec != std::errc() || p != t.data() + t.size() || v < 0) return std::nullopt;
  return v;
}

void add_media_enclosures(const xml::Node* item, const std::string& base,
                          std::vector<Enclosure>& list) {
  for (xml::Node* k : xml::children(item)) {
    if (xml::ns(k) != xml::kMedia) continue;
    std::string_view n = xml::name(k);
    if (n == "group") {
      add_media_enclosures(k, base, list);
    } else if (n == "content" || n == "thumbnail") {
      auto url = xml::attr(k, "url");
      if (!url || trim(*url).empty()) continue;
      Enclosure e{.url = resolve_url(xml::base_of(k, base), *url)};
      if (auto type = xml::attr(k, "type"); type && !trim(*type).empty()) {
        e.type = std::string(trim(*type));
      }
      if (n == "content") e.length = parse_length(xml::attr(k, "fileSize"));
      add_enclosure(list, std::move(e));
    }
  }
}

void add_category(std::vector<std::string>& list, std::string_view term) {
  std::string t = html_to_text(term);
  if (t.empty() || std::find(list.begin(), list.end(), t) != list.end()) return;
  list.push_back(std::move(t));
}

}  // namespace nz::feed
