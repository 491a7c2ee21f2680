// Replays the corpora the feed fuzz targets grew (tests/testdata/fuzz/feed-*, issue 3) on
// every test run, without the fuzzer: every input goes through feed::parse with the options
// fuzz_feed_parse picks from its first byte, and the result must keep every promise
// fuzz::broken_invariant checks. An input that once crashed a target stays a test forever.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "feed/fuzz/fuzz_check.h"
#include "feed/parse.h"

namespace nz::feed {
namespace {

namespace fs = std::filesystem;

ParseOptions options_for(std::string_view data) {
  ParseOptions options;
  switch (data.empty() ? 0 : static_cast<unsigned char>(data[0]) % 5) {
    case 1: options.base_url = "https://partner.example/news/feed.xml"; break;
    case 2: options.http_charset = "iso-8859-1"; break;
    case 3: options.http_charset = "utf-16"; break;
    case 4: options.base_url = "https://partner.example/n\xC3\xA4/\xC3/x"; break;
    default: break;
  }
  return options;
}

TEST(FuzzCorpusTest, EveryInputTheFuzzersKeptParsesWithinTheContract) {
  const fs::path root = fs::path(NZ_SOURCE_DIR) / "tests/testdata/fuzz";
  size_t inputs = 0;
  size_t parsed = 0;
  for (const auto& dir : fs::directory_iterator(root)) {
    if (!dir.is_directory() || !dir.path().filename().string().starts_with("feed-")) continue;
    for (const auto& file : fs::directory_iterator(dir.path())) {
      std::ifstream in(file.path(), std::ios::binary);
      std::stringstream bytes;
      bytes << in.rdbuf();
      const std::string data = bytes.str();
      ++inputs;
      auto feed = parse(data, options_for(data));
      if (!feed) continue;  // nothing recoverable: a clear error, which is allowed
      ++parsed;
      auto broken = fuzz::broken_invariant(*feed);
      EXPECT_FALSE(broken) << file.path() << ": " << *broken;
    }
  }
  // The corpora are committed: an empty folder means they were lost, not that all is well.
  EXPECT_GT(inputs, 1000u);
  EXPECT_GT(parsed, inputs / 4);
}

}  // namespace
}  // namespace nz::feed
