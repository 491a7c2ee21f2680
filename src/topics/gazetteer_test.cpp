#include "topics/gazetteer.h"

#include <gtest/gtest.h>

#include <set>

#include "topics/embedded_data.h"

namespace nz::topics {
namespace {

// The keys of the topics named in `text`, in order of appearance.
std::vector<std::string> keys(std::string_view text) {
  const Gazetteer& g = Gazetteer::embedded();
  std::vector<std::string> out;
  for (const Mention& m : g.mentions(text)) out.push_back(g.topics()[m.topic].key);
  return out;
}

using Keys = std::vector<std::string>;

TEST(GazetteerTest, EmbeddedDataHasEveryIsoCountryAndTheOrganizations) {
  const Gazetteer& g = Gazetteer::embedded();
  size_t countries = 0;
  std::set<std::string> slugs;
  for (const TopicInfo& t : g.topics()) {
    countries += t.kind == model::TopicKind::kCountry;
    EXPECT_TRUE(slugs.insert(t.slug).second) << "slug used twice: " << t.slug;
  }
  EXPECT_EQ(countries, 249u);  // iso-codes 4.15
  const TopicInfo& cn = g.topics().at(g.find(model::TopicKind::kCountry, "CN"));
  EXPECT_EQ(cn.name, "China");
  EXPECT_EQ(cn.slug, "china");
  EXPECT_EQ(g.topics().at(g.find(model::TopicKind::kCountry, "KR")).name, "South Korea");
  EXPECT_EQ(g.topics().at(g.find(model::TopicKind::kCountry, "RU")).name, "Russia");
  EXPECT_EQ(g.topics().at(g.find(model::TopicKind::kOrganization, "sco")).name,
            "Shanghai Cooperation Organization");
}

TEST(GazetteerTest, NamesDemonymsCapitalsAndIsoNames) {
  EXPECT_EQ(keys("Finnish exports to China rose, Helsinki said."), (Keys{"FI", "CN", "FI"}));
  EXPECT_EQ(keys("The Czech Republic and Czechia are one; so are Viet Nam and Vietnam."),
            (Keys{"CZ", "CZ", "VN", "VN"}));
  EXPECT_EQ(keys("Uzbek and Kazakh officials met in Samarkand."), (Keys{"UZ", "KZ", "UZ"}));
  EXPECT_EQ(keys("Türkiye, or Turkey; Ivory Coast, or Côte d'Ivoire."),
            (Keys{"TR", "TR", "CI", "CI"}));
}

TEST(GazetteerTest, WordBoundaries) {
  EXPECT_EQ(keys("French Indochina and the Indo-Pacific"), (Keys{"FR"}));
  EXPECT_EQ(keys("Sino-Finnish ties"), (Keys{"CN", "FI"}));
  EXPECT_EQ(keys("China's exports"), (Keys{"CN"}));
}

TEST(GazetteerTest, CaseRules) {
  EXPECT_EQ(keys("Let us go; the US will join us."), (Keys{"US"}));
  EXPECT_EQ(keys("fine china in a china cabinet; the turkey was roasted"), Keys{});
  EXPECT_EQ(keys("CHINA'S EXPORTS SLOW"), (Keys{"CN"}));
  EXPECT_EQ(keys("Those who know the WHO"), (Keys{"who"}));
  EXPECT_EQ(keys("the U.S. and the U.N."), (Keys{"US", "un"}));
}

TEST(GazetteerTest, TheLongestNameWins) {
  EXPECT_EQ(keys("Papua New Guinea, Equatorial Guinea, Guinea-Bissau and Guinea"),
            (Keys{"PG", "GQ", "GW", "GN"}));
  EXPECT_EQ(keys("South Sudan and Sudan; Niger and Nigeria"), (Keys{"SS", "SD", "NE", "NG"}));
  EXPECT_EQ(keys("Northern Ireland and Ireland"), (Keys{"GB", "IE"}));
  EXPECT_EQ(keys("the Shanghai Cooperation Organization met in Shanghai"), (Keys{"sco", "CN"}));
  EXPECT_EQ(keys("North Korea, South Korea, the Dominican Republic and Dominica"),
            (Keys{"KP", "KR", "DO", "DM"}));
}

TEST(GazetteerTest, PhrasesThatNameNothing) {
  EXPECT_EQ(keys("Latin America, South America and Brazil nuts"), Keys{});
  EXPECT_EQ(keys("New Mexico and New Jersey"), (Keys{"US", "US"}));  // states, not Mexico
  EXPECT_EQ(keys("Turkish delight, French fries and a Panama hat"), Keys{});
  EXPECT_EQ(keys("Mexico City"), (Keys{"MX"}));
}

TEST(GazetteerTest, PeoplesNamesAreNotCountries) {
  EXPECT_EQ(keys("Chad Miller, the coach, said Chad was tired."), Keys{});
  EXPECT_EQ(keys("Michael Jordan scored."), Keys{});
  EXPECT_EQ(keys("In Chad, the Chadian army moved."), (Keys{"TD", "TD"}));
  EXPECT_EQ(keys("Chad President Mahamat Deby"), (Keys{"TD"}));
}

TEST(GazetteerTest, ContextDecidesGeorgia) {
  EXPECT_EQ(keys("Voters in Georgia lined up."), (Keys{"GE"}));
  EXPECT_EQ(keys("Voters in Georgia lined up in Atlanta."), (Keys{"US", "US"}));
  EXPECT_EQ(keys("Georgia's parliament in Tbilisi voted."), (Keys{"GE", "GE"}));
}

TEST(GazetteerTest, MalformedDataIsRefusedWithTheLine) {
  GazetteerData data = embedded_data();
  data.countries_tsv = "# comment\nXX\tNowhere\tNowhereland\n";
  auto loaded = Gazetteer::load(data);
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().message,
            "data/topics/countries.tsv line 2: \"XX\" is no ISO 3166-1 code");
  data = embedded_data();
  data.iso_3166_json = "not json";
  EXPECT_FALSE(Gazetteer::load(data));
}

}  // namespace
}  // namespace nz::topics
