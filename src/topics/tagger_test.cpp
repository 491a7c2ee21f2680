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

TEST(TaggerTest, AParagraphOpeningWithANameAndAnotherMentionMakeATopic) {
  const std::string lede =
      "ABIDJAN -- Ivory Coast raised the price it pays cocoa farmers by 20 percent on "
      "Wednesday, as the harvest recovers from two poor years.\n";
  EXPECT_EQ(tagged("Cocoa price rises", lede + "Exporters welcomed the move.\n"
                                               "Ghana, the second producer, waits."),
            (Keys{"CI"}));
  EXPECT_EQ(tagged("Cocoa price rises", lede + "Ghana, the second producer, waits.\n"
                                               "Smuggling to Ghana may fall."),
            (Keys{"CI", "GH"}));
}

TEST(TaggerTest, CountriesListedInOneSentenceAreBackground) {
  EXPECT_EQ(tagged("Uzbekistan hosts a regional summit",
                   "Russia, India, Iran and Belarus sent their leaders to Samarkand on Monday "
                   "for a two-day meeting on regional trade.\n"
                   "Uzbek officials said the talks would cover rail links, and the Russian "
                   "delegation asked for a session on energy."),
            (Keys{"UZ"}));
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
