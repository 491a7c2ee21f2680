#include "web/related.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <map>
#include <set>
#include <string>

namespace nz::web {
namespace {

// Words of four letters or more, ASCII lower-cased: enough to tell what a headline is about
// without a stop-word list ("the", "and", "with" are shorter or common to all).
std::map<std::string, int> words(const model::Article& a) {
  std::map<std::string, int> out;
  std::string word;
  auto flush = [&] {
    if (word.size() >= 4) ++out[word];
    word.clear();
  };
  for (const std::string* text : {&a.content.headline, &a.content.standfirst}) {
    for (char c : *text) {
      const auto b = static_cast<unsigned char>(c);
      if (b >= 0x80 || std::isalnum(b)) {
        word += static_cast<char>(b < 0x80 ? std::tolower(b) : b);
      } else {
        flush();
      }
    }
    flush();
  }
  return out;
}

double cosine(const std::map<std::string, int>& a, const std::map<std::string, int>& b) {
  double dot = 0, na = 0, nb = 0;
  for (const auto& [w, n] : a) {
    na += n * n;
    if (auto it = b.find(w); it != b.end()) dot += n * it->second;
  }
  for (const auto& [_, n] : b) nb += n * n;
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
