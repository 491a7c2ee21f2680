#include "ingest/poll_schedule.h"

#include <gtest/gtest.h>

namespace nz::ingest {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

const core::Timestamp kNow{seconds{1'800'000'000}};

model::Source source(seconds every = minutes(10)) {
  model::Source s;
  s.id = 1;
  s.settings.url = "https://partner.example/feed.xml";
  s.settings.every = every;
  return s;
}

PollResult failed(std::string error = "connection refused to partner.example:443") {
  return {.kind = PollResult::Kind::kFailed, .error = std::move(error)};
}

TEST(PollSchedule, SuccessPollsAgainAfterTheIntervalWithUpToTenPercentJitter) {
  auto s = source();
  auto early = next_state(s, {.kind = PollResult::Kind::kIngested, .etag = "\"v1\""}, kNow, 0.0);
  EXPECT_EQ(early.next_poll, kNow + minutes(10));
  EXPECT_EQ(early.etag, "\"v1\"");
  EXPECT_EQ(early.last_success, kNow);
  auto late = next_state(s, {.kind = PollResult::Kind::kIngested}, kNow, 0.999);
  EXPECT_GT(late.next_poll, kNow + minutes(10));
  EXPECT_LE(late.next_poll, kNow + minutes(11));
}

TEST(PollSchedule, FailuresBackOffExponentiallyUpToSixHoursAndSuccessResets) {
  auto s = source();
  std::vector<seconds> delays;
  for (int i = 0; i < 10; ++i) {
    s.state = next_state(s, failed(), kNow, 0.999999);
    delays.push_back(std::chrono::duration_cast<seconds>(s.state.next_poll - kNow));
  }
  EXPECT_EQ(s.state.consecutive_failures, 10);
  EXPECT_EQ(s.state.last_error, "connection refused to partner.example:443");
  // Upper end of the jitter range: 10, 20, 40, 80, 160, 320 min, then capped at 6 h.
  EXPECT_NEAR(delays[0].count(), 600, 1);
  EXPECT_NEAR(delays[1].count(), 1200, 1);
  EXPECT_NEAR(delays[2].count(), 2400, 1);
  EXPECT_NEAR(delays[5].count(), 19200, 1);
  EXPECT_NEAR(delays[6].count(), 21600, 1);
  EXPECT_NEAR(delays[9].count(), 21600, 1);
  // Lower end of the jitter: half the delay.
  auto low = next_state(s, failed(), kNow, 0.0);
  EXPECT_EQ(low.next_poll, kNow + hours(3));

  s.state = next_state(s, {.kind = PollResult::Kind::kNotModified}, kNow, 0.0);
  EXPECT_EQ(s.state.consecutive_failures, 0);
  EXPECT_EQ(s.state.last_error, "");
  EXPECT_EQ(s.state.next_poll, kNow + minutes(10));
}

TEST(PollSchedule, RetryAfterIsHonouredWhenLongerThanTheBackoff) {
  auto s = source();
  auto state = next_state(s, {.kind = PollResult::Kind::kFailed, .error = "HTTP 429",
                              .retry_after = hours(2)},
                          kNow, 0.5);
  EXPECT_EQ(state.next_poll, kNow + hours(2));
  auto shorter = next_state(s, {.kind = PollResult::Kind::kFailed, .error = "HTTP 503",
                                .retry_after = seconds(5)},
                            kNow, 0.999999);
  EXPECT_NEAR(std::chrono::duration_cast<seconds>(shorter.next_poll - kNow).count(), 600, 1);
}

TEST(PollSchedule, GoneStopsPollingAndSaysWhatToDo) {
  auto state = next_state(source(), {.kind = PollResult::Kind::kGone}, kNow, 0.5);
  EXPECT_TRUE(state.gone);
  EXPECT_NE(state.last_error.find("410 Gone"), std::string::npos);
  EXPECT_NE(state.last_error.find("newszone source"), std::string::npos);
}

TEST(PollSchedule, NotModifiedKeepsValidatorsTheResponseLeftOut) {
  auto s = source();
  s.state.etag = "\"v1\"";
  s.state.last_modified = "Sat, 28 Nov 2026 10:00:00 GMT";
  auto state = next_state(s, {.kind = PollResult::Kind::kNotModified}, kNow, 0.0);
  EXPECT_EQ(state.etag, "\"v1\"");
  EXPECT_EQ(state.last_modified, "Sat, 28 Nov 2026 10:00:00 GMT");
}

TEST(PollSchedule, ASourceThatStopsPublishingGoesQuietAfterThreeUsualGaps) {
  auto s = source(minutes(10));
  // New articles every hour for a while: the usual gap becomes an hour.
  core::Timestamp t = kNow;
  for (int i = 0; i < 5; ++i) {
    s.state = next_state(s, {.kind = PollResult::Kind::kIngested, .new_items = true}, t, 0.0);
    t += hours(1);
  }
  EXPECT_EQ(s.state.typical_gap, hours(1));
  const core::Timestamp last = *s.state.last_new_item;
  EXPECT_EQ(source_status(s, last + hours(2)), "ok");
  EXPECT_FALSE(gone_quiet(s, last + hours(3)));
  EXPECT_TRUE(gone_quiet(s, last + hours(3) + seconds(1)));
  EXPECT_EQ(source_status(s, last + hours(4)), "quiet");
}

TEST(PollSchedule, StatusNamesTheStateAnEditorMustKnowFirst) {
  auto s = source();
  EXPECT_EQ(source_status(s, kNow), "new");
  s.state = next_state(s, failed(), kNow, 0.5);
  EXPECT_EQ(source_status(s, kNow), "failing");
  s.state.gone = true;
  EXPECT_EQ(source_status(s, kNow), "gone");
  s.settings.enabled = false;
  EXPECT_EQ(source_status(s, kNow), "disabled");
}

}  // namespace
}  // namespace nz::ingest
