#include "web/sitemap_files.h"

#include <gtest/gtest.h>

#include "core/rfc3339.h"

namespace nz::web {
namespace {

TEST(SitemapFilesTest, NamesAMonthAndItsParts) {
  EXPECT_EQ(sitemap_file_name({.month = "2024-05", .part = 1}), "2024-05.xml");
  EXPECT_EQ(sitemap_file_name({.month = "2024-05", .part = 3}), "2024-05-3.xml");
}

TEST(SitemapFilesTest, ParsesOnlyTheNamesItMakes) {
  auto first = parse_sitemap_file_name("2024-05.xml");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->month, "2024-05");
  EXPECT_EQ(first->part, 1);
  auto third = parse_sitemap_file_name("2024-12-3.xml");
  ASSERT_TRUE(third);
  EXPECT_EQ(third->month, "2024-12");
  EXPECT_EQ(third->part, 3);
  for (const char* bad : {"2024-5.xml", "2024-00.xml", "2024-13.xml", "2024-05-1.xml",
                          "2024-05-0.xml", "2024-05-02.xml", "2024-05-x.xml", "2024-05",
                          "2024-05.xml.gz", "news.xml", "24-05.xml", "2024-05-.xml",
                          "2024-05-99999999.xml", ""}) {
    EXPECT_FALSE(parse_sitemap_file_name(bad)) << bad;
  }
}

TEST(SitemapFilesTest, PartsNeverHoldMoreThanTheLimit) {
  EXPECT_EQ(sitemap_parts(0, 50000), 0);
  EXPECT_EQ(sitemap_parts(1, 50000), 1);
  EXPECT_EQ(sitemap_parts(50000, 50000), 1);
  EXPECT_EQ(sitemap_parts(50001, 50000), 2);
  EXPECT_EQ(sitemap_parts(7, 3), 3);
  EXPECT_EQ(sitemap_parts(100001, 1000000), 3);  // clamped to 50,000 per file
}

TEST(SitemapFilesTest, AMonthRunsFromItsFirstInstantToTheNextMonths) {
  auto [from, to] = month_range("2024-02");
  EXPECT_EQ(core::format_rfc3339(from), "2024-02-01T00:00:00Z");
  EXPECT_EQ(core::format_rfc3339(to), "2024-03-01T00:00:00Z");
  auto [dec, jan] = month_range("2023-12");
  EXPECT_EQ(core::format_rfc3339(dec), "2023-12-01T00:00:00Z");
  EXPECT_EQ(core::format_rfc3339(jan), "2024-01-01T00:00:00Z");
}

TEST(SitemapFilesTest, FiftyThousandLongestEntriesStayUnderFiftyMegabytes) {
  // "<url><loc>" LOC "</loc><lastmod>" 20-byte date "</lastmod></url>\n"
  const size_t entry = 10 + kMaxSitemapLocBytes + 15 + 20 + 17;
  const size_t overhead = 200;  // declaration, <urlset ...>, </urlset>
  EXPECT_LT(entry * kMaxUrlsPerSitemap + overhead, 50u * 1000 * 1000);
}

}  // namespace
}  // namespace nz::web
