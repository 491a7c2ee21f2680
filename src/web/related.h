// "Related": the other stories most like this one (issue 5), for the article page.
//
// Candidates are the newest listed articles of the article's most specific topics. Each is
// scored by the topics it shares (a rare topic counts for more than "China" on a China
// zone), by the words its headline and standfirst share with this one's, and by its age:
//   score = (sum over shared topics of 1 / log2(2 + articles of the topic)
//            + kTextWeight * cosine(headline and standfirst words)) * recency
//   recency = 1 / (1 + |days between the two stories| / kHalfLifeDays)
// Never the same story twice: a near-duplicate (SimHash within kSameStoryBits) is left out.
#pragma once

#include <span>
#include <vector>

#include "model/article.h"
#include "model/topic.h"

namespace nz::web {

inline constexpr double kTextWeight = 2.0;
inline constexpr double kHalfLifeDays = 30.0;
inline constexpr int kSameStoryBits = 14;

struct RelatedCandidate {
  model::Article article;
  std::vector<model::TopicId> shared_topics;  // topics it shares with the article
};

struct TopicFrequency {
  model::TopicId topic = 0;
  int64_t articles = 0;  // articles tagged with the topic (ArticleStore::count_topic_tags)
};

// The best `limit` candidates, best first; `exclude` are ids already shown on the page.
std::vector<model::Article> rank_related(const model::Article& article,
                                         std::vector<RelatedCandidate> candidates,
                                         std::span<const TopicFrequency> frequencies,
                                         std::span<const model::ArticleId> exclude, size_t limit);

}  // namespace nz::web
