// libFuzzer target: the ninjs parser (ninjs::parse) on the input as one item (a JSON object) or
// an array of items (every object in it, ninjs-looking or not), or on what recover_json makes of
// JSON that does not parse; then fuzz::check.
//   build-fuzz-feed/src/feed/fuzz_feed_ninjs -max_total_time=600 -rss_limit_mb=2048 \
//       corpus/ tests/testdata/fuzz/feed-ninjs
#include <boost/json/parse.hpp>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "feed/fuzz/fuzz_check.h"
#include "feed/json_repair.h"
#include "feed/ninjs/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text = nz::feed::fuzz::as_utf8(data, size);
  boost::system::error_code ec;
  boost::json::value doc = boost::json::parse(text, ec);
  if (ec) {
    auto recovered = nz::feed::recover_json(text);
    if (!recovered) return 0;
    doc = std::move(recovered->value);
  }
  std::vector<const boost::json::object*> items;
  if (const auto* o = doc.if_object()) {
    (void)nz::feed::ninjs::looks_like_item(*o);
    items.push_back(o);
  } else if (const auto* a = doc.if_array()) {
    for (const auto& v : *a) {
      if (const auto* o = v.if_object()) items.push_back(o);
    }
  }
  nz::feed::ParsedFeed feed =
      nz::feed::ninjs::parse(items, size % 2 ? "https://p.example/ninjs/" : "");
  nz::feed::fuzz::check(feed);
  return 0;
}
