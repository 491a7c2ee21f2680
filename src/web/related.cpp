#include "web/related.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace nz::web {
namespace {

// A bag of words, sorted, each with its count.
using Words = std::vector<std::pair<std::string, int>>;

// Words of four letters or more, ASCII lower-cased: enough to tell what a headline is about
// without a stop-word list ("the", "and", "with" are shorter or common to all). A sorted
// vector, not a map: it is made for every candidate of every uncached article page.
Words words(const model::Article& a) {
  std::vector<std::string> all;
  std::string word;
  auto flush = [&] {
    if (word.size() >= 4) all.push_back(word);
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
  std::sort(all.begin(), all.end());
  Words out;
  for (auto& w : all) {
    if (!out.empty() && out.back().first == w) {
      ++out.back().second;
    } else {
      out.emplace_back(std::move(w), 1);
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
    int order = a[i].first.compare(b[j].first);
    if (order == 0) {
      dot += a[i++].second * b[j++].second;
    } else if (order < 0) {
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
