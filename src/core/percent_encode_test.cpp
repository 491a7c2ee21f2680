#include "core/percent_encode.h"

#include <gtest/gtest.h>

namespace nz::core {
namespace {

TEST(PercentEncodeTest, KeepsUnreservedAndEncodesTheRest) {
  EXPECT_EQ(percent_encode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(percent_encode("a b&c=d/e?f#g"), "a%20b%26c%3Dd%2Fe%3Ff%23g");
  EXPECT_EQ(percent_encode("a b", true), "a+b");
  EXPECT_EQ(percent_encode("a+b", true), "a%2Bb");  // a real plus stays one
  EXPECT_EQ(percent_encode("ä中"), "%C3%A4%E4%B8%AD");
  EXPECT_EQ(percent_encode(std::string_view("\0\xff", 2)), "%00%FF");
}

}  // namespace
}  // namespace nz::core
