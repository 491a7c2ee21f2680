#include "feed/xml_repair.h"

#include <gtest/gtest.h>

namespace nz::feed {
namespace {

TEST(BalanceTagsTest, LeavesWellNestedDocumentsAlone) {
  for (const char* doc : {"<rss><channel><item><title>a &amp; b</title></item></channel></rss>",
                          "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x \"<y>\">]><rss/>",
                          "<a><![CDATA[<b>]]><!-- <c> --><?pi <d>?><e x=\"<f>\"/></a>"}) {
    BalancedXml b = balance_tags(doc);
    EXPECT_FALSE(b.changed) << doc;
    EXPECT_EQ(b.text, doc);
  }
}

TEST(BalanceTagsTest, RepairsBrokenNesting) {
  struct Row {
    const char* input;
    const char* expected;
  };
  for (const Row& row : std::initializer_list<Row>{
           // An end tag closes what was opened inside its element.
           {"<r><d><b>x</d></r>", "<r><d><b>x</b></d></r>"},
           // An end tag that closes nothing open is dropped.
           {"<r><d>x</span></d></r>", "<r><d>x</d></r>"},
           // Entries never nest.
           {"<c><item><t>a</t><item><t>b</t></item></c>",
            "<c><item><t>a</t></item><item><t>b</t></item></c>"},
           {"<feed><entry><s>a<entry>b</entry></feed>",
            "<feed><entry><s>a</s></entry><entry>b</entry></feed>"},
           // A truncated document: the cut-off tag dropped, everything open closed.
           {"<r><i><t>a</t><desc", "<r><i><t>a</t></i></r>"},
           {"<r><i>a</i></r", "<r><i>a</i></r>"},
           {"<r><i><![CDATA[<p>cut", "<r><i><![CDATA[<p>cut]]></i></r>"},
           {"<r><i>a<!-- cut", "<r><i>a</i></r>"},
           // A "<" that starts no tag is text.
           {"<r>1 < 2</r>", "<r>1 &lt; 2</r>"},
           // A start tag that never ends is ended where the next one starts.
           {"<r><b x=\"1\" <i>y</i></r>", "<r><b x=\"1\"><i>y</i></b></r>"},
           // Nothing after the root element.
           {"<r>a</r><junk>", "<r>a</r>"},
       }) {
    BalancedXml b = balance_tags(row.input);
    EXPECT_TRUE(b.changed) << row.input;
    EXPECT_EQ(b.text, row.expected) << row.input;
  }
}

TEST(BalanceTagsTest, TheRootEntryIsNeverClosedByANestedOne) {
  // An Atom entry document is no feed, but must not come out with two roots.
  BalancedXml b = balance_tags("<entry><entry>x</entry>");
  EXPECT_EQ(b.text, "<entry><entry>x</entry></entry>");
}

TEST(BalanceTagsTest, StaysLinearWithThousandsOfOpenElements) {
  // Each stray end tag looks at most 256 open elements down, not at all 100,000.
  std::string doc = "<r>";
  for (int i = 0; i < 100000; ++i) doc += "<a>";
  for (int i = 0; i < 100000; ++i) doc += "</b>";
  BalancedXml b = balance_tags(doc);
  EXPECT_TRUE(b.changed);
  EXPECT_TRUE(b.text.ends_with("</a></r>"));
}

}  // namespace
}  // namespace nz::feed
