// Every tests/testdata/feeds/<case>.{xml,json,jsonl} parses to <case>.expected.json (compared
// as JSON values), with summary/content HTML-escaped as the CLI does until a sanitizer runs.
// A case may give options in <case>.options.json: {"base_url": "...", "http_charset": "..."}.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "feed/test_support.h"

namespace nz::feed {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> cases() {
  std::vector<std::string> out;
  fs::path dir = fs::path(NZ_SOURCE_DIR) / "tests/testdata/feeds";
  for (const auto& e : fs::directory_iterator(dir)) {
    std::string name = e.path().filename().string();
    if (name.ends_with(".expected.json") || name.ends_with(".options.json")) continue;
    out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(GoldenTest, HasAtLeastThirtyCases) { EXPECT_GE(cases().size(), 30u); }

class GoldenCaseTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenCaseTest, ParsesToExpectedJson) {
  const std::string& file = GetParam();
  std::string stem = file.substr(0, file.rfind('.'));
  std::string dir = "tests/testdata/feeds/";
  ParseOptions options;
  std::string opts = testing::read_file(dir + stem + ".options.json");
  if (!opts.empty()) {
    auto o = boost::json::parse(opts).as_object();
    if (auto* b = o.if_contains("base_url")) options.base_url = b->as_string().c_str();
    if (auto* c = o.if_contains("http_charset")) options.http_charset = c->as_string().c_str();
  }
  boost::json::value actual = testing::parse_to_json(testing::read_file(dir + file), options);
  if (std::getenv("NZ_UPDATE_GOLDEN")) {
    // Regenerates the expected files; review every diff before committing.
    std::ofstream(fs::path(NZ_SOURCE_DIR) / dir / (stem + ".expected.json"))
        << boost::json::serialize(actual) << "\n";
  }
  std::string expected_text = testing::read_file(dir + stem + ".expected.json");
  ASSERT_FALSE(expected_text.empty()) << "missing " << stem << ".expected.json";
  boost::json::value expected = boost::json::parse(expected_text);
  EXPECT_EQ(actual, expected) << "actual:   " << boost::json::serialize(actual)
                              << "\nexpected: " << boost::json::serialize(expected);
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenCaseTest, ::testing::ValuesIn(cases()),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (char& c : n) {
                             if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return n;
                         });

}  // namespace
}  // namespace nz::feed
