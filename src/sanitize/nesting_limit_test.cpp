#include "sanitize/nesting_limit.h"

#include <gtest/gtest.h>

#include <string>

namespace nz::sanitize {
namespace {

struct Case {
  std::string input;
  std::string expected;
};

TEST(LimitNestingTest, DropsStartTagsPastTheLimit) {
  const Case cases[] = {
      {"<div><b><i>x</i></b></div>", "<div><b>x</i></b></div>"},  // end tags stay
      {"<div><div><div>x", "<div><div>x"},
      {"<DIV class=a><Span>x</Span></DIV>", "<DIV class=a><Span>x</Span></DIV>"},
  };
  for (const auto& c : cases) EXPECT_EQ(limit_nesting(c.input, 2), c.expected) << c.input;
}

TEST(LimitNestingTest, DoesNotCountElementsThatCloseThemselves) {
  const Case cases[] = {
      {"<div><p>a<p>b<p>c<li>d<li>e<br><img src=x><hr/><b>f</b></div>",
       "<div><p>a<p>b<p>c<li>d<li>e<br><img src=x><hr/><b>f</b></div>"},
      {"<div></span></span><b>x</b></div>", "<div></span></span><b>x</b></div>"},
  };
  for (const auto& c : cases) EXPECT_EQ(limit_nesting(c.input, 2), c.expected) << c.input;
}

TEST(LimitNestingTest, IgnoresEndTagsOfElementsThatAreNotOpen) {
  // Stray end tags must not make room for more nesting.
  EXPECT_EQ(limit_nesting("<b><i></div></div><u>x", 2), "<b><i></div></div>x");
}

TEST(LimitNestingTest, CopiesCommentsAndRawTextAsTheyAre) {
  const Case cases[] = {
      {"<b><!-- <i><u> --><script><i><u></script>x</b>",
       "<b><!-- <i><u> --><script><i><u></script>x</b>"},
      {"<b><style><i><u></style></b>", "<b><style><i><u></style></b>"},
  };
  for (const auto& c : cases) EXPECT_EQ(limit_nesting(c.input, 1), c.expected) << c.input;
}

TEST(LimitNestingTest, ReturnsShallowInputUnchanged) {
  std::string html = "<p>Hello <b>world</b></p><ul><li>a</ul>";
  EXPECT_EQ(limit_nesting(html), html);
}

}  // namespace
}  // namespace nz::sanitize
