// A word-level diff of two texts, for the article view's comparison of two versions (issue 8):
// which words the newer text inserts and which it deletes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace nz::admin {

enum class DiffOp { kSame, kInsert, kDelete };

struct DiffPiece {
  DiffOp op = DiffOp::kSame;
  std::string text;
  bool operator==(const DiffPiece&) const = default;
};

// The pieces that turn `before` into `after`: a shortest edit script over tokens (runs of
// whitespace and runs of anything else), with neighbouring tokens of the same kind joined,
// and in a change the deletion before the insertion. Concatenating the kSame and kDelete
// pieces gives `before`; kSame and kInsert, `after`. Texts whose changed middle (after the
// common start and end) holds more than kMaxDiffCells token pairs are compared as one
// deletion and one insertion, so that the time and memory stay bounded.
std::vector<DiffPiece> word_diff(std::string_view before, std::string_view after);

inline constexpr size_t kMaxDiffCells = 4'000'000;

}  // namespace nz::admin
