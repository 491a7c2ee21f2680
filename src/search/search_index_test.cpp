#include "search/search_index.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <thread>

namespace nz::search {
namespace {

namespace fs = std::filesystem;
using std::chrono::days;
using std::chrono::seconds;

core::Timestamp at(int64_t s) { return core::Timestamp{seconds{s}}; }
const core::Timestamp kNow = at(1'800'000'000);

class SearchIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "nz-search-test-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    index_ = open();
  }
  void TearDown() override {
    index_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  std::unique_ptr<SearchIndex> open() {
    auto index = SearchIndex::open((dir_ / "search").string());
    EXPECT_TRUE(index) << index.error().message;
    return index ? std::move(*index) : nullptr;
  }

  static IndexedArticle article(model::ArticleId id, std::string headline, std::string body,
                                core::Timestamp published = kNow - days(1)) {
    return {.id = id,
            .section_id = 1,
            .language = "en",
            .headline = std::move(headline),
            .body_text = std::move(body),
            .section_title = "News",
            .published = published};
  }

  void add(std::vector<IndexedArticle> articles) {
    static int64_t seq = 0;
    ASSERT_TRUE(index_->apply(articles, {}, ++seq));
  }

  SearchResults find(SearchQuery query) {
    auto results = index_->search(query, kNow);
    EXPECT_TRUE(results) << results.error().message;
    return results ? *results : SearchResults{};
  }
  std::vector<model::ArticleId> ids_for(SearchQuery query) {
    std::vector<model::ArticleId> out;
    for (const auto& hit : find(std::move(query)).hits) out.push_back(hit.id);
    return out;
  }
  std::vector<model::ArticleId> ids(std::string text) { return ids_for({.text = text}); }

  fs::path dir_;
  std::unique_ptr<SearchIndex> index_;
};

using Ids = std::vector<model::ArticleId>;

TEST_F(SearchIndexTest, FindsWordsInEveryFieldAndEnglishWordForms) {
  auto a = article(1, "Parliament debates the budget", "The opposition criticised spending.");
  a.standfirst = "A long night in the chamber.";
  a.author = "Maija Virtanen";
  a.topics = {{7, "Finland"}};
  add({a, article(2, "Weather", "Sunny days ahead.")});
  EXPECT_EQ(ids("budget"), Ids{1});
  EXPECT_EQ(ids("chamber"), Ids{1});
  EXPECT_EQ(ids("criticised spending"), Ids{1});
  EXPECT_EQ(ids("Virtanen"), Ids{1});
  EXPECT_EQ(ids("Finland"), Ids{1});  // the topic's name
  EXPECT_EQ(ids("debated"), Ids{1});  // stemmed: debates, debated -> debat
  EXPECT_EQ(ids("author:virtanen"), Ids{1});
  EXPECT_EQ(ids("headline:weather"), Ids{2});
  EXPECT_TRUE(ids("headline:opposition").empty());
  EXPECT_TRUE(ids("volcano").empty());
}

TEST_F(SearchIndexTest, AllWordsMustMatchByDefault) {
  add({article(1, "Trade talks in Beijing", "Delegations met."),
       article(2, "Trade fair in Helsinki", "Exhibitors came.")});
  EXPECT_EQ(ids("trade beijing"), Ids{1});
  EXPECT_EQ(ids("beijing OR helsinki").size(), 2u);
}

TEST_F(SearchIndexTest, FinnishArticlesMatchTheirWordForms) {
  auto a = article(1, "Kaupunginvaltuusto päätti talousarviosta",
                   "Kokous pidettiin Helsingissä maanantaina, "
                   "ja valtuuston enemmistö äänesti.");
  a.language = "fi";
  auto b = article(2, "Council decides", "The budget (talousarvio) was passed.");
  add({a, b});
  // Snowball's Finnish stemmer: talousarviosta and talousarvion -> talousarvio,
  // päätti and päättää -> päät, valtuuston and valtuusto -> valtuusto.
  EXPECT_EQ(ids("talousarvion"), Ids{1});  // the English article has the word as it is
  EXPECT_EQ(ids("päättää"), Ids{1});
  EXPECT_EQ(ids("valtuusto"), Ids{1});
  EXPECT_EQ(ids("Helsingissä"), Ids{1});
  EXPECT_EQ(ids("Helsingin"), Ids{1});  // a name in another case, capitalised, still stems
  EXPECT_EQ(ids("\"valtuuston enemmistö\""), Ids{1});  // phrases match on stems
  EXPECT_EQ(ids("council"), Ids{2});
  EXPECT_EQ(ids("talousarvio").size(), 2u);
}

TEST_F(SearchIndexTest, ChineseTextIsSearchableByCharacters) {
  auto a = article(1, "中国经济增长稳定", "国家统计局发布了最新数据。");
  a.language = "zh";
  add({a, article(2, "Economy", "Growth is stable.")});
  EXPECT_EQ(ids("经济"), Ids{1});
  EXPECT_EQ(ids("统计局"), Ids{1});
  EXPECT_TRUE(ids("日本").empty());
  auto results = find({.text = "统计局"});
  ASSERT_EQ(results.hits.size(), 1u);
  EXPECT_NE(results.hits[0].snippet_html.find("<mark>"), std::string::npos);
}

TEST_F(SearchIndexTest, PhrasesAndBooleanOperators) {
  add({article(1, "Prime minister visits Tokyo", "The prime minister met officials."),
       article(2, "Minister of the prime sector", "A minister spoke about prime numbers."),
       article(3, "NATO and Sweden", "Sweden joined NATO."),
       article(4, "NATO summit", "Leaders met.")});
  EXPECT_EQ(ids("\"prime minister\""), Ids{1});
  EXPECT_EQ(ids("nato NOT sweden"), Ids{4});
  EXPECT_EQ(ids("nato -sweden"), Ids{4});
}

TEST_F(SearchIndexTest, QueriesThatDoNotParseStillSearchAndSaySo) {
  add({article(1, "Elections in Finland", "Voters went to the polls.")});
  for (std::string text : {"AND", "elections AND", "NOT", "(elections", "\"elections",
                           "elections)) OR ((", "headline:", "***", "\"\"\"", "+-+-"}) {
    auto results = index_->search({.text = text}, kNow);
    ASSERT_TRUE(results) << text << ": " << results.error().message;
  }
  auto dangling = find({.text = "elections AND"});
  ASSERT_EQ(dangling.hits.size(), 1u);
  EXPECT_FALSE(dangling.notice.empty());
  EXPECT_EQ(ids("\"elections"), Ids{1});  // an unbalanced quote runs to the end
}

TEST_F(SearchIndexTest, AHugeQueryIsCutAndSaysSo) {
  add({article(1, "Elections in Finland", "Voters went to the polls.")});
  std::string huge = "elections";
  while (huge.size() < 100'000) huge += " elections";
  auto results = find({.text = huge});
  EXPECT_EQ(results.hits.size(), 1u);
  EXPECT_NE(results.notice.find("500"), std::string::npos);
  // Cut inside a multi-byte character: no broken UTF-8 reaches Xapian.
  std::string chinese = "elections " + std::string(489, 'y') + "中国";  // 中 spans byte 500
  EXPECT_TRUE(index_->search({.text = chinese}, kNow));
}

TEST_F(SearchIndexTest, EmptyQueryFindsNothing) {
  add({article(1, "Elections", "Voters.")});
  EXPECT_TRUE(find({.text = ""}).hits.empty());
  EXPECT_TRUE(find({.text = "   "}).hits.empty());
}

TEST_F(SearchIndexTest, FiltersBySectionTopicAndDate) {
  auto a = article(1, "Forest fires", "Smoke.", kNow - days(10));
  a.section_id = 5;
  a.topics = {{9, "Canada"}};
  auto b = article(2, "Forest fires spread", "More smoke.", kNow - days(2));
  b.section_id = 6;
  add({a, b});
  EXPECT_EQ(ids_for({.text = "forest", .section = 5}), Ids{1});
  EXPECT_EQ(ids_for({.text = "forest", .section = 6}), Ids{2});
  EXPECT_EQ(ids_for({.text = "forest", .topic = 9}), Ids{1});
  EXPECT_TRUE(ids_for({.text = "forest", .topic = 10}).empty());
  EXPECT_EQ(ids_for({.text = "forest", .from = kNow - days(5)}), Ids{2});
  EXPECT_EQ(ids_for({.text = "forest", .to = kNow - days(5)}), Ids{1});
  EXPECT_EQ(ids_for({.text = "forest", .from = kNow - days(11), .to = kNow - days(9)}), Ids{1});
}

TEST_F(SearchIndexTest, EmbargoedArticlesAppearOnlyAfterTheEmbargo) {
  auto a = article(1, "Budget leak", "Numbers.");
  a.embargo_until = kNow + seconds(3600);
  add({a});
  EXPECT_TRUE(ids("budget").empty());
  auto later = index_->search({.text = "budget"}, kNow + seconds(3600));
  ASSERT_TRUE(later);
  ASSERT_EQ(later->hits.size(), 1u);
}

TEST_F(SearchIndexTest, NewerStoriesRankAboveOlderEquallyGoodOnes) {
  add({article(1, "Storm hits coast", "Wind and rain.", kNow - days(200)),
       article(2, "Storm hits coast", "Wind and rain.", kNow - days(1)),
       article(3, "Storm hits coast", "Wind and rain.", kNow - days(40))});
  EXPECT_EQ(ids("storm"), (Ids{2, 3, 1}));
}

TEST_F(SearchIndexTest, AStrongMatchBeatsAMereMentionEvenWhenOlder) {
  std::vector<IndexedArticle> others;  // so that "volcano" is a rare word, as in a real archive
  for (int i = 10; i < 40; ++i) others.push_back(article(i, "Local news", "Nothing else."));
  add(others);
  add({article(1, "Volcano erupts in Iceland", "The volcano erupted; volcano ash.",
               kNow - days(20)),
       article(2, "Travel news", "Flights resumed after a volcano.", kNow - days(1))});
  EXPECT_EQ(ids("volcano").front(), 1);
}

TEST_F(SearchIndexTest, SnippetsMarkTheWordsAndEscapeTheText) {
  add({article(1, "Markup", "Some <script>alert(1)</script> text & more about elections here.")});
  auto results = find({.text = "elections"});
  ASSERT_EQ(results.hits.size(), 1u);
  const std::string& snippet = results.hits[0].snippet_html;
  EXPECT_NE(snippet.find("<mark>elections</mark>"), std::string::npos) << snippet;
  EXPECT_EQ(snippet.find("<script"), std::string::npos) << snippet;
  EXPECT_NE(snippet.find("&lt;script&gt;"), std::string::npos) << snippet;
  EXPECT_NE(snippet.find("&amp;"), std::string::npos) << snippet;
}

TEST_F(SearchIndexTest, SuggestsASpellingWhenLittleIsFound) {
  add({article(1, "Parliament elections", "Voters."), article(2, "Parliament recess", "Quiet.")});
  auto results = find({.text = "parliment"});
  EXPECT_TRUE(results.hits.empty());
  EXPECT_EQ(results.suggestion, "parliament");
  EXPECT_TRUE(find({.text = "parliament"}).suggestion.empty());
}

TEST_F(SearchIndexTest, RemovedAndReplacedArticlesAreSearchedAsTheyAreNow) {
  add({article(1, "Old headline about ferries", "Text."), article(2, "Ferries", "Text.")});
  ASSERT_TRUE(index_->apply({article(1, "New headline about trains", "Text.")}, {2}, 99));
  EXPECT_TRUE(ids("ferries").empty());
  EXPECT_EQ(ids("trains"), Ids{1});
  EXPECT_EQ(index_->document_count(), 1);
  ASSERT_TRUE(index_->apply({}, {12345}, 100));  // removing what is not there is fine
}

TEST_F(SearchIndexTest, PaginatesAndEstimatesTheTotal) {
  std::vector<IndexedArticle> many;
  for (int i = 1; i <= 25; ++i) {
    many.push_back(article(i, "Harbour story " + std::to_string(i), "Boats."));
  }
  add(many);
  auto first = find({.text = "harbour", .limit = 10});
  auto third = find({.text = "harbour", .offset = 20, .limit = 10});
  EXPECT_EQ(first.hits.size(), 10u);
  EXPECT_EQ(third.hits.size(), 5u);
  EXPECT_EQ(first.total_estimate, 25);
}

TEST_F(SearchIndexTest, TheAppliedSequenceSurvivesReopening) {
  EXPECT_EQ(index_->last_applied_seq(), 0);
  ASSERT_TRUE(index_->apply({article(1, "Ferries", "Text.")}, {}, 42));
  index_.reset();
  index_ = open();
  EXPECT_EQ(index_->last_applied_seq(), 42);
  EXPECT_EQ(ids("ferries"), Ids{1});
}

TEST_F(SearchIndexTest, ARebuiltGenerationReplacesTheLiveOneWithoutStoppingSearches) {
  ASSERT_TRUE(index_->apply({article(1, "Ferries", "Text.")}, {}, 1));
  std::string dir = (dir_ / "search").string();
  std::string old_gen = index_->generation_dir();
  auto gen = new_generation(dir);
  ASSERT_TRUE(gen) << gen.error().message;
  {
    auto fresh = SearchIndex::open_generation(*gen);
    ASSERT_TRUE(fresh);
    ASSERT_TRUE((*fresh)->apply({article(2, "Trains", "Text.")}, {}, 7));
  }
  EXPECT_EQ(ids("ferries"), Ids{1});  // still the old generation
  ASSERT_TRUE(switch_current(dir, *gen));
  auto moved = index_->follow_current();
  ASSERT_TRUE(moved) << moved.error().message;
  EXPECT_TRUE(*moved);
  EXPECT_EQ(index_->last_applied_seq(), 7);
  EXPECT_EQ(ids("trains"), Ids{2});
  EXPECT_TRUE(ids("ferries").empty());
  EXPECT_FALSE(*index_->follow_current());
  // The next rebuild clears the generation no longer in use.
  auto next = new_generation(dir);
  ASSERT_TRUE(next);
  EXPECT_FALSE(fs::exists(old_gen));
  EXPECT_TRUE(fs::exists(*gen));
}

TEST_F(SearchIndexTest, SearchesRunWhileTheIndexerWrites) {
  add({article(1, "Harbour opens", "Boats.")});
  std::atomic<bool> failed = false;
  std::atomic<int> searches = 0;
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        auto results = index_->search({.text = "harbour"}, kNow);
        if (!results || results->hits.empty()) failed = true;
        ++searches;
      }
    });
  }
  for (int batch = 0; batch < 20; ++batch) {
    std::vector<IndexedArticle> more;
    for (int i = 0; i < 10; ++i) {
      int id = 100 + batch * 10 + i;
      more.push_back(article(id, "Harbour news " + std::to_string(id), "Boats."));
    }
    ASSERT_TRUE(index_->apply(more, {}, 1000 + batch));
  }
  for (auto& reader : readers) reader.join();
  EXPECT_FALSE(failed);
  EXPECT_EQ(searches, 800);
  EXPECT_EQ(find({.text = "harbour"}).total_estimate, 201);
}

TEST_F(SearchIndexTest, ALockedIndexSaysWhoMayHoldIt) {
  auto second = SearchIndex::open((dir_ / "search").string());
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(second.error().message.find("server"), std::string::npos);
}

}  // namespace
}  // namespace nz::search
