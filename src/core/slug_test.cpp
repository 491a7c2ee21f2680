#include "core/slug.h"

#include <gtest/gtest.h>

namespace nz::core {
namespace {

struct SlugCase {
  const char* input;
  const char* expected;
};

TEST(SlugTest, MakesLowercaseHyphenatedAsciiWords) {
  const SlugCase cases[] = {
      {"Xi to attend SCO summit in Samarkand", "xi-to-attend-sco-summit-in-samarkand"},
      {"China's President", "chinas-president"},
      {"  Spaces   and -- dashes  ", "spaces-and-dashes"},
      {"Ääni ja Öljy in Helsinki", "aani-ja-oljy-in-helsinki"},
      {"Łódź and Žilina", "lodz-and-zilina"},
      {"Straße", "strasse"},
      {"中国新闻", ""},
      {"2022: A year", "2022-a-year"},
      {"", ""},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(slugify(c.input), c.expected) << c.input;
  }
}

TEST(SlugTest, CutsLongTitlesAtAWordBoundary) {
  std::string slug = slugify("one two three four five six seven", 15);
  EXPECT_EQ(slug, "one-two-three");
  EXPECT_LE(slugify(std::string(200, 'a'), 80).size(), 80u);
}

TEST(SlugTest, ValidatesSlugs) {
  EXPECT_TRUE(is_valid_slug("china-news-zone"));
  EXPECT_TRUE(is_valid_slug("a1"));
  EXPECT_FALSE(is_valid_slug(""));
  EXPECT_FALSE(is_valid_slug("-a"));
  EXPECT_FALSE(is_valid_slug("a-"));
  EXPECT_FALSE(is_valid_slug("a--b"));
  EXPECT_FALSE(is_valid_slug("A"));
  EXPECT_FALSE(is_valid_slug("a/b"));
}

}  // namespace
}  // namespace nz::core
