#include "sanitize/output_invariants.h"

#include <gtest/gtest.h>

#include <string>

namespace nz::sanitize {
namespace {

struct Case {
  const char* output;
  const char* problem;  // a substring of the first problem reported
};

// The checker is what the corpus tests and the fuzzer trust; it must catch each kind of
// broken promise, or their silence means nothing.
TEST(OutputInvariantsTest, CatchesEachKindOfBrokenPromise) {
  const Case cases[] = {
      {"<script>x</script>", "element <script> not allowed"},
      {"<div>x</div>", "element <div> not allowed"},
      {"<p onclick=\"x\">x</p>", "event handler onclick"},
      {"<p class=\"x\">x</p>", "attribute class not allowed on <p>"},
      {"<a href=\"javascript:x\">x</a>", "unsafe URL href"},
      {"<a href=\" JAVA&#9;SCRIPT:x\">x</a>", "unsafe URL href"},
      {"<img src=\"mailto:a@b\">", "unsafe URL src"},
      {"<img srcset=\"https://a.example/a 1x, javascript:x 2x\">", "unsafe srcset URL"},
      {"<iframe src=\"https://evil.example/\" sandbox=\"\"></iframe>", "not allowlisted"},
      {"<iframe src=\"https://player.vimeo.com/v\"></iframe>", "iframe without sandbox"},
      {"<!-- c -->", "comment survived"},
      {"<svg></svg>", "foreign"},
      {"<p>a<p>b", "not idempotent"},
  };
  for (const auto& c : cases) {
    auto problems = check_output_invariants(c.output, {});
    ASSERT_FALSE(problems.empty()) << c.output;
    EXPECT_NE(problems.front().find(c.problem), std::string::npos)
        << c.output << " gave: " << problems.front();
  }
}

TEST(OutputInvariantsTest, RequiresAbsoluteUrlsWhenABaseIsSet) {
  SanitizeOptions options;
  options.base_url = "https://partner.example/a.html";
  auto problems = check_output_invariants("<a href=\"/x\">x</a>", options);
  ASSERT_FALSE(problems.empty());
  EXPECT_NE(problems.front().find("unsafe URL"), std::string::npos);
}

TEST(OutputInvariantsTest, AcceptsSanitizedOutput) {
  std::string out = sanitize_html(
      "<p><a href=\"https://a.example/\">a</a><img src=\"https://a.example/i.png\"></p>", {});
  EXPECT_TRUE(check_output_invariants(out, {}).empty());
}

}  // namespace
}  // namespace nz::sanitize
