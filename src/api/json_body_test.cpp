#include "api/json_body.h"

#include <gtest/gtest.h>

namespace nz::api {
namespace {

TEST(JsonBodyTest, AnEmptyBodyIsAnEmptyObject) {
  JsonBody body("  \n", {"reason"});
  EXPECT_TRUE(body.ok());
  EXPECT_FALSE(body.has("reason"));
  EXPECT_EQ(body.text("reason"), std::nullopt);
}

TEST(JsonBodyTest, ReadsFieldsOfTheExpectedTypes) {
  JsonBody body(R"({"title": "Nordic Zone", "noindex": true, "position": 20,
                    "tags": ["China", "Trade"], "contract_end": null})",
                {"title", "noindex", "position", "tags", "contract_end"});
  ASSERT_TRUE(body.ok()) << body.message();
  EXPECT_EQ(body.text("title"), "Nordic Zone");
  EXPECT_EQ(body.flag("noindex"), true);
  EXPECT_EQ(body.integer("position", -100000, 100000), 20);
  EXPECT_EQ(body.texts("tags"), (std::vector<std::string>{"China", "Trade"}));
  EXPECT_EQ(body.text("contract_end"), "");  // null clears
  EXPECT_TRUE(body.ok());
}

TEST(JsonBodyTest, AnUnknownFieldIsNamed) {
  JsonBody body(R"({"headline": "x", "hedline": "y"})", {"headline", "standfirst"});
  EXPECT_FALSE(body.ok());
  EXPECT_EQ(body.field(), "hedline");
  EXPECT_NE(body.message().find("headline, standfirst"), std::string::npos);
}

TEST(JsonBodyTest, AFieldOfTheWrongTypeIsNamedAndTheFirstProblemKept) {
  JsonBody body(R"({"title": 7, "noindex": "yes"})", {"title", "noindex"});
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(body.text("title"), std::nullopt);
  EXPECT_EQ(body.flag("noindex"), std::nullopt);
  EXPECT_FALSE(body.ok());
  EXPECT_EQ(body.field(), "title");
  EXPECT_EQ(body.message(), "title must be a string");
}

TEST(JsonBodyTest, NumbersOutsideTheirRangeAndListsOfNonStringsFail) {
  struct Case {
    const char* json;
    const char* field;
  };
  for (const Case& c : {Case{R"({"position": 1e9})", "position"},
                        Case{R"({"position": 100001})", "position"},
                        Case{R"({"position": 1.5})", "position"},
                        Case{R"({"tags": ["a", 1]})", "tags"},
                        Case{R"({"tags": "a"})", "tags"}}) {
    JsonBody body(c.json, {"position", "tags"});
    (void)body.integer("position", -100000, 100000);
    (void)body.texts("tags");
    EXPECT_FALSE(body.ok()) << c.json;
    EXPECT_EQ(body.field(), c.field) << c.json;
  }
}

TEST(JsonBodyTest, RefusesNonObjectsBrokenJsonAndOversizedBodies) {
  EXPECT_FALSE(JsonBody("[1, 2]", {}).ok());
  EXPECT_FALSE(JsonBody("{\"reason\": ", {"reason"}).ok());
  JsonBody big(std::string(JsonBody::kMaxBytes + 1, ' '), {});
  EXPECT_FALSE(big.ok());
  EXPECT_TRUE(big.too_large());
}

TEST(JsonBodyTest, ListsAreBounded) {
  std::string many = "{\"tags\": [";
  for (size_t i = 0; i <= JsonBody::kMaxItems; ++i) many += (i ? ",\"t\"" : "\"t\"");
  many += "]}";
  JsonBody body(many, {"tags"});
  EXPECT_EQ(body.texts("tags"), std::nullopt);
  EXPECT_EQ(body.field(), "tags");
}

}  // namespace
}  // namespace nz::api
