#include "web/zone_label.h"

#include <gtest/gtest.h>

#include "model/section.h"

namespace nz::web {
namespace {

TEST(ZoneLabelTest, DefaultTemplatesGiveTheSeedsWording) {
  EXPECT_EQ(fill_label_template(model::kDefaultAttribution, "People's Daily Online",
                                "Helsinki Times"),
            "This page is provided in cooperation with People's Daily Online.");
  EXPECT_EQ(fill_label_template(model::kDefaultDisclaimer, "People's Daily Online",
                                "Helsinki Times"),
            "HELSINKI TIMES does not exercise editorial control over this section and is not "
            "responsible for the topics and content of this section.");
}

TEST(ZoneLabelTest, FillsEveryPlaceholderAndKeepsOtherText) {
  EXPECT_EQ(fill_label_template("{{site}} x {{partner}} y {{SITE}} {{other}} {", "P", "Ab c"),
            "Ab c x P y AB C {{other}} {");
}

TEST(ZoneLabelTest, UppercasesLatinLetters) {
  EXPECT_EQ(to_upper_latin("Hämeen Sanomat"), "HÄMEEN SANOMAT");
}

}  // namespace
}  // namespace nz::web
