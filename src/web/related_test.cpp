#include "web/related.h"

#include <gtest/gtest.h>

namespace nz::web {
namespace {

using namespace std::chrono_literals;

const core::Timestamp kDay0{std::chrono::sys_days{std::chrono::year{2026} / 11 / 1}};

model::Article story(model::ArticleId id, std::string headline, core::Timestamp published,
                     std::optional<uint64_t> simhash = std::nullopt) {
  model::Article a;
  a.id = id;
  a.content.headline = std::move(headline);
  a.published = published;
  a.simhash = simhash;
  return a;
}

std::vector<model::ArticleId> ids(const std::vector<model::Article>& articles) {
  std::vector<model::ArticleId> out;
  for (const auto& a : articles) out.push_back(a.id);
  return out;
}

TEST(RelatedTest, ARareSharedTopicOutweighsACommonOne) {
  const model::Article article = story(1, "Finnish ministers visit Samarkand", kDay0);
  std::vector<RelatedCandidate> candidates = {
      {story(2, "Rail freight record", kDay0), {10}},  // shares only "China"
      {story(3, "Water talks continue", kDay0), {11}},  // shares only "Uzbekistan"
  };
  const TopicFrequency freq[] = {{10, 100000}, {11, 40}};
  EXPECT_EQ(ids(rank_related(article, candidates, freq, {}, 5)),
            (std::vector<model::ArticleId>{3, 2}));
}

TEST(RelatedTest, SharedWordsAndRecencyCount) {
  const model::Article article = story(1, "Tianjin summit opens with energy pledges", kDay0);
  std::vector<RelatedCandidate> candidates = {
      {story(2, "Harvest festival in Yunnan", kDay0), {10}},
      {story(3, "Energy pledges at Tianjin summit welcomed", kDay0 + 24h), {10}},
      {story(4, "Energy pledges at Tianjin summit welcomed", kDay0 - std::chrono::days{365}), {10}},
  };
  const TopicFrequency freq[] = {{10, 1000}};
  // The same words a day later first; a year later they still beat a story that shares
  // nothing but a common topic.
  EXPECT_EQ(ids(rank_related(article, candidates, freq, {}, 5)),
            (std::vector<model::ArticleId>{3, 4, 2}));
}

TEST(RelatedTest, NeverTheSameStoryNorWhatThePageAlreadyShows) {
  model::Article article = story(1, "Summit opens", kDay0, 0xF0F0F0F0F0F0F0F0ull);
  model::Article copy = story(2, "Summit opens today", kDay0, 0xF0F0F0F0F0F0F0F1ull);
  model::Article dup = story(3, "Summit", kDay0);
  dup.duplicate_of = 1;
  std::vector<RelatedCandidate> candidates = {
      {copy, {10}}, {dup, {10}}, {story(4, "Shown above", kDay0), {10}},
      {story(5, "Other news", kDay0, ~0xF0F0F0F0F0F0F0F0ull), {10}}, {article, {10}}};
  const TopicFrequency freq[] = {{10, 10}};
  const model::ArticleId shown[] = {4};
  EXPECT_EQ(ids(rank_related(article, candidates, freq, shown, 5)),
            (std::vector<model::ArticleId>{5}));
}

TEST(RelatedTest, AtMostTheLimit) {
  const model::Article article = story(1, "A", kDay0);
  std::vector<RelatedCandidate> candidates;
  for (int i = 2; i < 20; ++i) candidates.push_back({story(i, "B", kDay0), {10}});
  const TopicFrequency freq[] = {{10, 10}};
  EXPECT_EQ(rank_related(article, candidates, freq, {}, 5).size(), 5u);
}

}  // namespace
}  // namespace nz::web
