// libFuzzer target: the JSON Feed parser (jsonfeed::parse) on any JSON object the input is, or
// that recover_json makes of it when it does not parse, whatever its "version"; then
// fuzz::check.
//   build-fuzz-feed/src/feed/fuzz_feed_jsonfeed -max_total_time=600 -rss_limit_mb=2048 \
//       corpus/ tests/testdata/fuzz/feed-jsonfeed
#include <boost/json/parse.hpp>

#include <cstddef>
#include <cstdint>

#include "feed/fuzz/fuzz_check.h"
#include "feed/json_repair.h"
#include "feed/jsonfeed/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using nz::feed::FeedFormat;
  std::string text = nz::feed::fuzz::as_utf8(data, size);
  boost::system::error_code ec;
  boost::json::value doc = boost::json::parse(text, ec);
  if (ec) {
    auto recovered = nz::feed::recover_json(text);
    if (!recovered) return 0;
    doc = std::move(recovered->value);
  }
  const boost::json::object* o = doc.if_object();
  if (!o) return 0;
  FeedFormat format = nz::feed::jsonfeed::detect(*o).value_or(FeedFormat::kJson11);
  nz::feed::ParsedFeed feed =
      nz::feed::jsonfeed::parse(*o, format, size % 2 ? "https://p.example/f.json" : "");
  nz::feed::fuzz::check(feed);
  return 0;
}
