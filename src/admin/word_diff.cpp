#include "admin/word_diff.h"

#include <cstdint>

namespace nz::admin {
namespace {

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'; }

std::vector<std::string_view> tokens(std::string_view text) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start < text.size()) {
    const bool space = is_space(text[start]);
    size_t end = start + 1;
    while (end < text.size() && is_space(text[end]) == space) ++end;
    out.push_back(text.substr(start, end - start));
    start = end;
  }
  return out;
}

void emit(std::vector<DiffPiece>& out, DiffOp op, std::string_view text) {
  if (text.empty()) return;
  if (!out.empty() && out.back().op == op) {
    out.back().text += text;
    return;
  }
  out.push_back({op, std::string(text)});
}

bool all_space(std::string_view text) {
  for (char c : text) {
    if (!is_space(c)) return false;
  }
  return true;
}

// Orders each change as deletion then insertion: a run of interleaved kDelete and kInsert
// pieces becomes one of each, and so do two changes with only whitespace between them
// ("<del>a b</del><ins>x y</ins>" reads better than "<del>a</del><ins>x</ins> <del>b</del>...").
std::vector<DiffPiece> tidy(const std::vector<DiffPiece>& pieces) {
  std::vector<DiffPiece> out;
  std::string deleted, inserted;
  auto flush = [&] {
    emit(out, DiffOp::kDelete, deleted);
    emit(out, DiffOp::kInsert, inserted);
    deleted.clear();
    inserted.clear();
  };
  for (size_t i = 0; i < pieces.size(); ++i) {
    const DiffPiece& p = pieces[i];
    const bool in_change = !deleted.empty() || !inserted.empty();
    if (p.op == DiffOp::kDelete) deleted += p.text;
    else if (p.op == DiffOp::kInsert) inserted += p.text;
    else if (in_change && i + 1 < pieces.size() && all_space(p.text)) {
      deleted += p.text;
      inserted += p.text;
    } else {
      flush();
      emit(out, DiffOp::kSame, p.text);
    }
  }
  flush();
  return out;
}

}  // namespace

std::vector<DiffPiece> word_diff(std::string_view before, std::string_view after) {
  const auto a = tokens(before);
  const auto b = tokens(after);
  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  const size_t n = a.size() - prefix - suffix;
  const size_t m = b.size() - prefix - suffix;

  std::vector<DiffPiece> raw;
  for (size_t i = 0; i < prefix; ++i) emit(raw, DiffOp::kSame, a[i]);
  if (n > 0 && m > 0 && (n + 1) * (m + 1) <= kMaxDiffCells) {
    // lcs[i][j]: the longest common subsequence of a's middle from i and b's middle from j.
    std::vector<uint32_t> lcs((n + 1) * (m + 1), 0);
    auto at = [&](size_t i, size_t j) -> uint32_t& { return lcs[i * (m + 1) + j]; };
    for (size_t i = n; i-- > 0;) {
      for (size_t j = m; j-- > 0;) {
        at(i, j) = a[prefix + i] == b[prefix + j] ? at(i + 1, j + 1) + 1
                                                  : std::max(at(i + 1, j), at(i, j + 1));
      }
    }
    size_t i = 0, j = 0;
    while (i < n && j < m) {
      if (a[prefix + i] == b[prefix + j]) {
        emit(raw, DiffOp::kSame, a[prefix + i]);
        ++i, ++j;
      } else if (at(i + 1, j) >= at(i, j + 1)) {
        emit(raw, DiffOp::kDelete, a[prefix + i++]);
      } else {
        emit(raw, DiffOp::kInsert, b[prefix + j++]);
      }
    }
    for (; i < n; ++i) emit(raw, DiffOp::kDelete, a[prefix + i]);
    for (; j < m; ++j) emit(raw, DiffOp::kInsert, b[prefix + j]);
  } else {
    for (size_t i = 0; i < n; ++i) emit(raw, DiffOp::kDelete, a[prefix + i]);
    for (size_t j = 0; j < m; ++j) emit(raw, DiffOp::kInsert, b[prefix + j]);
  }
  for (size_t i = a.size() - suffix; i < a.size(); ++i) emit(raw, DiffOp::kSame, a[i]);
  return tidy(raw);
}

}  // namespace nz::admin
