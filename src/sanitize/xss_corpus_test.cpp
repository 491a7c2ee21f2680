// Every attack vector in tests/testdata/xss goes through the sanitizer; the output is parsed
// again and must keep every promise of check_output_invariants. Format: README there.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "sanitize/html_sanitizer.h"
#include "sanitize/html_sanitizer_passes.h"
#include "sanitize/output_invariants.h"

namespace nz::sanitize {
namespace {

struct Vector {
  std::string where;  // file:line
  std::string html;
};

// "\n", "\t", "\r", "\0", "\\" and "\xHH" stand for the bytes, so a line can hold any byte.
std::string unescape(const std::string& line) {
  std::string out;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] != '\\' || i + 1 == line.size()) {
      out += line[i];
      continue;
    }
    char c = line[++i];
    switch (c) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case '0': out += '\0'; break;
      case '\\': out += '\\'; break;
      case 'x':
        if (i + 2 < line.size() + 0 && std::isxdigit(static_cast<unsigned char>(line[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(line[i + 2]))) {
          out += static_cast<char>(std::stoi(line.substr(i + 1, 2), nullptr, 16));
          i += 2;
          break;
        }
        [[fallthrough]];
      default:
        out += '\\';
        out += c;
    }
  }
  return out;
}

std::vector<Vector> load_vectors() {
  std::vector<Vector> vectors;
  std::filesystem::path dir = std::filesystem::path(NZ_SOURCE_DIR) / "tests/testdata/xss";
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
      ++n;
      if (line.empty() || line[0] == '#') continue;
      vectors.push_back({file.filename().string() + ":" + std::to_string(n), unescape(line)});
    }
  }
  return vectors;
}

TEST(XssCorpusTest, HasAtLeast150Vectors) { EXPECT_GE(load_vectors().size(), 150u); }

TEST(XssCorpusTest, EveryVectorComesOutHarmlessAndStable) {
  SanitizeOptions plain;
  SanitizeOptions based;
  based.base_url = "https://partner.example/news/story.html";
  for (const auto& v : load_vectors()) {
    for (const auto* options : {&plain, &based}) {
      std::string out = sanitize_html(v.html, *options);
      auto problems = check_output_invariants(out, *options);
      EXPECT_TRUE(problems.empty()) << v.where << ": " << v.html << "\n  -> " << out
                                    << "\n  first problem: "
                                    << (problems.empty() ? "" : problems.front());
    }
  }
}

// sanitize_html returns its first pass when ReparseCheck vouches for it; the re-parsing loop
// must agree on every vector, and a vouched-for pass must parse back to itself.
TEST(XssCorpusTest, EveryVectorGivesTheSameResultWithoutTheShortcut) {
  SanitizeOptions plain;
  SanitizeOptions based;
  based.base_url = "https://partner.example/news/story.html";
  for (const auto& v : load_vectors()) {
    for (const auto* options : {&plain, &based}) {
      EXPECT_EQ(sanitize_html(v.html, *options), sanitize_html_by_reparsing(v.html, *options))
          << v.where << ": " << v.html;
      FirstPass first = sanitize_first_pass(v.html, *options);
      if (first.settled) {
        EXPECT_EQ(sanitize_first_pass(first.html, *options).html, first.html)
            << v.where << ": " << v.html;
      }
    }
  }
}

// The marker every vector tries to call may survive as inert text (in text, or in the value
// of title, alt, datetime, media, sizes), or inside an http(s), mailto or relative URL
// (which check_output_invariants vets), never anywhere else in a tag.
TEST(XssCorpusTest, MarkerNeverSurvivesInsideATag) {
  const std::regex kInertAttribute(
      R"re( (title|alt|datetime|media|sizes|href|src|srcset|cite)="[^"]*")re");
  for (const auto& v : load_vectors()) {
    std::string out = sanitize_html(v.html, {});
    size_t pos = 0;
    while ((pos = out.find('<', pos)) != std::string::npos) {
      size_t end = out.find('>', pos);
      ASSERT_NE(end, std::string::npos) << v.where;
      std::string tag = std::regex_replace(out.substr(pos, end - pos), kInertAttribute, "");
      EXPECT_EQ(tag.find("xss("), std::string::npos) << v.where << ": " << out;
      pos = end;
    }
  }
}

}  // namespace
}  // namespace nz::sanitize
