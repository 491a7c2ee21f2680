#include "topics/tagger.h"

#include <gtest/gtest.h>

namespace nz::topics {
namespace {

std::vector<std::string> tagged(std::string_view headline, std::string_view text) {
  const Gazetteer& g = Gazetteer::embedded();
  std::vector<std::string> out;
  for (const TopicScore& s : tag(g, headline, text)) out.push_back(g.topics()[s.topic].key);
  return out;
}

using Keys = std::vector<std::string>;

TEST(TaggerTest, TheHeadlinesCountryIsTagged) {
  EXPECT_EQ(tagged("China opens new rail link", "The line cuts travel time by two hours."),
            (Keys{"CN"}));
}

TEST(TaggerTest, APassingMentionIsNot) {
  EXPECT_EQ(tagged("Helsinki opens a new library",
                   "HELSINKI -- The city opened its new central library on Monday, three years "
                   "after construction began near the railway station.\n"
                   "The building has room for 100,000 books and a cafe.\n"
                   "Its architects earlier designed a museum in Japan."),
            (Keys{"FI"}));
}

TEST(TaggerTest, RepeatedMentionsInTheBodyAdd) {
  EXPECT_EQ(tagged("Exports rise",
                   "Exports rose by 4 percent in October, the customs office said on Friday, "
                   "led by machinery and paper.\n"
                   "Sales to Germany grew fastest.\nGerman buyers took more pulp.\n"
                   "Berlin also ordered trains."),
            (Keys{"DE"}));
}

TEST(TaggerTest, HeaviestFirst) {
  EXPECT_EQ(tagged("Finland and China sign deal",
                   "BEIJING -- Chinese and Finnish ministers signed a clean energy deal in "
                   "Beijing on Tuesday, the ministry said in a statement.\n"
                   "China will fund two plants."),
            (Keys{"CN", "FI"}));
}

}  // namespace
}  // namespace nz::topics
