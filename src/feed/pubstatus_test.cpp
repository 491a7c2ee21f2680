#include "feed/pubstatus.h"

#include <gtest/gtest.h>

namespace nz::feed {
namespace {

TEST(PubStatusTest, ReadsNinjsNewsmlG2AndUriForms) {
  struct Row {
    const char* text;
    std::optional<PubStatus> expected;
  };
  for (const Row& row : std::initializer_list<Row>{
           {"usable", PubStatus::kUsable},
           {"withheld", PubStatus::kWithheld},
           {"canceled", PubStatus::kCanceled},
           {" Cancelled ", PubStatus::kCanceled},
           {"stat:usable", PubStatus::kUsable},
           {"STAT:WITHHELD", PubStatus::kWithheld},
           {"stat:canceled", PubStatus::kCanceled},
           {"http://cv.iptc.org/newscodes/pubstatusg2/canceled", PubStatus::kCanceled},
           {"https://cv.iptc.org/newscodes/pubstatusg2/withheld/", PubStatus::kWithheld},
           {"embargoed", std::nullopt},
           {"stat:", std::nullopt},
           {"", std::nullopt},
           {"use", std::nullopt},
       }) {
    EXPECT_EQ(parse_pubstatus(row.text), row.expected) << row.text;
  }
}

TEST(PubStatusTest, NamesEachStatusAsTheContractDoes) {
  EXPECT_STREQ(to_string(PubStatus::kUsable), "usable");
  EXPECT_STREQ(to_string(PubStatus::kWithheld), "withheld");
  EXPECT_STREQ(to_string(PubStatus::kCanceled), "canceled");
}

}  // namespace
}  // namespace nz::feed
