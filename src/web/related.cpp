#include "web/related.h"

#include <algorithm>
#include <cstdint>
#include <chrono>
#include <cmath>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace nz::web {
namespace {

// A bag of words, each with its count, sorted by the word's 64-bit hash: it is made for
// every candidate of every uncached article page, so a word is hashed as it is read instead
// of being copied into a string. Two different words of one headline pair sharing a hash
// (about one chance in 10^17) would only nudge a score.
using Words = std::vector<std::pair<uint64_t, int>>;

// Words of four letters or more, ASCII lower-cased: enough to tell what a headline is about
// without a stop-word list ("the", "and", "with" are shorter or common to all).
Words words(const model::Article& a) {
  constexpr uint64_t kFnvOffset = 14695981039346656037ull, kFnvPrime = 1099511628211ull;
  std::vector<uint64_t> all;
  all.reserve(32);
  uint64_t hash = kFnvOffset;
  size_t length = 0;
  auto flush = [&] {
    if (length >= 4) all.push_back(hash);
    hash = kFnvOffset;
    length = 0;
  };
  for (const std::string* text : {&a.content.headline, &a.content.standfirst}) {
    for (char c : *text) {
      auto b = static_cast<unsigned char>(c);
      bool letter = b >= 0x80 || (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') ||
                    (b >= 'A' && b <= 'Z');
      if (!letter) {
        flush();
        continue;
      }
      if (b >= 'A' && b <= 'Z') b = static_cast<unsigned char>(b - 'A' + 'a');
      hash = (hash ^ b) * kFnvPrime;
      ++length;
    }
    flush();
  }
  std::sort(all.begin(), all.end());
  Words out;
  out.reserve(all.size());
  for (uint64_t w : all) {
    if (!out.empty() && out.back().first == w) {
      ++out.back().second;
    } else {
      out.emplace_back(w, 1);
    }
  }
  return out;
}

double cosine(const Words& a, const Words& b) {
  double dot = 0, na = 0, nb = 0;
  for (const auto& [_, n] : a) na += n * n;
  for (const auto& [_, n] : b) nb += n * n;
  // Both sorted: one merge finds the shared words.
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i].first == b[j].first) {
      dot += a[i++].second * b[j++].second;
    } else if (a[i].first < b[j].first) {
      ++i;
    } else {
      ++j;
    }
  }
  return na == 0 || nb == 0 ? 0 : dot / std::sqrt(na * nb);
}

int differing_bits(uint64_t a, uint64_t b) {
  uint64_t x = a ^ b;
  int n = 0;
  for (; x; x &= x - 1) ++n;
  return n;
}

}  // namespace

std::vector<model::Article> rank_related(const model::Article& article,
                                         std::vector<RelatedCandidate> candidates,
                                         std::span<const TopicFrequency> frequencies,
                                         std::span<const model::ArticleId> exclude, size_t limit) {
  const auto ours = words(article);
  std::set<model::ArticleId> seen(exclude.begin(), exclude.end());
  seen.insert(article.id);
  struct Scored {
    double score;
    model::Article article;
  };
  std::vector<Scored> scored;
  for (RelatedCandidate& c : candidates) {
    const model::Article& other = c.article;
    if (!seen.insert(other.id).second) continue;
    if (other.duplicate_of == article.id || article.duplicate_of == other.id) continue;
    if (article.simhash && other.simhash &&
        differing_bits(*article.simhash, *other.simhash) <= kSameStoryBits) {
      continue;  // the same story told again
    }
    double topics = 0;
    for (model::TopicId t : c.shared_topics) {
      int64_t n = 0;
      for (const TopicFrequency& f : frequencies) {
        if (f.topic == t) n = f.articles;
      }
      topics += 1.0 / std::log2(2.0 + static_cast<double>(n));
    }
    const double days =
        std::abs(std::chrono::duration<double>(other.published - article.published).count()) /
        86400.0;
    const double score =
        (topics + kTextWeight * cosine(ours, words(other))) / (1.0 + days / kHalfLifeDays);
    scored.push_back({score, std::move(c.article)});
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const Scored& a, const Scored& b) { return a.score > b.score; });
  std::vector<model::Article> out;
  for (size_t i = 0; i < scored.size() && out.size() < limit; ++i) {
    out.push_back(std::move(scored[i].article));
  }
  return out;
}

}  // namespace nz::web
