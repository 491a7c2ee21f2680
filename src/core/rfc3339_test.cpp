#include "core/rfc3339.h"

#include <gtest/gtest.h>

namespace nz::core {
namespace {

using namespace std::chrono;

Timestamp at(int y, unsigned m, unsigned d, int h = 0, int mi = 0, int s = 0) {
  return sys_days{year{y} / month{m} / day{d}} + hours{h} + minutes{mi} + seconds{s};
}

TEST(Rfc3339Test, FormatsUtc) {
  EXPECT_EQ(format_rfc3339(at(2022, 9, 13, 8, 5, 9)), "2022-09-13T08:05:09Z");
  EXPECT_EQ(format_date(at(2022, 9, 13, 8)), "2022-09-13");
  EXPECT_EQ(format_human_date(at(2022, 9, 3, 23)), "3 September 2022");
  EXPECT_EQ(format_http_date(at(2022, 9, 13, 8, 0, 0)), "Tue, 13 Sep 2022 08:00:00 GMT");
}

TEST(Rfc3339Test, ParsesZonesAndFractions) {
  EXPECT_EQ(*parse_rfc3339("2022-09-13T08:05:09Z"), at(2022, 9, 13, 8, 5, 9));
  EXPECT_EQ(*parse_rfc3339("2022-09-13T10:05:09+02:00"), at(2022, 9, 13, 8, 5, 9));
  EXPECT_EQ(*parse_rfc3339("2022-09-13T03:05:09.123-05:00"), at(2022, 9, 13, 8, 5, 9));
  EXPECT_EQ(*parse_rfc3339("2022-09-13"), at(2022, 9, 13));
}

TEST(Rfc3339Test, RoundTrips) {
  Timestamp t = at(1999, 12, 31, 23, 59, 59);
  EXPECT_EQ(*parse_rfc3339(format_rfc3339(t)), t);
}

TEST(Rfc3339Test, RejectsMalformedText) {
  for (const char* bad : {"", "2022", "2022-13-01", "2022-02-30", "2022-09-13T08:05",
                          "2022-09-13T08:05:09", "2022-09-13T25:00:00Z", "yesterday",
                          "2022-09-13T08:05:09+0200"}) {
    auto r = parse_rfc3339(bad);
    EXPECT_FALSE(r) << bad;
    if (!r) EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  }
}

}  // namespace
}  // namespace nz::core
