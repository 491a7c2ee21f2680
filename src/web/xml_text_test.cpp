#include "web/xml_text.h"

#include <gtest/gtest.h>

namespace nz::web {
namespace {

TEST(XmlTextTest, EscapesMarkupCharacters) {
  EXPECT_EQ(xml_escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
}

TEST(XmlTextTest, DropsCharactersXmlCannotCarryAndKeepsTabsAndNewlines) {
  EXPECT_EQ(xml_escape(std::string("a\x01\x1f\0b\t\n\r", 8)), "ab\t\n\r");
  EXPECT_EQ(xml_escape("x\xEF\xBF\xBEy\xEF\xBF\xBFz"), "xyz");  // U+FFFE, U+FFFF
}

TEST(XmlTextTest, KeepsUtf8AndReplacesBytesThatAreNot) {
  EXPECT_EQ(xml_escape("Hämeen 中国 \xF0\x9F\x98\x80"), "Hämeen 中国 \xF0\x9F\x98\x80");
  EXPECT_EQ(xml_escape("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(xml_escape("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
}

TEST(XmlTextTest, CutsAtMaxBytesOnACharacterBoundary) {
  EXPECT_EQ(xml_escape("abcdef", 3), "abc");
  EXPECT_EQ(xml_escape("aä", 2), "a");  // ä is two bytes: it does not fit
  EXPECT_EQ(xml_escape("a&b", 2), "a&amp;");
}

TEST(XmlTextTest, CleanDropsWhatXmlCannotCarryButEscapesNothing) {
  EXPECT_EQ(xml_clean("Tram & <riders> \"here\""), "Tram & <riders> \"here\"");
  EXPECT_EQ(xml_clean("Odd \x01 bytes\x02"), "Odd  bytes");
  EXPECT_EQ(xml_clean("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
}

}  // namespace
}  // namespace nz::web
