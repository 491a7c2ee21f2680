// Near-duplicates: the same story sent again under a new identity (a new guid, a changed
// link), perhaps with a corrected word or a different headline. Found by SimHash (Charikar
// 2002; Manku, Jain and Das Sarma 2007): a 64-bit fingerprint of the text's word shingles in
// which similar texts differ in few bits.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace nz::ingest {

// Texts with fewer shingles than this get no fingerprint: short items ("Photo of the day")
// are too alike to judge.
inline constexpr int kMinShingles = 24;
// SimHash finds candidates: fingerprints at most this many bits apart. Unrelated texts are
// about 32 bits apart, with a standard deviation of 4 (each bit an independent coin), so 14
// bits (4.5 sigma) lets through about 3 in a million unrelated pairs; a story and its
// re-send with a changed headline or a trimmed paragraph measured 0 to 10 on news bodies.
inline constexpr int kCandidateBits = 14;
// The candidates are then checked exactly: the same story when at least this share of their
// word shingles agree (Jaccard similarity of the shingle sets).
inline constexpr double kNearDuplicateJaccard = 0.8;

// A text's word shingles (three consecutive words), hashed, sorted, without repeats. Words
// are lower-cased letter/digit runs; each Han, Hiragana, Katakana or Hangul character is a
// word of its own, so that Chinese text is compared too.
std::vector<uint64_t> shingles(std::string_view text);

// The SimHash of `text` (plain text) over its shingles, or none when it has fewer than
// kMinShingles: too short to judge.
std::optional<uint64_t> simhash(std::string_view text);

int hamming_distance(uint64_t a, uint64_t b);

// |a ∩ b| / |a ∪ b| of two shingle sets as shingles() returns them; 0 when both are empty.
double jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b);

// True when the two plain texts are the same story by the rule above.
bool same_story(std::string_view a, std::string_view b);

// Fingerprints of a zone's most recent articles, at most `capacity` (the oldest make way).
// A linear scan: a popcount per article, so ten thousand articles cost some microseconds per
// query, and no banding scheme is needed even at the loose candidate distance.
class NearDuplicateIndex {
 public:
  explicit NearDuplicateIndex(size_t capacity = 10000) : capacity_(capacity) {}
  void add(int64_t article_id, uint64_t fingerprint);
  // Articles whose fingerprint is within kCandidateBits of `fingerprint`, other than `self`,
  // nearest first, at most `limit`.
  std::vector<int64_t> candidates(uint64_t fingerprint, std::optional<int64_t> self = {},
                                  size_t limit = 5) const;
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    int64_t id;
    uint64_t fingerprint;
  };
  size_t capacity_;
  size_t next_ = 0;  // where the next entry goes once full
  std::vector<Entry> entries_;
};

}  // namespace nz::ingest
