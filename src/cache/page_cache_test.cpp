#include "cache/page_cache.h"

#include <gtest/gtest.h>

namespace nz::cache {
namespace {

const TimePoint kNow = TimePoint(std::chrono::seconds(1790000000));

std::shared_ptr<CachedPage> page_of(std::string body, std::vector<std::string> keys) {
  return make_page(200, {{"Content-Type", "text/html"}}, std::move(body), kNow, std::move(keys));
}

TEST(PageCacheTest, KeepsAndFindsAPage) {
  PageCache cache(1 << 20);
  EXPECT_EQ(cache.find("/news/", kNow), nullptr);
  ASSERT_TRUE(cache.insert("/news/", page_of("list", {"s1", "a7"}), cache.epoch()));
  auto found = cache.find("/news/", kNow);
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(*found->body, "list");
  auto stats = cache.stats();
  EXPECT_EQ(stats.pages, 1u);
  EXPECT_EQ(stats.hits, 1u);
  EXPECT_EQ(stats.misses, 1u);
}

TEST(PageCacheTest, SameBytesSameEtagOtherBytesOther) {
  EXPECT_EQ(page_of("a", {})->etag, page_of("a", {})->etag);
  EXPECT_NE(page_of("a", {})->etag, page_of("b", {})->etag);
  EXPECT_EQ(page_of("a", {})->etag.size(), 16u);
}

TEST(PageCacheTest, InvalidationDropsExactlyThePagesNamingAKey) {
  PageCache cache(1 << 20);
  cache.insert("/news/a-7", page_of("seven", {"a7", "s1"}), cache.epoch());
  cache.insert("/news/", page_of("list", {"s1", "a7", "a8"}), cache.epoch());
  cache.insert("/news/a-8", page_of("eight", {"a8", "s1"}), cache.epoch());
  cache.insert("/zone/a-9", page_of("nine", {"a9", "s2"}), cache.epoch());
  std::vector<std::string> keys = {"a7"};
  EXPECT_EQ(cache.invalidate(keys, kNow), 2u);
  EXPECT_EQ(cache.find("/news/a-7", kNow), nullptr);
  EXPECT_EQ(cache.find("/news/", kNow), nullptr);
  EXPECT_NE(cache.find("/news/a-8", kNow), nullptr);
  EXPECT_NE(cache.find("/zone/a-9", kNow), nullptr);
  std::vector<std::string> unknown = {"a404"};
  EXPECT_EQ(cache.invalidate(unknown, kNow), 0u);
  EXPECT_EQ(cache.stats().pages, 2u);
}

TEST(PageCacheTest, ARenderThatRacedAnInvalidationIsNotKept) {
  PageCache cache(1 << 20);
  uint64_t before = cache.epoch();
  std::vector<std::string> keys = {"a7"};
  cache.invalidate(keys, kNow);  // committed while the page was being rendered
  EXPECT_FALSE(cache.insert("/news/a-7", page_of("old", {"a7"}), before));
  EXPECT_EQ(cache.find("/news/a-7", kNow), nullptr);
  EXPECT_TRUE(cache.insert("/news/a-7", page_of("new", {"a7"}), cache.epoch()));
}

TEST(PageCacheTest, LeastRecentlyUsedGoesFirstAndBytesStayBounded) {
  const std::string body(10000, 'x');
  size_t one = page_of(body, {"k"})->size() + 3;
  PageCache cache(one * 8 + one / 2);  // room for eight
  for (int i = 0; i < 8; ++i) {
    ASSERT_TRUE(cache.insert("/p" + std::to_string(i), page_of(body, {"k"}), cache.epoch()));
  }
  ASSERT_NE(cache.find("/p0", kNow), nullptr);  // now the most recently used
  cache.insert("/p8", page_of(body, {"k"}), cache.epoch());
  EXPECT_NE(cache.find("/p0", kNow), nullptr);
  EXPECT_EQ(cache.find("/p1", kNow), nullptr);  // the least recently used went
  EXPECT_NE(cache.find("/p8", kNow), nullptr);
  auto stats = cache.stats();
  EXPECT_LE(stats.bytes, stats.max_bytes);
  EXPECT_EQ(stats.evictions, 1u);
  EXPECT_EQ(stats.pages, 8u);
}

TEST(PageCacheTest, CodedFormsCountAndEvict) {
  std::string body;
  for (int i = 0; i < 3000; ++i) body += "word" + std::to_string(i % 97) + " ";
  auto page = page_of(body, {});
  size_t plain = page->size();
  PageCache cache(plain * 9);
  ASSERT_TRUE(cache.insert("/a", page, cache.epoch()));
  size_t before = cache.stats().bytes;
  Coding coding = Coding::kGzip;
  bool made = false;
  auto gz = page->bytes_for(coding, made);
  EXPECT_TRUE(made);
  EXPECT_EQ(coding, Coding::kGzip);
  EXPECT_LT(gz->size(), body.size());
  cache.grew("/a", page);
  EXPECT_EQ(cache.stats().bytes, before + gz->capacity());
  EXPECT_EQ(gz->capacity(), gz->size());  // no compressor slack kept
  // Asked again: the same bytes, not made twice.
  auto again = page->bytes_for(coding, made);
  EXPECT_FALSE(made);
  EXPECT_EQ(again, gz);
}

TEST(PageCacheTest, TinyBodiesStayIdentity) {
  auto page = page_of("ok", {});
  Coding coding = Coding::kBrotli;
  bool made = true;
  auto bytes = page->bytes_for(coding, made);
  EXPECT_EQ(coding, Coding::kIdentity);
  EXPECT_FALSE(made);
  EXPECT_EQ(*bytes, "ok");
}

TEST(PageCacheTest, APageIsDroppedAtItsFreshUntil) {
  PageCache cache(1 << 20);
  auto page = page_of("news sitemap", {"sitemaps"});
  page->fresh_until = kNow + std::chrono::hours(1);
  cache.insert("/sitemaps/news.xml", page, cache.epoch());
  EXPECT_NE(cache.find("/sitemaps/news.xml", kNow + std::chrono::minutes(59)), nullptr);
  EXPECT_EQ(cache.find("/sitemaps/news.xml", kNow + std::chrono::hours(1)), nullptr);
  EXPECT_EQ(cache.stats().pages, 0u);
}

TEST(PageCacheTest, ClearDropsEverything) {
  PageCache cache(1 << 20);
  cache.insert("/a", page_of("a", {"a1"}), cache.epoch());
  cache.insert("/b", page_of("b", {"a2"}), cache.epoch());
  EXPECT_EQ(cache.clear(kNow), 2u);
  EXPECT_EQ(cache.stats().pages, 0u);
  EXPECT_EQ(cache.stats().bytes, 0u);
  EXPECT_TRUE(cache.invalidated_in_second_of(kNow));
  EXPECT_FALSE(cache.invalidated_in_second_of(kNow + std::chrono::seconds(1)));
}

TEST(PageCacheTest, ZeroBytesKeepsNothing) {
  PageCache cache(0);
  EXPECT_FALSE(cache.insert("/a", page_of("a", {}), cache.epoch()));
  EXPECT_EQ(cache.find("/a", kNow), nullptr);
}

TEST(PageCacheTest, APageLargerThanAnEighthIsNotKept) {
  PageCache cache(80000);
  EXPECT_FALSE(cache.insert("/big", page_of(std::string(20000, 'x'), {}), cache.epoch()));
  EXPECT_TRUE(cache.insert("/small", page_of(std::string(5000, 'x'), {}), cache.epoch()));
}

}  // namespace
}  // namespace nz::cache
