#include "feed/encoding.h"

#include <gtest/gtest.h>

namespace nz::feed {
namespace {

TEST(DetectEncodingTest, BomWins) {
  auto d = detect_encoding("\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>");
  EXPECT_EQ(d.name, "utf-8");
  EXPECT_EQ(d.bom_length, 3u);
  EXPECT_EQ(detect_encoding(std::string_view("\xFF\xFE<\0", 4)).name, "utf-16le");
  EXPECT_EQ(detect_encoding(std::string_view("\xFE\xFF\0<", 4)).name, "utf-16be");
}

TEST(DetectEncodingTest, ReadsXmlDeclaration) {
  EXPECT_EQ(detect_encoding("<?xml version=\"1.0\" encoding=\"KOI8-R\"?><rss/>").name, "koi8-r");
  EXPECT_EQ(detect_encoding("<?xml version='1.0' encoding='UTF-8'?><rss/>").name, "utf-8");
}

TEST(DetectEncodingTest, HttpCharsetOverridesDeclaration) {
  EXPECT_EQ(detect_encoding("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss/>", "koi8-r").name,
            "koi8-r");
}

TEST(DetectEncodingTest, ReadsIso88591AsWindows1252) {
  auto d = detect_encoding("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><t>\x93q\x94</t>");
  EXPECT_EQ(d.name, "windows-1252");
  EXPECT_FALSE(d.problem.has_value());
}

TEST(DetectEncodingTest, GuessesWhenUndeclared) {
  EXPECT_EQ(detect_encoding("<rss>caf\xC3\xA9</rss>").name, "utf-8");
  EXPECT_EQ(detect_encoding("<rss>caf\xE9</rss>").name, "windows-1252");
}

TEST(DetectEncodingTest, CatchesLyingUtf8Declaration) {
  auto d = detect_encoding("<?xml version=\"1.0\" encoding=\"utf-8\"?><t>caf\xE9</t>");
  EXPECT_EQ(d.name, "windows-1252");
  EXPECT_TRUE(d.problem.has_value());
}

TEST(ToUtf8Test, ConvertsWindows1252IncludingC1Range) {
  auto s = to_utf8("\x93quoted\x94 \x80 caf\xE9", "windows-1252");
  ASSERT_TRUE(s);
  EXPECT_EQ(*s, "\u201cquoted\u201d \u20ac caf\u00e9");
}

TEST(ToUtf8Test, ConvertsWithIconv) {
  auto s = to_utf8("\xF0\xD2\xC9\xD7\xC5\xD4", "koi8-r");
  ASSERT_TRUE(s);
  EXPECT_EQ(*s, "\u041f\u0440\u0438\u0432\u0435\u0442");
  auto u16 = to_utf8(std::string_view("h\0i\0", 4), "utf-16le");
  ASSERT_TRUE(u16);
  EXPECT_EQ(*u16, "hi");
}

TEST(ToUtf8Test, ReplacesInvalidUtf8) {
  auto s = to_utf8("a\xFF" "b", "utf-8");
  ASSERT_TRUE(s);
  EXPECT_EQ(*s, "a\uFFFDb");
}

TEST(ToUtf8Test, RejectsUnknownEncoding) {
  auto s = to_utf8("x", "no-such-charset");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidInput);
}

TEST(DetectEncodingTest, IgnoresADeclarationThatIsNoCharsetName) {
  // Found by fuzz_feed_parse: glibc's iconv accepted "utf-8\xFF..." and the label reached the
  // JSON output as invalid UTF-8.
  auto d = detect_encoding("<?xml version=\"1.0\" encoding=\"utf-8\xFF\xFF\"?><rss/>");
  EXPECT_EQ(d.name, "windows-1252");
  EXPECT_TRUE(d.problem.has_value());
  EXPECT_EQ(detect_encoding("<?xml version=\"1.0\" encoding=\"utf 8\"?><rss/>").name, "utf-8");
  EXPECT_EQ(detect_encoding("<rss/>", "koi8-r\xD0").name, "utf-8");
}

}  // namespace
}  // namespace nz::feed
