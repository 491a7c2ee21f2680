// Realistic article bodies (tests/testdata/articles) must come through whole: the same
// visible text, every allowed element, and a stable output.
#include <gtest/gtest.h>

#include <gumbo.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "sanitize/gumbo_elements.h"
#include "sanitize/html_sanitizer.h"
#include "sanitize/html_text.h"
#include "sanitize/output_invariants.h"

namespace nz::sanitize {
namespace {

std::vector<std::filesystem::path> article_files() {
  std::filesystem::path dir = std::filesystem::path(NZ_SOURCE_DIR) / "tests/testdata/articles";
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".html") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Count of each element in the body, h1 counted as h2 (the sanitizer renames it).
std::map<std::string, int> count_elements(const std::string& html) {
  std::map<std::string, int> counts;
  std::string input = "<!DOCTYPE html><body>" + html;
  GumboOutput* out = gumbo_parse(input.c_str());
  std::vector<const GumboNode*> stack = {out->root};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type != GUMBO_NODE_ELEMENT) continue;
    std::string name = tag_name(n->v.element);
    if (name == "h1") name = "h2";
    counts[name]++;
    for (unsigned i = 0; i < n->v.element.children.length; ++i) {
      stack.push_back(static_cast<const GumboNode*>(n->v.element.children.data[i]));
    }
  }
  gumbo_destroy_output(&kGumboDefaultOptions, out);
  return counts;
}

const char* const kAllowed[] = {
    "p", "br", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "s", "sub", "sup",
    "small", "mark", "q", "cite", "abbr", "time", "blockquote", "pre", "code", "ul", "ol",
    "li", "dl", "dt", "dd", "hr", "a", "img", "picture", "source", "figure", "figcaption",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "iframe"};

TEST(ArticlesTest, HasAtLeast50Articles) { EXPECT_GE(article_files().size(), 50u); }

TEST(ArticlesTest, KeepAllTheirTextAndAllowedElements) {
  SanitizeOptions options;
  options.base_url = "https://partner.example/news/2024/story.html";
  for (const auto& file : article_files()) {
    std::string input = read_file(file);
    std::string output = sanitize_html(input, options);
    EXPECT_EQ(html_to_text(output), html_to_text(input)) << file.filename();
    auto before = count_elements(input);
    auto after = count_elements(output);
    for (const char* tag : kAllowed) {
      // A div of inline content becomes a p, so there may be more of those.
      if (std::string_view(tag) == "p") {
        EXPECT_GE(after[tag], before[tag]) << file.filename();
      } else {
        EXPECT_EQ(after[tag], before[tag]) << file.filename() << ": <" << tag << ">";
      }
    }
    auto problems = check_output_invariants(output, options);
    EXPECT_TRUE(problems.empty()) << file.filename() << ": " << problems.front();
  }
}

}  // namespace
}  // namespace nz::sanitize
