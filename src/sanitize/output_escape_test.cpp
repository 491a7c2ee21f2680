#include "sanitize/output_escape.h"

#include <gtest/gtest.h>

#include <string>

namespace nz::sanitize {
namespace {

struct Case {
  std::string input;
  std::string expected;
};

std::string text(std::string_view s) {
  std::string out;
  append_text(out, s);
  return out;
}

std::string attr(std::string_view s) {
  std::string out;
  append_attr_value(out, s);
  return out;
}

TEST(OutputEscapeTest, EscapesMarkupCharacters) {
  EXPECT_EQ(text("a & b < c > d \"e\""), "a &amp; b &lt; c &gt; d \"e\"");
  EXPECT_EQ(attr("a & b < c > d \"e\""), "a &amp; b &lt; c &gt; d &quot;e&quot;");
}

TEST(OutputEscapeTest, DropsControlsButTabNewlineAndFormFeed) {
  EXPECT_EQ(text(std::string("a\x01\t\n\f\r\x1f" "b", 8)), "a\t\n\fb");
  EXPECT_EQ(attr(std::string("a\x0b\tb", 4)), "a\tb");
}

TEST(OutputEscapeTest, WritesWhatTheParserWouldReplaceAsReplacementCharacter) {
  const std::string r = "\xEF\xBF\xBD";
  const Case cases[] = {
      {"a\x7f" "b", "a" + r + "b"},
      {"\xC2\x80\xC2\x9F", r + r},                 // C1 controls
      {"\xC2\xA0\xC2\xA9", "\xC2\xA0\xC2\xA9"},    // nbsp, copyright: kept
      {"\xEF\xB7\x90\xEF\xB7\xAF", r + r},         // U+FDD0, U+FDEF
      {"\xEF\xB7\xB0\xEF\xBF\xBD", "\xEF\xB7\xB0\xEF\xBF\xBD"},  // U+FDF0, U+FFFD: kept
      {"\xEF\xBF\xBE\xEF\xBF\xBF", r + r},         // U+FFFE, U+FFFF
      {"\xF0\x9F\xBF\xBE\xF4\x8F\xBF\xBF", r + r}, // U+1FFFE, U+10FFFF
      {"\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80"},    // an emoji: kept
      {"\xE4\xB8\xAD\xE6\x96\x87", "\xE4\xB8\xAD\xE6\x96\x87"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(text(c.input), c.expected) << c.input;
    EXPECT_EQ(attr(c.input), c.expected) << c.input;
  }
}

TEST(OutputEscapeTest, CopiesMalformedUtf8ByteByByte) {
  EXPECT_EQ(text("a\xC2"), "a\xC2");
  EXPECT_EQ(text("\xEF\xBF<"), "\xEF\xBF&lt;");
  EXPECT_EQ(attr("\xF0&\""), "\xF0&amp;&quot;");
}

}  // namespace
}  // namespace nz::sanitize
