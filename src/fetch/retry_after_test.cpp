#include "fetch/retry_after.h"

#include <gtest/gtest.h>

namespace nz::fetch {
namespace {

using namespace std::chrono;
using namespace std::chrono_literals;

// 2015-10-21 07:28:00 UTC.
const core::Timestamp kNow = sys_days{2015y / October / 21} + 7h + 28min;

TEST(ParseHttpDateTest, ReadsTheThreeFormsRfc9110Requires) {
  const core::Timestamp expected = sys_days{1994y / November / 6} + 8h + 49min + 37s;
  for (const char* text : {
           "Sun, 06 Nov 1994 08:49:37 GMT",   // IMF-fixdate
           "Sunday, 06-Nov-94 08:49:37 GMT",  // RFC 850
           "Sun Nov  6 08:49:37 1994",        // asctime
           "  Sun, 06 Nov 1994 08:49:37 GMT ",
           "Sun, 6 Nov 1994 08:49:37 GMT",    // one-digit day, as some servers send
           "sun, 06 nov 1994 08:49:37 gmt",
       }) {
    SCOPED_TRACE(text);
    auto parsed = parse_http_date(text, kNow);
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(*parsed, expected);
  }
}

TEST(ParseHttpDateTest, ReadsATwoDigitYearMoreThanFiftyYearsAheadAsThePastCentury) {
  // Now is 2015: "66" would be 2066, more than 50 years ahead, so it is 1966; "65" is 2065.
  EXPECT_EQ(parse_http_date("Saturday, 01-Jan-66 00:00:00 GMT", kNow),
            core::Timestamp(sys_days{1966y / January / 1}));
  EXPECT_EQ(parse_http_date("Thursday, 01-Jan-65 00:00:00 GMT", kNow),
            core::Timestamp(sys_days{2065y / January / 1}));
}

TEST(ParseHttpDateTest, RejectsWhatIsNotAnHttpDate) {
  for (const char* text : {
           "",
           "GMT",
           "2015-10-21T07:28:00Z",
           "Wed, 21 Oct 2015 07:28:00",        // no GMT
           "Wed, 21 Oct 2015 07:28:00 CET",
           "Wed, 21 Oct 2015 07:28 GMT",       // no seconds
           "Wed, 32 Oct 2015 07:28:00 GMT",
           "Wed, 29 Feb 2015 07:28:00 GMT",    // not a leap year
           "Wed, 21 Foo 2015 07:28:00 GMT",
           "Wed, 21 Oct 2015 24:00:00 GMT",
           "Wed, 21 Oct 2015 07:28:00 GMT x",
           "Wed Oct 21 07:28:00",              // asctime without a year
       }) {
    SCOPED_TRACE(text);
    EXPECT_FALSE(parse_http_date(text, kNow).has_value());
  }
}

TEST(ParseRetryAfterTest, ReadsDelaySecondsAndDates) {
  struct Case {
    const char* value;
    std::optional<seconds> expected;
  };
  const Case cases[] = {
      {"120", 120s},
      {"0", 0s},
      {" 30 ", 30s},
      {"Wed, 21 Oct 2015 07:29:00 GMT", 60s},   // one minute after now
      {"Wed, 21 Oct 2015 07:28:00 GMT", 0s},    // now
      {"Wed, 21 Oct 2015 07:00:00 GMT", 0s},    // in the past
      {"Wednesday, 21-Oct-15 08:28:00 GMT", 3600s},
      {"Wed Oct 21 07:28:30 2015", 30s},
      {"", std::nullopt},
      {"-5", std::nullopt},
      {"1.5", std::nullopt},
      {"120s", std::nullopt},
      {"soon", std::nullopt},
      {"99999999999999999999999", std::nullopt},  // beyond 64 bits
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.value);
    EXPECT_EQ(parse_retry_after(c.value, kNow), c.expected);
  }
}

}  // namespace
}  // namespace nz::fetch
