#include "ingest/near_duplicate.h"

#include <algorithm>
#include <array>
#include <string>

namespace nz::ingest {
namespace {

// Decodes one UTF-8 code point at text[i], advancing i; invalid bytes read as U+FFFD.
char32_t next_code_point(std::string_view text, size_t& i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  const int extra = c < 0x80          ? 0
                    : (c >> 5) == 0x6  ? 1
                    : (c >> 4) == 0xE  ? 2
                    : (c >> 3) == 0x1E ? 3
                                       : -1;
  if (extra == 0) {
    ++i;
    return c;
  }
  if (extra < 0 || i + extra >= text.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = c & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  i += extra + 1;
  return cp;
}

// ASCII letters and digits, and ASCII lower case: tables, not <cctype>, whose locale
// lookups made word hashing the hottest function of a large ingest after the HTML parser.
constexpr std::array<bool, 128> kAsciiWordChar = [] {
  std::array<bool, 128> t{};
  for (int c = '0'; c <= '9'; ++c) t[c] = true;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = t[c - 'a' + 'A'] = true;
  return t;
}();

constexpr unsigned char ascii_lower(unsigned char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c - 'A' + 'a') : c;
}

bool is_ideograph(char32_t c) {
  return (c >= 0x3040 && c <= 0x30FF) ||   // Hiragana, Katakana
         (c >= 0x3400 && c <= 0x4DBF) ||   // CJK extension A
         (c >= 0x4E00 && c <= 0x9FFF) ||   // CJK unified ideographs
         (c >= 0xAC00 && c <= 0xD7AF) ||   // Hangul syllables
         (c >= 0xF900 && c <= 0xFAFF) ||   // CJK compatibility ideographs
         (c >= 0x20000 && c <= 0x2FA1F);   // CJK extensions B and later
}

bool is_word_char(char32_t c) {
  if (c < 0x80) return kAsciiWordChar[c];
  // Non-ASCII letters (Finnish ä, ö, Cyrillic, ...) count as word characters; punctuation
  // blocks do not.
  if (c >= 0x2000 && c <= 0x2BFF) return false;  // punctuation, symbols, arrows
  if (c >= 0x3000 && c <= 0x303F) return false;  // CJK punctuation
  if (c >= 0xFF00 && c <= 0xFF0F) return false;  // full-width punctuation
  return c != 0xA0 && c != 0xFFFD && c != 0xFEFF;
}

constexpr uint64_t kFnvOffset = 14695981039346656037ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;

uint64_t fnv1a(std::string_view s, uint64_t h = kFnvOffset) {
  for (unsigned char c : s) {
    h ^= c;
    h *= kFnvPrime;
  }
  return h;
}

// A strong 64-bit mix (splitmix64's finaliser) so that every shingle hash spreads over all
// 64 bits; FNV alone leaves its high bits poorly mixed for short inputs.
uint64_t mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

// The FNV-1a hash of each word (ASCII lower-cased, other letters as written) and of each
// ideograph, hashed as the bytes stream by: no word is copied.
std::vector<uint64_t> word_hashes(std::string_view text) {
  std::vector<uint64_t> words;
  words.reserve(text.size() / 6);
  uint64_t h = kFnvOffset;
  bool in_word = false;
  auto flush = [&] {
    if (in_word) words.push_back(h);
    h = kFnvOffset;
    in_word = false;
  };
  for (size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      ++i;
      if (kAsciiWordChar[byte]) {
        h = (h ^ ascii_lower(byte)) * kFnvPrime;
        in_word = true;
      } else {
        flush();
      }
      continue;
    }
    size_t start = i;
    char32_t c = next_code_point(text, i);
    if (is_ideograph(c)) {
      flush();
      words.push_back(fnv1a(text.substr(start, i - start)));
    } else if (is_word_char(c)) {
      h = fnv1a(text.substr(start, i - start), h);
      in_word = true;
    } else {
      flush();
    }
  }
  flush();
  return words;
}

}  // namespace

std::vector<uint64_t> shingles(std::string_view text) {
  std::vector<uint64_t> words = word_hashes(text);
  std::vector<uint64_t> out;
  if (words.size() < 3) return out;
  out.reserve(words.size() - 2);
  for (size_t i = 0; i + 2 < words.size(); ++i) {
    out.push_back(mix(words[i] ^ mix(words[i + 1] ^ mix(words[i + 2]))));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::optional<uint64_t> simhash(std::string_view text) {
  std::vector<uint64_t> set = shingles(text);
  if (static_cast<int>(set.size()) < kMinShingles) return std::nullopt;
  std::array<int64_t, 64> weights{};
  for (uint64_t h : set) {
    for (int bit = 0; bit < 64; ++bit) weights[bit] += (h >> bit) & 1 ? 1 : -1;
  }
  uint64_t out = 0;
  for (int bit = 0; bit < 64; ++bit) {
    if (weights[bit] > 0) out |= uint64_t{1} << bit;
  }
  return out;
}

int hamming_distance(uint64_t a, uint64_t b) {
  // The SWAR popcount, written out: without -mpopcnt (not in Debian's amd64 baseline)
  // std::popcount becomes a libgcc call, which made the scan the hot spot of a large ingest.
  uint64_t x = a ^ b;
  x = x - ((x >> 1) & 0x5555555555555555ull);
  x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
  x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Full;
  return static_cast<int>((x * 0x0101010101010101ull) >> 56);
}

double jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  if (a.empty() && b.empty()) return 0;
  size_t common = 0;
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common, ++i, ++j;
    }
  }
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

bool same_story(std::string_view a, std::string_view b) {
  return jaccard(shingles(a), shingles(b)) >= kNearDuplicateJaccard;
}

void NearDuplicateIndex::add(int64_t article_id, uint64_t fingerprint) {
  if (capacity_ == 0) return;
  if (entries_.size() < capacity_) {
    entries_.push_back({article_id, fingerprint});
    return;
  }
  entries_[next_] = {article_id, fingerprint};
  next_ = (next_ + 1) % capacity_;
}

std::vector<int64_t> NearDuplicateIndex::candidates(uint64_t fingerprint,
                                                    std::optional<int64_t> self,
                                                    size_t limit) const {
  std::vector<std::pair<int, size_t>> found;  // (distance, entry index)
  for (size_t i = 0; i < entries_.size(); ++i) {
    if (self && entries_[i].id == *self) continue;
    int d = hamming_distance(entries_[i].fingerprint, fingerprint);
    if (d <= kCandidateBits) found.emplace_back(d, i);
  }
  std::sort(found.begin(), found.end());
  std::vector<int64_t> out;
  for (size_t k = 0; k < found.size() && k < limit; ++k) out.push_back(entries_[found[k].second].id);
  return out;
}

}  // namespace nz::ingest
