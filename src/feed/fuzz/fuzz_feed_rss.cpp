// libFuzzer target: the RSS parser (rss::parse) on whatever tree libxml2 and the repairs make of
// the input, whether or not its root is an RSS root, in every RSS version; then fuzz::check.
//   build-fuzz-feed/src/feed/fuzz_feed_rss -max_total_time=600 -rss_limit_mb=2048 \
//       corpus/ tests/testdata/fuzz/feed-rss
#include <cstddef>
#include <cstdint>

#include "feed/fuzz/fuzz_check.h"
#include "feed/rss/parser.h"
#include "feed/xml_repair.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using nz::feed::FeedFormat;
  std::string text = nz::feed::fuzz::as_utf8(data, size);  // the Document may point into it
  nz::feed::LiberalXml xml = nz::feed::parse_liberal_xml(text);
  const nz::feed::xml::Node* root = xml.doc.root();
  if (!root) return 0;
  FeedFormat format = nz::feed::rss::detect(root).value_or(FeedFormat::kRss20);
  nz::feed::ParsedFeed feed = nz::feed::rss::parse(root, format, size % 2 ? "https://p.example/r" : "");
  nz::feed::fuzz::check(feed);
  return 0;
}
