#include "ingest/websub.h"

#include <gtest/gtest.h>

#include <map>

#include "crypto/digest.h"

namespace nz::ingest::websub {
namespace {

using std::chrono::hours;
using std::chrono::seconds;

const core::Timestamp kNow{seconds{1'800'000'000}};
constexpr char kHub[] = "https://hub.example/";
constexpr char kTopic[] = "https://partner.example/feed.xml";

model::Source source_with(model::WebSub::State state) {
  model::Source s;
  s.id = 7;
  s.settings.url = kTopic;
  s.websub = {.hub = kHub, .topic = kTopic, .secret = "s3cret", .state = state};
  return s;
}

QueryLookup query(std::map<std::string, std::string> params) {
  return [params](std::string_view name) -> std::optional<std::string> {
    auto it = params.find(std::string(name));
    if (it == params.end()) return std::nullopt;
    return it->second;
  };
}

TEST(WebSub, SubscribesToANewHubAndRenewsADayBeforeTheLeaseEnds) {
  model::Source fresh;
  fresh.settings.url = kTopic;
  EXPECT_TRUE(should_subscribe(fresh, kHub, kTopic, kNow));
  EXPECT_FALSE(should_subscribe(fresh, "", kTopic, kNow));  // no hub, nothing to do

  auto active = source_with(model::WebSub::State::kActive);
  active.websub.lease_until = kNow + hours(48);
  EXPECT_FALSE(should_subscribe(active, kHub, kTopic, kNow));
  EXPECT_TRUE(should_subscribe(active, kHub, kTopic, kNow + hours(25)));
  EXPECT_TRUE(should_subscribe(active, "https://other-hub.example/", kTopic, kNow));

  auto requested = source_with(model::WebSub::State::kRequested);
  requested.websub.lease_until = kNow;  // asked now
  EXPECT_FALSE(should_subscribe(requested, kHub, kTopic, kNow + seconds(60)));
  EXPECT_TRUE(should_subscribe(requested, kHub, kTopic, kNow + hours(2)));  // never verified

  auto failed = source_with(model::WebSub::State::kFailed);
  failed.websub.lease_until = kNow;
  EXPECT_FALSE(should_subscribe(failed, kHub, kTopic, kNow + seconds(60)));
  EXPECT_TRUE(should_subscribe(failed, kHub, kTopic, kNow + hours(2)));
}

TEST(WebSub, TheSubscriptionRequestIsAFormPostWithEveryParameterEscaped) {
  auto request = subscribe_request(kHub, "https://partner.example/feed.xml?lang=en&x=1",
                                   "https://www.example.org/websub/7", "abc", "newszone");
  EXPECT_EQ(request.url, kHub);
  EXPECT_EQ(request.form_body,
            "hub.mode=subscribe&hub.topic=https%3A%2F%2Fpartner.example%2Ffeed.xml%3Flang%3Den"
            "%26x%3D1&hub.callback=https%3A%2F%2Fwww.example.org%2Fwebsub%2F7&hub.secret=abc"
            "&hub.lease_seconds=864000");
  EXPECT_EQ(callback_url("https://www.example.org/", 7), "https://www.example.org/websub/7");
}

TEST(WebSub, VerificationEchoesTheChallengeOnlyForOurTopicAndRecordsTheLease) {
  auto requested = source_with(model::WebSub::State::kRequested);
  auto ok = verify_intent(requested,
                          query({{"hub.mode", "subscribe"}, {"hub.topic", kTopic},
                                 {"hub.challenge", "c-123"}, {"hub.lease_seconds", "3600"}}),
                          kNow);
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.body, "c-123");
  ASSERT_TRUE(ok.record);
  EXPECT_EQ(ok.record->state, model::WebSub::State::kActive);
  EXPECT_EQ(ok.record->lease_until, kNow + hours(1));

  auto wrong_topic = verify_intent(requested,
                                   query({{"hub.mode", "subscribe"},
                                          {"hub.topic", "https://evil.example/"},
                                          {"hub.challenge", "c"}}),
                                   kNow);
  EXPECT_EQ(wrong_topic.status, 404);
  EXPECT_FALSE(wrong_topic.record);

  // An unsubscription we never asked for is refused.
  auto unsubscribe = verify_intent(source_with(model::WebSub::State::kActive),
                                   query({{"hub.mode", "unsubscribe"}, {"hub.topic", kTopic},
                                          {"hub.challenge", "c"}}),
                                   kNow);
  EXPECT_EQ(unsubscribe.status, 404);

  auto denied = verify_intent(requested,
                              query({{"hub.mode", "denied"}, {"hub.topic", kTopic},
                                     {"hub.reason", "not allowed"}}),
                              kNow);
  EXPECT_EQ(denied.status, 200);
  EXPECT_EQ(denied.record->state, model::WebSub::State::kDenied);
  EXPECT_NE(denied.record->error.find("not allowed"), std::string::npos);
}

TEST(WebSub, OnlyADeliverySignedWithTheSecretIsAccepted) {
  const std::string body = "<rss/>";
  const std::string good = "sha256=" + crypto::hmac_sha256_hex("s3cret", body);
  EXPECT_TRUE(signature_valid("s3cret", good, body));
  EXPECT_TRUE(signature_valid("s3cret", "sha512=" + crypto::hmac_sha512_hex("s3cret", body), body));
  EXPECT_FALSE(signature_valid("s3cret", good, body + " "));
  EXPECT_FALSE(signature_valid("other", good, body));
  EXPECT_FALSE(signature_valid("s3cret", std::nullopt, body));
  EXPECT_FALSE(signature_valid("s3cret", "sha1=" + std::string(40, '0'), body));
  EXPECT_FALSE(signature_valid("", "sha256=" + crypto::hmac_sha256_hex("", body), body));
}

}  // namespace
}  // namespace nz::ingest::websub
