// The checks sections, zones, partners and sources pass before the store sees them, shared by
// the CLI and the admin's forms; and the warnings a test fetch gives. The pages themselves are
// tested against the real server (tests/integration/test_admin_sections.py).
#include <gtest/gtest.h>

#include "admin/partner_changes.h"
#include "admin/section_changes.h"
#include "admin/source_changes.h"
#include "admin/test_fetch.h"

namespace nz::admin {
namespace {

std::string label(std::string_view key) { return "Field " + std::string(key); }

model::Section zone() {
  return {.slug = "china-news-zone", .title = "China News Zone",
          .kind = model::SectionKind::kPartnerZone};
}

TEST(SectionSlug, RefusesInvalidReservedAndOverlongSlugsNamingTheField) {
  EXPECT_TRUE(check_section_slug("china-news-zone"));
  auto bad = check_section_slug("China Zone", label);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(bad.error().message.find("Field slug \"China Zone\" is not a slug"),
            std::string::npos) << bad.error().message;
  auto reserved = check_section_slug("admin");
  ASSERT_FALSE(reserved);
  EXPECT_NE(reserved.error().message.find("--slug \"admin\" is reserved"), std::string::npos)
      << reserved.error().message;
  EXPECT_FALSE(check_section_slug(std::string(kMaxSlug + 1, 'a')));
  EXPECT_TRUE(check_section_slug(std::string(kMaxSlug, 'a')));
}

TEST(SectionFields, ApplyEverySettingOfAZone) {
  model::Section z = zone();
  SectionChanges c{.title = "China Zone", .description = "News from China",
                   .moderation = "hold-for-review", .contract_start = "2024-01-01",
                   .contract_end = "2024-12-31", .attribution = "By {{partner}}.",
                   .disclaimer = "{{SITE}} is not responsible.", .link_rel = "sponsored",
                   .canonical = "partner", .noindex = true, .paid_content = true,
                   .position = 7};
  ASSERT_TRUE(apply_section_fields(c, z));
  EXPECT_EQ(z.title, "China Zone");
  EXPECT_EQ(z.description, "News from China");
  EXPECT_EQ(z.moderation, model::ModerationPolicy::kHoldForReview);
  EXPECT_EQ(z.contract_start, "2024-01-01");
  EXPECT_EQ(z.contract_end, "2024-12-31");
  EXPECT_EQ(z.attribution_template, "By {{partner}}.");
  EXPECT_EQ(z.disclaimer_template, "{{SITE}} is not responsible.");
  EXPECT_EQ(z.link_rel, "sponsored");
  EXPECT_EQ(z.canonical, model::CanonicalPolicy::kPartner);
  EXPECT_TRUE(z.noindex);
  EXPECT_TRUE(z.paid_content);
  EXPECT_EQ(z.position, 7);
  // Empty dates clear them.
  ASSERT_TRUE(apply_section_fields({.contract_start = "", .contract_end = ""}, z));
  EXPECT_EQ(z.contract_start, std::nullopt);
  EXPECT_EQ(z.contract_end, std::nullopt);
}

TEST(SectionFields, RefuseWhatTheCliRefusesNamingTheField) {
  struct Case {
    SectionChanges changes;
    std::string mentions;
  };
  const Case cases[] = {
      {{.contract_end = "2021-13-45"}, "Field contract-end must be a date YYYY-MM-DD"},
      {{.contract_start = "2024-05-01", .contract_end = "2024-04-30"},
       "Field contract-end (2024-04-30) is before Field contract-start (2024-05-01)"},
      {{.moderation = "sometimes"}, "Field moderation must be auto-publish or hold-for-review"},
      {{.canonical = "both"}, "Field canonical must be host or partner"},
      {{.link_rel = "sponsored follow"}, "Field link-rel \"sponsored follow\" may use only"},
      {{.title = ""}, "Field title must not be empty"},
      {{.title = std::string(kMaxSectionTitle + 1, 'x')}, "Field title is too long"},
      {{.disclaimer = std::string(kMaxLabelTemplate + 1, 'x')}, "Field disclaimer is too long"},
  };
  for (const auto& c : cases) {
    model::Section z = zone();
    auto applied = apply_section_fields(c.changes, z, label);
    ASSERT_FALSE(applied) << c.mentions;
    EXPECT_EQ(applied.error().code, ErrorCode::kInvalidInput);
    EXPECT_NE(applied.error().message.find(c.mentions), std::string::npos)
        << applied.error().message;
  }
}

TEST(SectionFields, ZoneSettingsOnAnEditorialSectionAreRefused) {
  model::Section news{.slug = "news", .title = "News"};
  auto applied = apply_section_fields({.disclaimer = "Not ours."}, news);
  ASSERT_FALSE(applied);
  EXPECT_NE(applied.error().message.find("--disclaimer is a setting of partner zones"),
            std::string::npos) << applied.error().message;
  EXPECT_TRUE(apply_section_fields({.title = "Latest news", .noindex = true}, news));
  EXPECT_EQ(news.title, "Latest news");
  EXPECT_TRUE(news.noindex);
}

TEST(SectionJson, RecordsEverySettingOfAZoneAndOnlyCommonOnesOfASection) {
  model::Section z = zone();
  z.id = 4;
  z.partner_id = 2;
  z.contract_end = "2025-01-31";
  const std::string json = section_json(z);
  for (const char* part : {"\"id\":4", "\"kind\":\"zone\"", "\"partner_id\":2",
                           "\"contract_start\":null", "\"contract_end\":\"2025-01-31\"",
                           "\"moderation\":\"auto-publish\"", "\"disclaimer\":"}) {
    EXPECT_NE(json.find(part), std::string::npos) << part << " in " << json;
  }
  EXPECT_EQ(section_json({.slug = "news", .title = "News"}).find("disclaimer"),
            std::string::npos);
}

TEST(PartnerCheck, NeedsANameAndAWebHomePage) {
  EXPECT_TRUE(check_partner({.name = "Xinhua", .url = "https://english.news.cn/"}));
  EXPECT_TRUE(check_partner({.name = "Xinhua"}));
  EXPECT_FALSE(check_partner({.name = ""}));
  EXPECT_FALSE(check_partner({.name = std::string(kMaxPartnerName + 1, 'x')}));
  auto url = check_partner({.name = "X", .url = "javascript:alert(1)"}, label);
  ASSERT_FALSE(url);
  EXPECT_NE(url.error().message.find("Field url"), std::string::npos) << url.error().message;
}

TEST(Interval, ParsesAndFormatsTheCliForms) {
  struct Row {
    const char* text;
    int64_t seconds;
  };
  for (auto [text, seconds] : {Row{"90s", 90}, Row{"10m", 600}, Row{"2h", 7200},
                               Row{"1d", 86400}}) {
    auto parsed = parse_interval(text);
    ASSERT_TRUE(parsed) << text;
    EXPECT_EQ(parsed->count(), seconds) << text;
    EXPECT_EQ(format_interval(*parsed), text);
  }
  for (const char* bad : {"", "10", "m", "10 minutes", "10x", "1234567890s"}) {
    auto parsed = parse_interval(bad, label);
    ASSERT_FALSE(parsed) << bad;
    EXPECT_EQ(parsed.error().message.rfind("Field every", 0), 0u) << parsed.error().message;
  }
}

TEST(SourceChanges, ApplyHeadersAndRefuseBadOnes) {
  model::SourceSettings settings{.headers = {{"X-Old", "1"}}};
  ASSERT_TRUE(apply_source_changes({.url = "https://p.example/feed", .every = "5m",
                                    .identity = "link", .headers = {"X-Api-Key:  k1"}},
                                   settings));
  EXPECT_EQ(settings.url, "https://p.example/feed");
  EXPECT_EQ(settings.every.count(), 300);
  EXPECT_EQ(settings.identity_key, model::IdentityKey::kLink);
  ASSERT_EQ(settings.headers.size(), 2u);
  EXPECT_EQ(settings.headers[1], (std::pair<std::string, std::string>{"X-Api-Key", "k1"}));
  ASSERT_TRUE(apply_source_changes({.headers = {"X-New: 2"}, .clear_headers = true}, settings));
  ASSERT_EQ(settings.headers.size(), 1u);
  EXPECT_EQ(settings.headers[0].first, "X-New");
  EXPECT_FALSE(apply_source_changes({.headers = {"no colon"}}, settings));
  EXPECT_FALSE(apply_source_changes({.identity = "title"}, settings));
  EXPECT_FALSE(apply_source_changes({.url = std::string(kMaxSourceUrl + 1, 'x')}, settings));
  std::vector<std::string> many(kMaxHeaders + 1, "X-A: 1");
  EXPECT_FALSE(apply_source_changes({.headers = many, .clear_headers = true}, settings));
}

TEST(SourceJson, NamesHeadersButNeverTheirValues) {
  model::Source source{.id = 3, .section_id = 1,
                       .settings = {.url = "https://p.example/feed",
                                    .headers = {{"X-Api-Key", "secret-key-value"}}}};
  const std::string json = source_json(source);
  EXPECT_NE(json.find("\"headers\":[\"X-Api-Key\"]"), std::string::npos) << json;
  EXPECT_EQ(json.find("secret-key-value"), std::string::npos) << json;
}

TEST(TestFetchWarnings, CountItemsWithoutIdsSharedIdsTitlesAndLinks) {
  EXPECT_TRUE(item_warnings({{"a", "A", "https://x/a"}, {"b", "B", "https://x/b"}}).empty());
  auto warnings = item_warnings({{"", "A", "https://x/a"},
                                 {"same", "B", ""},
                                 {"same", "", "https://x/c"}});
  ASSERT_EQ(warnings.size(), 4u);
  EXPECT_EQ(warnings[0].rfind("1 item has no guid, id or link", 0), 0u) << warnings[0];
  EXPECT_EQ(warnings[1].rfind("2 items share an id", 0), 0u) << warnings[1];
  EXPECT_EQ(warnings[2], "1 item has no title");
  EXPECT_EQ(warnings[3], "1 item has no link");
}

}  // namespace
}  // namespace nz::admin
