#include "feed/xml_dom.h"

#include <gtest/gtest.h>

namespace nz::feed::xml {
namespace {

using Reader = Document::Reader;

TEST(XmlDomTest, StrictReaderTakesAWellFormedFeed) {
  std::string doc =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
      "<item><title>a &amp; b &#233;</title><dc:creator>X</dc:creator></item></rss>";
  Document d = Document::parse(doc);
  ASSERT_TRUE(d.root());
  EXPECT_FALSE(d.read_by_libxml2());
  Node* item = child(d.root(), "", "item");
  EXPECT_EQ(text(child(item, "", "title")), "a & b \xC3\xA9");
  EXPECT_EQ(text(child(item, kDc, "creator")), "X");
}

TEST(XmlDomTest, StrictReaderLeavesTheRestToLibxml2) {
  for (const char* doc : {
           "<!DOCTYPE rss><rss/>",                      // a DOCTYPE
           "<rss><a xml:2ang=\"x\"/></rss>",            // no NCName (found by fuzz_feed_xml)
           "<rss><p:a/></rss>",                         // an undeclared prefix
           "<rss>&nbsp;</rss>",                         // an entity without a DTD
           "<rss><a></b></rss>",                        // not well-formed
       }) {
    EXPECT_FALSE(Document::parse(doc, Reader::kStrict).root()) << doc;
    EXPECT_TRUE(Document::parse(doc).read_by_libxml2()) << doc;
  }
}

TEST(XmlDomTest, Libxml2IgnoresTheDeclaredEncoding) {
  // The text is UTF-8 by then: an encoding libxml2 does not know is no error (found by
  // fuzz_feed_xml: libxml2 called "utf-9" malformed where the strict reader did not).
  Document d = Document::parse("<?xml version=\"1.0\" encoding=\"utf-9\"?><rss/>",
                               Reader::kLibxml2);
  ASSERT_TRUE(d.root());
  EXPECT_FALSE(d.error().has_value());
}

TEST(XmlDomTest, BothReadersMakeTheSameTree) {
  std::string doc =
      "<r xmlns=\"urn:d\" xmlns:x=\"urn:x\"><x:a b=\"1\r\n2\" x:c=\"&lt;\">t\r\n<![CDATA[<c>]]>"
      "&#65;<!-- k --><?pi  d ?></x:a><e/></r>";
  Document strict = Document::parse(doc, Reader::kStrict);
  Document lib = Document::parse(doc, Reader::kLibxml2);
  ASSERT_TRUE(strict.root());
  ASSERT_TRUE(lib.root());
  EXPECT_EQ(inner_xml(strict.root()), inner_xml(lib.root()));
  EXPECT_EQ(inner_xml(strict.root()),
            "<x:a b=\"1 2\" x:c=\"&lt;\">t\n&lt;c&gt;A<!-- k --><?pi d ?></x:a><e/>");
  EXPECT_EQ(attr(strict.root()->first, "c", "urn:x"), "<");
}

}  // namespace
}  // namespace nz::feed::xml
