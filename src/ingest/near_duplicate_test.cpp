#include "ingest/near_duplicate.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sanitize/html_text.h"

namespace nz::ingest {
namespace {

namespace fs = std::filesystem;

// The article corpus of the sanitizer's tests: 57 real-style bodies in English, Finnish and
// Chinese, as plain text.
std::vector<std::pair<std::string, std::string>> corpus() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& entry : fs::directory_iterator(fs::path(NZ_SOURCE_DIR) / "tests/testdata/articles")) {
    if (entry.path().extension() != ".html") continue;
    std::ifstream in(entry.path());
    std::stringstream html;
    html << in.rdbuf();
    out.emplace_back(entry.path().filename().string(), sanitize::html_to_text(html.str()));
  }
  std::sort(out.begin(), out.end());
  return out;
}

const std::string kStory =
    "Finland and China signed an agreement on Tuesday to expand cooperation in clean energy "
    "research, the Ministry of Economic Affairs said in Helsinki. The deal covers wind power, "
    "battery recycling and hydrogen, and it names three universities in each country that "
    "will exchange researchers from next spring. Officials said the first joint projects "
    "would start within the year and be reviewed after twenty four months.";

// Six different stories on one subject, with the vocabulary they share: none is the same
// story as another, though a topic page would list them together.
const std::vector<std::string> kSameSubjectStories = {
    kStory,
    "China and Finland will open a joint clean energy laboratory in Helsinki next year, the "
    "universities involved announced on Thursday. Researchers from both countries will work "
    "on hydrogen storage and battery chemistry, and the laboratory will be funded for five "
    "years by the two governments and by industrial partners from the energy sector.",
    "Finnish exports to China rose by eight percent in the third quarter, driven by pulp, "
    "paper and machinery, Statistics Finland said on Monday. Imports from China fell slightly, "
    "mostly electronics and batteries, and economists expect the trade balance to improve "
    "further in the coming year if demand in Asia holds up.",
    "A delegation of Chinese energy officials visited wind farms on the west coast of Finland "
    "this week to learn about offshore wind power and grid connections. The visit was part of "
    "the clean energy agreement signed earlier this year, and a return visit by Finnish "
    "experts to wind farms in Fujian is planned for the spring.",
    "The Ministry of Economic Affairs in Helsinki said on Tuesday that research cooperation "
    "with China would be reviewed every two years. Critics in parliament asked for clearer "
    "rules on sharing data and patents, and the minister promised a report on the risks of "
    "the agreement before the end of the year.",
    "Hydrogen produced with wind power could cover a fifth of Finland's industrial energy "
    "needs by 2035, a study by three Finnish universities says. The researchers, who also "
    "work with Chinese partners on battery recycling, call for faster permits for wind farms "
    "and for new pipelines between the coast and the industrial towns inland.",
};

TEST(NearDuplicate, TheSameStoryWithASmallCorrectionIsTheSameStory) {
  std::string corrected = kStory;
  corrected.replace(corrected.find("Tuesday"), 7, "Wednesday");
  EXPECT_TRUE(same_story(kStory, corrected));
  auto a = simhash(kStory);
  auto b = simhash(corrected);
  ASSERT_TRUE(a && b);
  EXPECT_LE(hamming_distance(*a, *b), kCandidateBits);
  // Case, punctuation and spacing are not the story.
  std::string reformatted = kStory;
  for (char& c : reformatted) {
    if (c == ',') c = ' ';
  }
  EXPECT_EQ(simhash("  " + reformatted + "\n\n"), a);
  // A new headline in front of the same body is still the same story.
  EXPECT_TRUE(same_story("Finland, China agree on energy research\n\n" + kStory,
                         "Finland and China sign clean energy pact\n\n" + kStory));
}

TEST(NearDuplicate, FingerprintsStayTheSameAcrossReleases) {
  // The store keeps each article's fingerprint, and new articles are compared with stored
  // ones: a release must compute the same value for the same text. These values come from
  // the first release, before its word hashing was rewritten without <cctype>.
  const std::pair<std::string, uint64_t> cases[] = {
      {"The Shanghai Cooperation Organization (SCO) summit opened in Tianjin on Monday, "
       "with leaders of ten member states -- China's President Xi among them -- meeting "
       "for 2 days.",
       0xd7113d3ddfbdcb2dull},
      {"Helsingin Sanomat: Suomen hallitus käsittelee ensi viikolla esitystä, jonka "
       "mukaan Pohjois-Karjalan ja Kainuun sairaaloiden päivystys yhdistetään vuoden "
       "2027 alusta. Ministeriön mukaan muutos säästää rahaa, mutta ÄÄNEKKÄÄT "
       "vastustajat pelkäävät matkojen pitenevän Itä-Suomessa huomattavasti.",
       0x69c14e09852e18b6ull},
      {"上海合作组织峰会周一在天津开幕，十个成员国领导人出席 "
       "The SCO summit opened in Tianjin with ten MEMBER states' leaders, 2025 edition.",
       0xc7560691f7bc0280ull},
  };
  for (const auto& [text, fingerprint] : cases) EXPECT_EQ(simhash(text), fingerprint) << text;
}

TEST(NearDuplicate, ShortTextsGetNoFingerprint) {
  EXPECT_FALSE(simhash(""));
  EXPECT_FALSE(simhash("Photo of the day"));
  EXPECT_FALSE(simhash("Helsinki weather: sunny, five degrees, light wind from the west."));
}

