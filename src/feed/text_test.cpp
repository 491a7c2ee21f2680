#include "feed/text.h"

#include <gtest/gtest.h>

#include "feed/xml_repair.h"

namespace nz::feed {
namespace {

TEST(DecodeEntitiesTest, DecodesNamedNumericAndHtmlEntities) {
  EXPECT_EQ(decode_entities("a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;"),
            "a & b <c> \"d\" 'e'");
  EXPECT_EQ(decode_entities("caf&eacute; &mdash; &nbsp;x"), "caf\u00e9 \u2014 \u00a0x");
  EXPECT_EQ(decode_entities("&#233;&#xE9;&#X41;"), "\u00e9\u00e9A");
  EXPECT_EQ(decode_entities("&#150;"), "\u2013");  // windows-1252 in a numeric reference
}

TEST(DecodeEntitiesTest, KeepsUnknownAndBrokenReferences) {
  EXPECT_EQ(decode_entities("AT&T &bogus; &#xZZ; &"), "AT&T &bogus; &#xZZ; &");
}

TEST(StripTagsTest, RemovesTagsCommentsScriptsAndSeparatesBlocks) {
  EXPECT_EQ(html_to_text("<p>Hello <b>world</b></p><p>again</p>"), "Hello world again");
  EXPECT_EQ(html_to_text("a<!-- x -->b<script>alert(1)</script>c<style>p{}</style>d"), "abcd");
  EXPECT_EQ(html_to_text("1 < 2 and 3 > 2"), "1 < 2 and 3 > 2");
  EXPECT_EQ(html_to_text("line<br>break"), "line break");
}

TEST(CollapseWhitespaceTest, CollapsesAndTrims) {
  EXPECT_EQ(collapse_whitespace("  a \n\t b\u00a0\u00a0c  "), "a b c");
  EXPECT_EQ(collapse_whitespace("   "), "");
}

TEST(EscapeHtmlTest, EscapesMarkupCharacters) {
  EXPECT_EQ(escape_html("<a href=\"x\">&</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
}

TEST(UndoDoubleEscapeTest, UnescapesOnlyEscapedMarkup) {
  EXPECT_EQ(undo_double_escape("&lt;p&gt;Tom &amp;amp; Jerry&lt;/p&gt;"), "<p>Tom &amp; Jerry</p>");
  EXPECT_EQ(undo_double_escape("<p>Use &lt;b&gt; for bold</p>"), "<p>Use &lt;b&gt; for bold</p>");
  EXPECT_EQ(undo_double_escape("1 &lt; 2"), "1 &lt; 2");
}

TEST(RepairXmlTest, TurnsHtmlEntitiesIntoCharacterReferences) {
  std::string doc = "<t>caf&eacute;&nbsp;&amp;</t>";
  auto r = repair_xml(doc);
  EXPECT_EQ(r.document(doc), "<t>caf&#233;&#160;&amp;</t>");
  EXPECT_EQ(r.problem, "undefined entity &eacute;");
}

TEST(RepairXmlTest, EscapesStrayAmpersandsButNotInCdata) {
  std::string doc = "<t>AT&T & co <![CDATA[R&D &nbsp;]]></t>";
  auto r = repair_xml(doc);
  EXPECT_EQ(r.document(doc), "<t>AT&amp;T &amp; co <![CDATA[R&D &nbsp;]]></t>");
  EXPECT_TRUE(r.problem.has_value());
}

TEST(RepairXmlTest, DropsJunkBeforeDeclaration) {
  std::string doc = "garbage\n<?xml version=\"1.0\"?><rss/>";
  auto r = repair_xml(doc);
  EXPECT_EQ(r.document(doc), "<?xml version=\"1.0\"?><rss/>");
  EXPECT_FALSE(r.changed);
  EXPECT_EQ(r.problem, "junk before the XML declaration");
}

TEST(RepairXmlTest, KeepsEntitiesTheDoctypeDeclares) {
  std::string doc = "<!DOCTYPE rss [<!ENTITY brand \"X\">]><rss>&brand;</rss>";
  auto r = repair_xml(doc);
  EXPECT_EQ(r.document(doc), doc);
  EXPECT_FALSE(r.problem.has_value());
}

TEST(RepairXmlTest, LeavesWellFormedXmlAlone) {
  std::string doc = "<?xml version=\"1.0\"?>\n<rss><a>&lt;&#38;&#x26;</a></rss>";
  auto r = repair_xml(doc);
  EXPECT_EQ(r.document(doc), doc);
  EXPECT_FALSE(r.changed);
  EXPECT_FALSE(r.problem.has_value());
}

}  // namespace
}  // namespace nz::feed
