// libFuzzer target: the Atom parser (atom::parse) on whatever tree libxml2 and the repairs make
// of the input, whether or not its root is an Atom <feed>; then fuzz::check.
//   build-fuzz-feed/src/feed/fuzz_feed_atom -max_total_time=600 -rss_limit_mb=2048 \
//       corpus/ tests/testdata/fuzz/feed-atom
#include <cstddef>
#include <cstdint>

#include "feed/atom/parser.h"
#include "feed/fuzz/fuzz_check.h"
#include "feed/xml_repair.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using nz::feed::FeedFormat;
  std::string text = nz::feed::fuzz::as_utf8(data, size);  // the Document may point into it
  nz::feed::LiberalXml xml = nz::feed::parse_liberal_xml(text);
  const nz::feed::xml::Node* root = xml.doc.root();
  if (!root) return 0;
  FeedFormat format = nz::feed::atom::detect(root).value_or(FeedFormat::kAtom10);
  nz::feed::ParsedFeed feed =
      nz::feed::atom::parse(root, format, size % 2 ? "https://p.example/a" : "");
  nz::feed::fuzz::check(feed);
  return 0;
}