TEST(NearDuplicate, ChineseTextIsComparedCharacterByCharacter) {
  const std::string zh =
      "中国和芬兰周二签署了一项协议，扩大在清洁能源研究方面的合作。该协议涵盖风能、电池回收和氢能，"
      "并指定每个国家的三所大学从明年春天开始交流研究人员。";
  ASSERT_TRUE(simhash(zh));
  std::string edited = zh;
  edited.replace(edited.find("周二"), std::string("周二").size(), "周三");
  EXPECT_TRUE(same_story(zh, edited));
  EXPECT_LE(hamming_distance(*simhash(zh), *simhash(edited)), kCandidateBits);
  EXPECT_FALSE(same_story(zh, "芬兰统计局周一表示，第三季度芬兰对华出口增长百分之八，主要是纸浆、纸张和机械。"
                              "自中国的进口略有下降，经济学家预计明年贸易平衡将进一步改善。"));
}

TEST(NearDuplicate, DifferentStoriesOnTheSameSubjectAreNotTheSameStory) {
  for (size_t i = 0; i < kSameSubjectStories.size(); ++i) {
    for (size_t j = i + 1; j < kSameSubjectStories.size(); ++j) {
      EXPECT_FALSE(same_story(kSameSubjectStories[i], kSameSubjectStories[j])) << i << ", " << j;
      EXPECT_LT(jaccard(shingles(kSameSubjectStories[i]), shingles(kSameSubjectStories[j])), 0.2);
    }
  }
}

TEST(NearDuplicate, ArticlesInDifferentLanguagesAreNeverTheSameStory) {
  auto articles = corpus();
  ASSERT_GE(articles.size(), 50u);
  int compared = 0;
  for (const auto& [a_name, a_text] : articles) {
    for (const auto& [b_name, b_text] : articles) {
      if (a_name.substr(0, 2) >= b_name.substr(0, 2)) continue;  // en < fi < zh
      ++compared;
      EXPECT_FALSE(same_story(a_text, b_text)) << a_name << " and " << b_name;
    }
  }
  EXPECT_GT(compared, 1000);
}

TEST(NearDuplicate, EveryCorpusArticleWithItsLastSentenceDroppedIsTheSameStory) {
  int checked = 0;
  for (const auto& [name, text] : corpus()) {
    auto whole = simhash(text);
    if (!whole) continue;
    // Drop the last sentence, as a partner's re-send that trims a closing line would.
    size_t cut = text.find_last_of('.', text.size() >= 2 ? text.size() - 2 : 0);
    if (cut == std::string::npos || cut < text.size() * 9 / 10) continue;  // would drop >10%
    std::string trimmed = text.substr(0, cut + 1);
    auto trimmed_print = simhash(trimmed);
    if (!trimmed_print) continue;
    ++checked;
    EXPECT_TRUE(same_story(text, trimmed)) << name;
    EXPECT_LE(hamming_distance(*whole, *trimmed_print), kCandidateBits) << name;
  }
  EXPECT_GE(checked, 10);
}

TEST(NearDuplicateIndex, ReturnsCandidatesNearestFirstAndLeavesOutSelf) {
  NearDuplicateIndex index;
  const uint64_t base = 0x0123456789ABCDEFull;
  index.add(1, base ^ 0xFF);  // 8 bits away
  index.add(2, base ^ 0x1);   // 1 bit away
  index.add(3, ~base);        // 64 bits away
  index.add(4, base ^ 0xFFFFF);  // 20 bits away: beyond kCandidateBits
  EXPECT_EQ(index.candidates(base), (std::vector<int64_t>{2, 1}));
  EXPECT_EQ(index.candidates(base, /*self=*/2), (std::vector<int64_t>{1}));
  EXPECT_EQ(index.candidates(base, std::nullopt, /*limit=*/1), (std::vector<int64_t>{2}));
  EXPECT_EQ(index.candidates(~base), (std::vector<int64_t>{3}));
}

TEST(NearDuplicateIndex, KeepsOnlyTheMostRecentCapacityEntries) {
  NearDuplicateIndex index(2);
  index.add(1, 0x1);
  index.add(2, 0x2);
  index.add(3, 0x4);  // replaces 1
  EXPECT_EQ(index.size(), 2u);
  auto found = index.candidates(0x1, std::nullopt, 10);
  std::sort(found.begin(), found.end());
  EXPECT_EQ(found, (std::vector<int64_t>{2, 3}));
}

TEST(HammingDistance, CountsDifferingBits) {
  EXPECT_EQ(hamming_distance(0, 0), 0);
  EXPECT_EQ(hamming_distance(0, ~uint64_t{0}), 64);
  EXPECT_EQ(hamming_distance(0xF0, 0x0F), 8);
  EXPECT_EQ(hamming_distance(uint64_t{1} << 63, 1), 2);
}

TEST(Jaccard, CountsCommonShinglesOverAllShingles) {
  EXPECT_DOUBLE_EQ(jaccard({1, 2, 3, 4}, {3, 4, 5, 6}), 2.0 / 6.0);
  EXPECT_DOUBLE_EQ(jaccard({1, 2}, {1, 2}), 1.0);
  EXPECT_DOUBLE_EQ(jaccard({}, {}), 0.0);
  EXPECT_DOUBLE_EQ(jaccard({1}, {}), 0.0);
}

}  // namespace
}  // namespace nz::ingest
