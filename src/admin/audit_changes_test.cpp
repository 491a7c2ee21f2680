#include "admin/audit_changes.h"

#include <gtest/gtest.h>

namespace nz::admin {
namespace {

TEST(ChangedFields, ListsOnlyTheFieldsThatDifferInTheAfterRecordsOrder) {
  auto changes = changed_fields(
      R"({"id":2,"title":"China News Zone","moderation":"auto-publish","position":2})",
      R"({"id":2,"title":"China News Zone","position":3,"moderation":"hold-for-review"})");
  EXPECT_EQ(changes, (std::vector<FieldChange>{{"position", "2", "3"},
                                               {"moderation", "auto-publish",
                                                "hold-for-review"}}));
}

TEST(ChangedFields, ShowsStringsWithoutQuotesAndOtherValuesAsJson) {
  auto changes = changed_fields(R"({"a":null,"b":[1,2],"c":{"x":"y"},"d":"it's \"q\""})",
                                R"({"a":"set","b":[1,2,3],"c":{"x":"z"},"d":false})");
  EXPECT_EQ(changes, (std::vector<FieldChange>{{"a", "null", "set"},
                                               {"b", "[1,2]", "[1,2,3]"},
                                               {"c", R"({"x":"y"})", R"({"x":"z"})"},
                                               {"d", R"(it's "q")", "false"}}));
}

TEST(ChangedFields, FieldsOnOneSideOnlyAreChangesWithAnEmptyOtherSide) {
  auto changes = changed_fields(R"({"id":1,"gone":"old"})", R"({"id":1,"new":true})");
  EXPECT_EQ(changes, (std::vector<FieldChange>{{"new", "", "true"}, {"gone", "old", ""}}));
}

TEST(ChangedFields, NothingForEqualRecordsAMissingSideOrTextThatIsNoObject) {
  EXPECT_TRUE(changed_fields(R"({"a":1,"b":"x"})", R"({"b":"x","a":1})").empty());
  EXPECT_TRUE(changed_fields("", R"({"a":1})").empty());
  EXPECT_TRUE(changed_fields(R"({"a":1})", "").empty());
  EXPECT_TRUE(changed_fields("[1]", "[2]").empty());
  EXPECT_TRUE(changed_fields(R"({"a":1)", R"({"a":2})").empty());
  EXPECT_TRUE(changed_fields("\"text\"", R"({"a":2})").empty());
}

}  // namespace
}  // namespace nz::admin
