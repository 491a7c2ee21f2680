// libFuzzer target: the encoding detector and converter. detect_encoding on any bytes (the
// first byte picks an HTTP charset, or none), then to_utf8 of the bytes after the BOM must give
// valid UTF-8 when the encoding is known, the BOM must lie within the input, and the name
// (printed as the parse output's "encoding") must be UTF-8.
//   build-fuzz-feed/src/feed/fuzz_feed_encoding -max_total_time=600 -rss_limit_mb=2048 \
//       corpus/ tests/testdata/fuzz/feed-encoding
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "feed/encoding.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static constexpr std::string_view kCharsets[] = {"",          "utf-8",  "iso-8859-1",
                                                   "utf-16",    "koi8-r", "x-unknown",
                                                   "UTF-16BE ", "gb2312"};
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::string_view charset = kCharsets[size > 0 ? data[0] % std::size(kCharsets) : 0];
  nz::feed::DetectedEncoding enc = nz::feed::detect_encoding(bytes, charset);
  if (!nz::feed::is_valid_utf8(enc.name)) {  // it is printed as the parse output's "encoding"
    std::fprintf(stderr, "encoding name is not UTF-8\n");
    std::abort();
  }
  if (enc.bom_length > size) {
    std::fprintf(stderr, "BOM of %zu bytes in %zu\n", enc.bom_length, size);
    std::abort();
  }
  auto text = nz::feed::to_utf8(bytes.substr(enc.bom_length), enc.name);
  if (text && !nz::feed::is_valid_utf8(*text)) {
    std::fprintf(stderr, "to_utf8 from %s gave invalid UTF-8\n", enc.name.c_str());
    std::abort();
  }
  return 0;
}
