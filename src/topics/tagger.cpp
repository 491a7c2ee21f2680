#include "topics/tagger.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>

namespace nz::topics {
namespace {

// Where the lede ends: the end of the first paragraph with at least kMinLede characters.
constexpr size_t kMinLede = 80;

size_t lede_end(std::string_view text) {
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) return text.size();
    if (end >= kMinLede) return end;
    start = end + 1;
  }
  return text.size();
}

}  // namespace

std::vector<TopicScore> tag(const Gazetteer& gazetteer, std::string_view headline,
                            std::string_view text) {
  // One text, so that what the headline says about a name ("Chad Miller") holds below.
  std::string all;
  all.reserve(headline.size() + 2 + text.size());
  all.append(headline).append("\n\n");
  const size_t body_start = all.size();
  all.append(text);
  const size_t lede = body_start + lede_end(text);

  const std::vector<Mention> mentions = gazetteer.mentions(all);
  // The sentence of each mention, and how many topics each sentence names: a sentence that
  // lists kListTopics or more ("delegations from Russia, India, Iran and Belarus") is
  // background, and its mentions weigh as little as any in the body.
  std::vector<size_t> sentence(mentions.size());
  std::map<size_t, std::set<size_t>> topics_in_sentence;
  for (size_t k = 0; k < mentions.size(); ++k) {
    const size_t end = all.find_last_of(".!?\n", mentions[k].offset);
    sentence[k] = end == std::string::npos ? 0 : end + 1;
    topics_in_sentence[sentence[k]].insert(mentions[k].topic);
  }

  std::vector<TopicScore> scores;
  for (size_t k = 0; k < mentions.size(); ++k) {
    const Mention& m = mentions[k];
    int weight = m.offset < body_start ? kTitleWeight
                 : m.offset < lede     ? kLedeWeight
                                       : kBodyWeight;
    const bool in_list = topics_in_sentence[sentence[k]].size() >= kListTopics;
    if (m.offset >= body_start && in_list) {
      weight = kBodyWeight;
    } else if (m.offset >= body_start) {
      // A paragraph that opens with a name is about it ("Neighbouring Ghana, the
      // second-largest producer, ..."; a dateline).
      const size_t newline = all.rfind('\n', m.offset);
      const size_t paragraph = newline == std::string::npos ? 0 : newline + 1;
      if (m.offset - paragraph < kOpeningBytes) weight += kOpeningBonus;
    }
    auto it = std::find_if(scores.begin(), scores.end(),
                           [&](const TopicScore& s) { return s.topic == m.topic; });
    if (it == scores.end()) it = scores.insert(scores.end(), TopicScore{.topic = m.topic});
    it->weight += weight;
    it->mentions += 1;
  }
  std::erase_if(scores, [](const TopicScore& s) { return s.weight < kTagThreshold; });
  std::stable_sort(scores.begin(), scores.end(),
                   [](const TopicScore& a, const TopicScore& b) { return a.weight > b.weight; });
  if (scores.size() > kMaxTags) scores.resize(kMaxTags);
  return scores;
}

}  // namespace nz::topics
