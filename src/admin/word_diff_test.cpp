#include "admin/word_diff.h"

#include <gtest/gtest.h>

namespace nz::admin {
namespace {

std::string join(const std::vector<DiffPiece>& pieces, DiffOp skip) {
  std::string out;
  for (const auto& p : pieces) {
    if (p.op != skip) out += p.text;
  }
  return out;
}

// Renders a diff as the article view shows it, for readable expectations.
std::string marked(const std::vector<DiffPiece>& pieces) {
  std::string out;
  for (const auto& p : pieces) {
    if (p.op == DiffOp::kInsert) out += "[+" + p.text + "]";
    else if (p.op == DiffOp::kDelete) out += "[-" + p.text + "]";
    else out += p.text;
  }
  return out;
}

struct Case {
  const char* before;
  const char* after;
  const char* expected;
};

TEST(WordDiff, MarksWordsInsertedDeletedAndReplaced) {
  const Case cases[] = {
      {"", "", ""},
      {"same text", "same text", "same text"},
      {"", "new words", "[+new words]"},
      {"old words", "", "[-old words]"},
      {"The quick brown fox", "The slow brown fox", "The [-quick][+slow] brown fox"},
      {"The fox jumps", "The brown fox jumps", "The [+brown ]fox jumps"},
      {"The brown fox jumps", "The fox jumps", "The [-brown ]fox jumps"},
      {"a b c d", "a x y d", "a [-b c][+x y] d"},
      {"Talks end.", "Talks end today.", "Talks [-end.][+end today.]"},
      {"one two three", "three two one", "[-one][+three] two [-three][+one]"},
  };
  for (const auto& c : cases) {
    auto diff = word_diff(c.before, c.after);
    EXPECT_EQ(marked(diff), c.expected) << c.before << " -> " << c.after;
    EXPECT_EQ(join(diff, DiffOp::kInsert), c.before);
    EXPECT_EQ(join(diff, DiffOp::kDelete), c.after);
  }
}

TEST(WordDiff, NeverLeavesTwoNeighbouringPiecesOfOneKind) {
  auto diff = word_diff("alpha beta gamma delta epsilon", "alpha gamma beta delta zeta");
  for (size_t i = 1; i < diff.size(); ++i) EXPECT_NE(diff[i].op, diff[i - 1].op) << i;
  EXPECT_EQ(join(diff, DiffOp::kInsert), "alpha beta gamma delta epsilon");
  EXPECT_EQ(join(diff, DiffOp::kDelete), "alpha gamma beta delta zeta");
}

TEST(WordDiff, ComparesTooLongMiddlesAsOneReplacement) {
  std::string before = "Start ", after = "Start ";
  for (int i = 0; i < 3000; ++i) {
    before.append("w").append(std::to_string(i)).append(" ");
    after.append("v").append(std::to_string(i)).append(" ");
  }
  before.append("end");
  after.append("end");
  auto diff = word_diff(before, after);
  ASSERT_EQ(diff.size(), 4u);
  EXPECT_EQ(diff[0], (DiffPiece{DiffOp::kSame, "Start "}));
  EXPECT_EQ(diff[1].op, DiffOp::kDelete);
  EXPECT_EQ(diff[2].op, DiffOp::kInsert);
  EXPECT_EQ(diff[3], (DiffPiece{DiffOp::kSame, " end"}));
  EXPECT_EQ(join(diff, DiffOp::kInsert), before);
  EXPECT_EQ(join(diff, DiffOp::kDelete), after);
}

}  // namespace
}  // namespace nz::admin
