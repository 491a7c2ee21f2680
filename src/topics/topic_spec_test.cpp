#include "topics/topic_spec.h"

#include <gtest/gtest.h>

namespace nz::topics {
namespace {

TEST(TopicSpecTest, CountriesTakeTheirNameFromTheGazetteer) {
  auto china = parse_topic_spec("country:cn");
  ASSERT_TRUE(china) << china.error().message;
  EXPECT_EQ(china->kind, model::TopicKind::kCountry);
  EXPECT_EQ(china->key, "CN");
  EXPECT_EQ(china->name, "China");
  EXPECT_EQ(china->slug, "china");
  auto taiwan = parse_topic_spec("country:TW");
  ASSERT_TRUE(taiwan);
  EXPECT_EQ(taiwan->name, "Taiwan");  // the common name, not "Taiwan, Province of China"
}

TEST(TopicSpecTest, KnownOrganizationsTakeTheGazetteersNameAndSlug) {
  auto sco = parse_topic_spec("organization:SCO");
  ASSERT_TRUE(sco);
  EXPECT_EQ(sco->key, "sco");
  EXPECT_EQ(sco->name, "Shanghai Cooperation Organization");
  EXPECT_EQ(sco->slug, "sco");  // the tagger's slug: one topic page
  EXPECT_EQ(parse_topic_spec("country:RU")->name, "Russia");
}

TEST(TopicSpecTest, OtherTopicsTakeTheGivenName) {
  auto climate = parse_topic_spec("subject:Climate", "Climate change");
  ASSERT_TRUE(climate);
  EXPECT_EQ(climate->key, "climate");
  EXPECT_EQ(climate->name, "Climate change");
  EXPECT_EQ(climate->slug, "climate-change");
}

TEST(TopicSpecTest, RejectsMalformedSpecs) {
  EXPECT_EQ(parse_topic_spec("CN").error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(parse_topic_spec("planet:mars").error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(parse_topic_spec("country:").error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(parse_topic_spec("country:XX").error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace nz::topics
