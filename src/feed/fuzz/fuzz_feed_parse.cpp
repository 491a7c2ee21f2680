// libFuzzer target: any bytes through feed::parse, the whole path (encoding detection,
// format detection, XML repair and re-parse, JSON recovery, JSON lines), and the result through
// fuzz::check. The first byte picks the options (base URL, HTTP charset) so that those paths are
// fuzzed too. Run e.g.
//   build-fuzz-feed/src/feed/fuzz_feed_parse -max_total_time=600 -rss_limit_mb=2048 \
//       corpus/ tests/testdata/fuzz/feed-parse tests/testdata/feeds
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "feed/fuzz/fuzz_check.h"
#include "feed/parse.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  nz::feed::ParseOptions options;
  switch (size > 0 ? data[0] % 5 : 0) {
    case 1: options.base_url = "https://partner.example/news/feed.xml"; break;
    case 2: options.http_charset = "iso-8859-1"; break;
    case 3: options.http_charset = "utf-16"; break;
    case 4: options.base_url = "https://partner.example/n\xC3\xA4/\xC3/x"; break;
    default: break;
  }
  auto feed = nz::feed::parse(std::string_view(reinterpret_cast<const char*>(data), size),
                              options);
  if (feed) nz::feed::fuzz::check(*feed);
  return 0;
}
