#include "cache/compress.h"

#include <zlib.h>

#include <gtest/gtest.h>

namespace nz::cache {
namespace {

std::string gunzip(const std::string& data) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
  std::string out(1 << 20, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  inflateEnd(&z);
  return out;
}

TEST(ChooseCodingTest, PrefersBrotliThenGzip) {
  EXPECT_EQ(choose_coding("gzip, deflate, br"), Coding::kBrotli);
  EXPECT_EQ(choose_coding("gzip, deflate"), Coding::kGzip);
  EXPECT_EQ(choose_coding("br"), Coding::kBrotli);
  EXPECT_EQ(choose_coding("GZIP"), Coding::kGzip);
  EXPECT_EQ(choose_coding("x-gzip"), Coding::kGzip);
}

TEST(ChooseCodingTest, NoHeaderOrNothingKnownIsIdentity) {
  EXPECT_EQ(choose_coding(std::nullopt), Coding::kIdentity);
  EXPECT_EQ(choose_coding(""), Coding::kIdentity);
  EXPECT_EQ(choose_coding("identity"), Coding::kIdentity);
  EXPECT_EQ(choose_coding("deflate, compress"), Coding::kIdentity);
}

TEST(ChooseCodingTest, QualityValuesCount) {
  EXPECT_EQ(choose_coding("br;q=0, gzip"), Coding::kGzip);
  EXPECT_EQ(choose_coding("gzip;q=0"), Coding::kIdentity);
  EXPECT_EQ(choose_coding("br;q=0.5, gzip;q=0.8"), Coding::kGzip);
  EXPECT_EQ(choose_coding("br ; q=1.0 , gzip;q=0.9"), Coding::kBrotli);
  EXPECT_EQ(choose_coding("*"), Coding::kBrotli);
  EXPECT_EQ(choose_coding("*;q=0.5, br;q=0"), Coding::kGzip);
  EXPECT_EQ(choose_coding("gzip;q=bogus"), Coding::kIdentity);
  EXPECT_EQ(choose_coding("gzip;q=2"), Coding::kIdentity);
}

TEST(CompressTest, GzipRoundTrips) {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "<p>China News Zone " + std::to_string(i) + "</p>\n";
  auto packed = gzip(text);
  ASSERT_TRUE(packed);
  EXPECT_LT(packed->size(), text.size() / 4);
  EXPECT_EQ(gunzip(*packed), text);
}

TEST(CompressTest, BrotliIsSmallerThanTheText) {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "<p>China News Zone " + std::to_string(i) + "</p>\n";
  auto packed = brotli(text);
  ASSERT_TRUE(packed);
  EXPECT_LT(packed->size(), text.size() / 4);
  EXPECT_NE(*packed, text);
}

}  // namespace
}  // namespace nz::cache
