// The tagger: which countries and organizations an article is about (issue 5).
//
// Every mention is weighed by where it stands: in the headline (4), in the opening
// paragraph or dateline (2), further down (1); one that opens a paragraph weighs one more,
// and one in a sentence listing three topics or more weighs 1 wherever it is. A topic is
// tagged when its weight reaches kTagThreshold: a headline mention does, a name that comes
// up once or twice in passing does not. At most kMaxTags topics, heaviest first. The weights
// were chosen on the development half of tests/testdata/topics (docs/benchmarks.md). The
// zone's own topic and editors' decisions are applied by the caller (ingest::store_item, the
// tag commands), never here.
#pragma once

#include <string_view>
#include <vector>

#include "topics/gazetteer.h"

namespace nz::topics {

inline constexpr int kTitleWeight = 4;
inline constexpr int kLedeWeight = 2;
inline constexpr int kBodyWeight = 1;
inline constexpr int kTagThreshold = 4;
// A mention within the first kOpeningBytes of a paragraph weighs kOpeningBonus more.
inline constexpr size_t kOpeningBytes = 40;
inline constexpr int kOpeningBonus = 1;
// A sentence naming this many topics or more is a list: its mentions weigh kBodyWeight.
inline constexpr size_t kListTopics = 3;
inline constexpr size_t kMaxTags = 8;

struct TopicScore {
  size_t topic = 0;  // index into Gazetteer::topics()
  int weight = 0;
  int mentions = 0;
};

// `text` is the article's plain text, paragraphs separated by newlines (html_to_text, or the
// sanitized body with block boundaries as newlines). The opening paragraph is the lede; when
// it is a bare dateline or shorter than a sentence, the next one belongs to it too.
std::vector<TopicScore> tag(const Gazetteer& gazetteer, std::string_view headline,
                            std::string_view text);

}  // namespace nz::topics
