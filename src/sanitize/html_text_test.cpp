#include "sanitize/html_text.h"

#include <gtest/gtest.h>

#include <string>

namespace nz::sanitize {
namespace {

struct Case {
  std::string input;
  std::string expected;
};

TEST(HtmlToTextTest, SeparatesBlocksWithBlankLines) {
  const Case cases[] = {
      {"<p>One</p><p>Two</p>", "One\n\nTwo"},
      {"<h2>Head</h2><p>Body <b>bold</b> text.</p>", "Head\n\nBody bold text."},
      {"<ul><li>a</li><li>b</li></ul>", "a\n\nb"},
      {"<p>line<br>next</p>", "line\nnext"},
      {"<p>a<br><br>b</p>", "a\n\nb"},
      {"<div>x<div>y</div>z</div>", "x\n\ny\n\nz"},
      {"<table><tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></table>", "1 2\n\n3"},
      {"<blockquote><p>q</p></blockquote>after", "q\n\nafter"},
      {"<p></p><p>  </p><p>x</p><p></p>", "x"},
  };
  for (const auto& c : cases) EXPECT_EQ(html_to_text(c.input), c.expected) << c.input;
}

TEST(HtmlToTextTest, CollapsesWhitespaceAndDecodesEntities) {
  const Case cases[] = {
      {"  a \n\t b  ", "a b"},
      {"a &amp; b &lt;c&gt; &eacute;&#228;&#x4E2D;", "a & b <c> \xc3\xa9\xc3\xa4\xe4\xb8\xad"},
      {"<b>x</b><i>y</i>", "xy"},
      {"a <b> b </b> c", "a b c"},
  };
  for (const auto& c : cases) EXPECT_EQ(html_to_text(c.input), c.expected) << c.input;
}

TEST(HtmlToTextTest, LeavesOutHiddenContent) {
  const Case cases[] = {
      {"a<script>var x;</script>b", "ab"},
      {"a<style>p{}</style><template>t</template><!-- c -->b", "ab"},
      {"a<svg><text>s</text></svg><title>t</title>b", "ab"},
      {"a<iframe src=x>i</iframe><noscript>n</noscript>b", "ab"},
  };
  for (const auto& c : cases) EXPECT_EQ(html_to_text(c.input), c.expected) << c.input;
}

TEST(HtmlToTextTest, KeepsPreformattedLines) {
  EXPECT_EQ(html_to_text("<p>x</p><pre>a  b\nc</pre>"), "x\n\na  b\nc");
}

TEST(StandfirstTest, CutsAtAWordBoundaryWithEllipsis) {
  const struct {
    const char* input;
    size_t max;
    const char* expected;
  } cases[] = {
      {"<p>Short text.</p>", 50, "Short text."},
      {"<p>The quick brown fox jumps</p>", 15, "The quick…"},
      {"<p>The quick brown fox jumps</p>", 16, "The quick brown…"},
      {"<p>One.</p><p>Two.</p>", 50, "One. Two."},
      {"<p>Helsingin kaupunginvaltuusto päätti äänin</p>", 30, "Helsingin kaupunginvaltuusto…"},
      {"<p>中国国家主席今天抵达撒马尔罕</p>", 6, "中国国家主…"},
      {"<p>Supercalifragilistic</p>", 6, "Super…"},
      {"<p>Hello, world again</p>", 10, "Hello…"},
      {"<p>x</p>", 0, ""},
  };
  for (const auto& c : cases) EXPECT_EQ(standfirst(c.input, c.max), c.expected) << c.input;
}

TEST(StandfirstTest, NeverSplitsAUtf8Sequence) {
  std::string text = "<p>";
  for (int i = 0; i < 100; ++i) text += "ää€中";
  text += "</p>";
  for (size_t n = 1; n < 60; ++n) {
    std::string s = standfirst(text, n);
    // Valid UTF-8: count continuation bytes against lead bytes.
    size_t i = 0;
    size_t code_points = 0;
    while (i < s.size()) {
      auto b = static_cast<unsigned char>(s[i]);
      size_t len = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
      ASSERT_LE(i + len, s.size()) << n;
      for (size_t k = 1; k < len; ++k) {
        ASSERT_EQ(static_cast<unsigned char>(s[i + k]) & 0xC0, 0x80) << n;
      }
      i += len;
      ++code_points;
    }
    EXPECT_LE(code_points, n);
  }
}

}  // namespace
}  // namespace nz::sanitize
