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

TEST(ZoneLabelTest, PartsSetThePartnersNameApartAndJoinToTheFilledText) {
  auto parts = label_template_parts("From {{partner}} to {{SITE}}; {{partner}}", "P", "Ab");
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[0].text, "From ");
  EXPECT_FALSE(parts[0].is_partner);
  EXPECT_EQ(parts[1].text, "P");
  EXPECT_TRUE(parts[1].is_partner);
  EXPECT_EQ(parts[2].text, " to AB; ");
  EXPECT_FALSE(parts[2].is_partner);
  EXPECT_TRUE(parts[3].is_partner);
  EXPECT_TRUE(label_template_parts("", "P", "S").empty());
}

TEST(ZoneLabelTest, UppercasesLatinLetters) {
  EXPECT_EQ(to_upper_latin("Hämeen Sanomat"), "HÄMEEN SANOMAT");
}

}  // namespace
}  // namespace nz::web
