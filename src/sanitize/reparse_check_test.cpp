// ReparseCheck lets sanitize_html skip re-parsing its output; these tests hold it to that:
// whatever it vouches for must parse back to itself, and sanitize_html must give the same
// bytes as sanitize_html_by_reparsing (the re-parse-until-stable loop) on every input.
#include "sanitize/reparse_check.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "sanitize/html_sanitizer.h"
#include "sanitize/html_sanitizer_passes.h"

namespace nz::sanitize {
namespace {

// A token of written output: a start tag, an end tag (kEnd), or text (kText + the text).
constexpr GumboTag kEnd = GUMBO_TAG_LAST;
constexpr GumboTag kText = GUMBO_TAG_UNKNOWN;  // with text set; start(UNKNOWN) is picture

struct Token {
  GumboTag tag;
  std::string text;
};

Token start(GumboTag tag) { return {tag, ""}; }
Token end() { return {kEnd, ""}; }
Token text(std::string t) { return {kText, std::move(t)}; }

bool plain(std::initializer_list<Token> tokens) {
  ReparseCheck check;
  for (const Token& t : tokens) {
    if (t.tag == kEnd) {
      check.end();
    } else if (t.tag == kText && !t.text.empty()) {
      check.text(t.text);
    } else {
      check.start(t.tag);
    }
  }
  return check.plain();
}

TEST(ReparseCheckTest, VouchesForOrdinaryArticleMarkup) {
  EXPECT_TRUE(plain({start(GUMBO_TAG_P), text("a "), start(GUMBO_TAG_B), text("b"), end(),
                     start(GUMBO_TAG_BR), end()}));
  EXPECT_TRUE(plain({start(GUMBO_TAG_UL), start(GUMBO_TAG_LI), start(GUMBO_TAG_P), end(),
                     start(GUMBO_TAG_UL), start(GUMBO_TAG_LI), end(), end(), end(), end()}));
  EXPECT_TRUE(plain({start(GUMBO_TAG_FIGURE), start(GUMBO_TAG_UNKNOWN),
                     start(GUMBO_TAG_SOURCE), start(GUMBO_TAG_IMG), end(),
                     start(GUMBO_TAG_FIGCAPTION), text("c"), end(), end()}));
  EXPECT_TRUE(plain({start(GUMBO_TAG_TABLE), text("\n "), start(GUMBO_TAG_CAPTION), end(),
                     start(GUMBO_TAG_TBODY), start(GUMBO_TAG_TR), start(GUMBO_TAG_TD),
                     start(GUMBO_TAG_P), start(GUMBO_TAG_A), end(), end(), end(), end(), end(),
                     end()}));
  // A formatting element around a block, and a link inside a cell inside a link.
  EXPECT_TRUE(plain({start(GUMBO_TAG_B), start(GUMBO_TAG_P), end(), end()}));
  EXPECT_TRUE(plain({start(GUMBO_TAG_A), start(GUMBO_TAG_TABLE), start(GUMBO_TAG_TBODY),
                     start(GUMBO_TAG_TR), start(GUMBO_TAG_TD), start(GUMBO_TAG_A), end(),
                     end(), end(), end(), end(), end()}));
  // A heading inside an inline element inside a heading is left alone by the parser.
  EXPECT_TRUE(plain({start(GUMBO_TAG_H2), start(GUMBO_TAG_B), start(GUMBO_TAG_H3), end(),
                     end(), end()}));
}

TEST(ReparseCheckTest, RefusesWhatTheParserWouldRepair) {
  // Closes the open p.
  EXPECT_FALSE(plain({start(GUMBO_TAG_P), start(GUMBO_TAG_P)}));
  EXPECT_FALSE(plain({start(GUMBO_TAG_P), start(GUMBO_TAG_B), start(GUMBO_TAG_UL)}));
  EXPECT_FALSE(plain({start(GUMBO_TAG_P), start(GUMBO_TAG_TABLE)}));
  EXPECT_FALSE(plain({start(GUMBO_TAG_P), start(GUMBO_TAG_HR)}));
  // Closes the open heading, li, dd.
  EXPECT_FALSE(plain({start(GUMBO_TAG_H2), start(GUMBO_TAG_H3)}));
  EXPECT_FALSE(plain({start(GUMBO_TAG_LI), start(GUMBO_TAG_EM), start(GUMBO_TAG_LI)}));
  EXPECT_FALSE(plain({start(GUMBO_TAG_DD), start(GUMBO_TAG_P), start(GUMBO_TAG_DT)}));
  // Adoption agency: a in a; Noah's Ark: a fourth b.
  EXPECT_FALSE(plain({start(GUMBO_TAG_A), start(GUMBO_TAG_P), start(GUMBO_TAG_A)}));
  EXPECT_FALSE(plain({start(GUMBO_TAG_B), start(GUMBO_TAG_B), start(GUMBO_TAG_B),
                      start(GUMBO_TAG_B)}));
  // Foster parenting, implied table parts, table parts outside a table.
  EXPECT_FALSE(plain({start(GUMBO_TAG_TABLE), text("x")}));
  EXPECT_FALSE(plain({start(GUMBO_TAG_TABLE), start(GUMBO_TAG_P)}));
  EXPECT_FALSE(plain({start(GUMBO_TAG_TABLE), start(GUMBO_TAG_TR)}));
  EXPECT_FALSE(plain({start(GUMBO_TAG_TABLE), start(GUMBO_TAG_TBODY), start(GUMBO_TAG_TD)}));
  EXPECT_FALSE(plain({start(GUMBO_TAG_TD)}));
  EXPECT_FALSE(plain({start(GUMBO_TAG_TABLE), start(GUMBO_TAG_TBODY), start(GUMBO_TAG_TR),
                      start(GUMBO_TAG_TD), start(GUMBO_TAG_TR)}));
  // Not something the sanitizer writes: not vouched for.
  EXPECT_FALSE(plain({start(GUMBO_TAG_DIV)}));
}

TEST(ReparseCheckTest, CountsScopesFromTheNearestCell) {
  // The p outside the cell is out of button scope; the b outside is behind the marker.
  EXPECT_TRUE(plain({start(GUMBO_TAG_P), end(), start(GUMBO_TAG_B), start(GUMBO_TAG_B),
                     start(GUMBO_TAG_B), start(GUMBO_TAG_TABLE), start(GUMBO_TAG_TBODY),
                     start(GUMBO_TAG_TR), start(GUMBO_TAG_TH), start(GUMBO_TAG_B),
                     start(GUMBO_TAG_UL)}));
}

TEST(ReparseCheckTest, StaysRefusedOnceRefused) {
  ReparseCheck check;
  check.start(GUMBO_TAG_P);
  check.fail();
  check.end();
  check.start(GUMBO_TAG_P);
  EXPECT_FALSE(check.plain());
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> articles() {
  std::filesystem::path dir = std::filesystem::path(NZ_SOURCE_DIR) / "tests/testdata/articles";
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".html") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> bodies;
  for (const auto& f : files) bodies.push_back(read_file(f));
  return bodies;
}

SanitizeOptions with_base(std::string base) {
  SanitizeOptions o;
  o.base_url = std::move(base);
  return o;
}

// The promise, on one input: a vouched-for first pass parses back to itself, and
// sanitize_html agrees with the re-parsing loop.
void expect_kept_promise(const std::string& html, const SanitizeOptions& options) {
  FirstPass first = sanitize_first_pass(html, options);
  if (first.settled) {
    EXPECT_EQ(sanitize_first_pass(first.html, options).html, first.html)
        << "vouched for, but changed when parsed again: " << html;
  }
  EXPECT_EQ(sanitize_html(html, options), sanitize_html_by_reparsing(html, options)) << html;
}

TEST(ReparseCheckTest, EveryArticleSettlesInOnePass) {
  // The fast path is the point: ordinary article HTML must not need a second parse.
  const SanitizeOptions options = with_base("https://partner.example/news/2024/story.html");
  for (const std::string& html : articles()) {
    FirstPass first = sanitize_first_pass(html, options);
    EXPECT_TRUE(first.settled) << html;
    expect_kept_promise(html, options);
    expect_kept_promise(html, {});
  }
}

TEST(ReparseCheckTest, MisnestedMarkupTakesTheSlowPathToTheSameResult) {
  // Unwrapping leaves what the parser would repair: a heading in a heading, a p in a p,
  // a list item in a list item, four b in a row.
  for (const char* html : {
           "<h1><span><h3>x</h3></span></h1>",
           "<p><marquee><div>x</div></marquee></p>",
           "<li><marquee><li>x</li></marquee></li>",
           "<b title=x><b><b><b><b>y</b></b></b></b>z</b>",
       }) {
    EXPECT_FALSE(sanitize_first_pass(html, {}).settled) << html;
    expect_kept_promise(html, {});
  }
  // Misnested input that the first parse already repairs for good.
  for (const char* html : {
           "<table><tr><td><div><table><tr><td>x</td></tr></table></div></td></tr></table>",
           "<a href=\"https://a.example/\"><div><a href=\"https://b.example/\">x</a></div></a>",
           "<li><div><li>x</li></div></li>",
           "<b><i>x</b>y</i>",
       }) {
    EXPECT_TRUE(sanitize_first_pass(html, {}).settled) << html;
    expect_kept_promise(html, {});
  }
}

TEST(ReparseCheckTest, CharacterReferencesToReplacedCodePointsComeOutReplaced) {
  // The parser reads raw DEL, C1 controls and noncharacters as U+FFFD; so does the writer.
  const std::string html = "<p title=\"&#x7f;&#x81;&#xfdd0;\">a&#x81;b&#x1fffe;c&#x85;</p>";
  FirstPass first = sanitize_first_pass(html, {});
  EXPECT_TRUE(first.settled);
  EXPECT_EQ(first.html,
            "<p title=\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\">a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD" "c\xE2\x80\xA6</p>");
  expect_kept_promise(html, {});
}

TEST(ReparseCheckTest, ValuesTrimmedBeforeTheWriterDropsControlsStaySettled) {
  // "&#1;" decodes to U+0001, which the writer drops; trimming must not come first, or the
  // space behind it would be trimmed only on the next pass.
  for (const char* html : {"<time datetime=\"&#1; 2024\">x</time>",
                           "<time datetime=\"2024 &#1;&#x1f;\">x</time>"}) {
    EXPECT_EQ(sanitize_html(html, {}), "<time datetime=\"2024\">x</time>") << html;
    expect_kept_promise(html, {});
  }
}

TEST(ReparseCheckTest, UrlsThatChangeWhenCleanedAgainAreNotVouchedFor) {
  // A backslash in the base URL's path comes out of resolution, and is read as "/" next time.
  const SanitizeOptions backslash = with_base("https://partner.example/a\\b/story.html");
  const std::string html = "<a href=\"other.html\">x</a>";
  EXPECT_FALSE(sanitize_first_pass(html, backslash).settled);
  expect_kept_promise(html, backslash);
  // Malformed UTF-8 and C1 controls in the base URL: the parser would replace them.
  for (const char* base : {"https://partner.example/\xC3/a.html",
                           "https://partner.example/\xC2\x81/a.html"}) {
    const SanitizeOptions options = with_base(base);
    EXPECT_FALSE(sanitize_first_pass("<img src=\"x.jpg\">", options).settled) << base;
    expect_kept_promise("<img src=\"x.jpg\">", options);
    expect_kept_promise("<iframe src=\"//www.youtube.com/embed/a\"></iframe>", options);
  }
}

// The fuzz corpus (testdata/fuzz), with the base URL chosen as fuzz_sanitize.cpp does, so
// that what the fuzzer found keeps being checked by every test run.
TEST(ReparseCheckTest, KeepsItsPromiseOnTheFuzzCorpus) {
  std::filesystem::path dir =
      std::filesystem::path(NZ_SOURCE_DIR) / "src/sanitize/testdata/fuzz";
  const char* const bases[] = {"", "https://partner.example/news/a/b.html",
                               "https://partner.example/news\\a/b.html",
                               "https://partner.example/n\xC3\xA4/\xC2\x81/\xC3/b.html"};
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::string html = read_file(entry.path());
    const SanitizeOptions options =
        with_base(bases[html.empty() ? 0 : static_cast<unsigned char>(html[0]) % 4]);
    expect_kept_promise(html, options);
    ++files;
    if (HasFailure()) break;
  }
  EXPECT_GE(files, 1000);
}

// Random markup from a vocabulary rich in what the parser repairs: misnesting, tables,
// lists, headings, formatting elements, pre newlines, character references.
TEST(ReparseCheckTest, KeepsItsPromiseOnRandomMarkup) {
  const std::vector<std::string> pieces = {
      "<p>", "</p>", "<div>", "</div>", "<b>", "</b>", "<i>", "</i>", "<b title=t>",
      "<a href=\"/x\">", "</a>", "<span>", "</span>", "<ul>", "<ol>", "</ul>", "<li>", "</li>",
      "<dl>", "<dt>", "<dd>", "<h1>", "</h1>", "<h3>", "</h3>", "<table>", "</table>",
      "<caption>", "<thead>", "<tbody>", "<tr>", "</tr>", "<td>", "</td>", "<th>", "<pre>",
      "</pre>", "\n", " ", "x", "y z", "<br>", "<hr>", "<img src=\"a.jpg\">", "<section>",
      "<marquee>", "<button>", "<font>", "<center>", "<blockquote>", "</blockquote>",
      "<figure>", "<figcaption>", "<picture>", "<source srcset=\"a.webp\">", "</picture>",
      "<code>", "<em>", "<strong>", "<small>", "<s>", "<u>", "<sub>", "<q>", "&#x81;", "&amp;",
      "<iframe src=\"https://player.vimeo.com/video/1\"></iframe>", "<svg><p>", "</svg>",
      "<select><option>", "<form>", "</form>", "<nobr>", "<address>", "<!-- c -->",
      "<math><mi>", "<template>", "</template>", "<frameset>", "<body>", "</body>", "</html>",
      // Wrappers the sanitizer unwraps around what the parser would have closed.
      "<marquee><div>", "<marquee><li>", "<marquee><h2>", "<marquee><table>", "<span><h2>",
      "</marquee>", "<object><p>", "<b><b><b>",
      // Attribute values the writer changes: controls, replaced code points, spaces.
      "<time datetime=\" &#1; 2024 \">", "</time>", "<p title=\"&#x81;&#1; t\" lang=\" fi \">",
      "<a href=\"&#1; /a b&#x7f;\" target=\" _BLANK\">", "<ol start=\" 3\" type=\"a\">",
      "<img alt=\"&#x85;\" srcset=\"a.jpg&#1; 1x,b.jpg 2x\" sizes=\" 1px\">",
      "<td colspan=\" 2 \">",
  };
  std::mt19937 rng(20261128);  // fixed: the same inputs on every run
  const SanitizeOptions based = with_base("https://partner.example/news/story.html");
  int settled = 0;
  const int kInputs = 3000;
  for (int n = 0; n < kInputs; ++n) {
    std::string html;
    int length = 1 + static_cast<int>(rng() % 30);
    for (int k = 0; k < length; ++k) html += pieces[rng() % pieces.size()];
    settled += sanitize_first_pass(html, {}).settled;
    expect_kept_promise(html, {});
    expect_kept_promise(html, based);
    if (HasFailure()) break;
  }
  // Both paths must be exercised for the comparison to mean anything.
  EXPECT_GT(settled, kInputs / 10);
  EXPECT_LT(settled, kInputs * 19 / 20);
}

}  // namespace
}  // namespace nz::sanitize
