#include "web/search_engines.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace nz::web {
namespace {

TEST(SearchEnginesTest, WebUrlsAreAbsoluteHttpWithoutSpaces) {
  EXPECT_TRUE(is_web_url("https://example.org/a?b=c"));
  EXPECT_TRUE(is_web_url("HTTP://example.org/"));
  for (const char* bad : {"", "https://", "javascript:alert(1)", "/relative", "//host/x",
                          "https://exa mple.org/", "https://example.org/\n", "data:text/html,x",
                          "ftp://example.org/"}) {
    EXPECT_FALSE(is_web_url(bad)) << bad;
  }
  EXPECT_FALSE(is_web_url("https://example.org/" + std::string(2100, 'a')));
}

TEST(SearchEnginesTest, CanonicalIsThePartnersOriginalOnlyWhereTheZoneSaysSo) {
  model::Section zone{.kind = model::SectionKind::kPartnerZone};
  model::Article article;
  article.content.original_url = "https://partner.example/story";
  EXPECT_EQ(canonical_url(zone, article, "https://host/z/1-a"), "https://host/z/1-a");
  zone.canonical = model::CanonicalPolicy::kPartner;
  EXPECT_EQ(canonical_url(zone, article, "https://host/z/1-a"), "https://partner.example/story");
  article.content.original_url = "javascript:alert(1)";
  EXPECT_EQ(canonical_url(zone, article, "https://host/z/1-a"), "https://host/z/1-a");
  article.content.original_url = "";
  EXPECT_EQ(canonical_url(zone, article, "https://host/z/1-a"), "https://host/z/1-a");
}

TEST(SearchEnginesTest, FirstImageIsTheFirstImgsSourceMadeAbsolute) {
  EXPECT_EQ(first_image_url("<p>x</p><img alt=\"a\" src=\"https://cdn.example/a.jpg?x=1&amp;y=2\">"
                            "<img src=\"https://cdn.example/b.jpg\">",
                            "https://host"),
            "https://cdn.example/a.jpg?x=1&y=2");
  EXPECT_EQ(first_image_url("<img src=\"/media/a.png\">", "https://host"),
            "https://host/media/a.png");
  EXPECT_EQ(first_image_url("<IMG SRC='//cdn.example/a.png'>", "https://host"),
            "https://cdn.example/a.png");
  EXPECT_FALSE(first_image_url("<p>&lt;img src=\"https://x/a.png\"&gt;</p>", "https://host"));
  EXPECT_FALSE(first_image_url("<imgx src=\"https://x/a.png\">", "https://host"));
  EXPECT_FALSE(first_image_url("<img src=\"data:image/png;base64,AAAA\">", "https://host"));
  EXPECT_FALSE(first_image_url("<p>no image</p>", "https://host"));
  EXPECT_FALSE(first_image_url("<img data-src=\"https://x/a.png\">", "https://host"));
}

TEST(SearchEnginesTest, JsonForScriptEscapesWhatCouldEndTheScript) {
  std::string json = boost::json::serialize(boost::json::value(
      "</script><!-- <script> & \xE2\x80\xA8 \xE2\x80\xA9 ]]>"));
  std::string safe = json_for_script(json);
  EXPECT_EQ(safe.find('<'), std::string::npos);
  EXPECT_EQ(safe.find('>'), std::string::npos);
  EXPECT_EQ(safe.find('&'), std::string::npos);
  EXPECT_EQ(safe.find("\xE2\x80\xA8"), std::string::npos);
  EXPECT_EQ(safe.find("\xE2\x80\xA9"), std::string::npos);
  EXPECT_EQ(boost::json::parse(safe), boost::json::parse(json));  // the same value
}

TEST(SearchEnginesTest, JsonLdOfAPartnerArticleNamesThePartnerAsSource) {
  model::Site site{.name = "Helsinki Times", .base_url = "https://www.example.org"};
  model::Partner partner{.name = "PDO", .url = "http://en.people.cn/"};
  model::Section zone{.title = "China News Zone", .kind = model::SectionKind::kPartnerZone,
                      .partner_id = 1};
  model::Article article;
  article.content.headline = "Xi </script>";
  auto ld = boost::json::parse(article_json_ld({.site = site, .section = zone,
                                                .partner = &partner, .article = article,
                                                .page_url = "https://www.example.org/z/1-x",
                                                .canonical_url = "https://c/1",
                                                .image = "https://cdn/a.jpg"}))
                .as_object();
  EXPECT_EQ(ld.at("@type"), "NewsArticle");
  EXPECT_EQ(ld.at("headline"), "Xi </script>");
  EXPECT_EQ(ld.at("author").at("@type"), "Organization");  // no author: the partner
  EXPECT_EQ(ld.at("author").at("name"), "PDO");
  EXPECT_EQ(ld.at("sourceOrganization").at("url"), "http://en.people.cn/");
  EXPECT_EQ(ld.at("publisher").at("@type"), "NewsMediaOrganization");
  EXPECT_EQ(ld.at("mainEntityOfPage").at("@id"), "https://c/1");
  EXPECT_EQ(ld.at("image").at(0), "https://cdn/a.jpg");
  EXPECT_EQ(ld.at("isAccessibleForFree"), true);

  zone.paid_content = true;
  article.content.author = "Li Wei";
  ld = boost::json::parse(article_json_ld({.site = site, .section = zone, .partner = &partner,
                                           .article = article, .page_url = "u",
                                           .canonical_url = "c", .image = std::nullopt}))
           .as_object();
  EXPECT_EQ(ld.at("@type"), "AdvertiserContentArticle");
  EXPECT_EQ(ld.at("author").at("@type"), "Person");
  EXPECT_FALSE(ld.contains("image"));
}

TEST(SearchEnginesTest, JsonLdOfAHostArticleHasNoSourceOrganization) {
  model::Site site{.name = "Helsinki Times", .base_url = "https://www.example.org"};
  model::Section news{.title = "Finland", .paid_content = true};  // not a zone: ignored
  model::Article article;
  article.content.headline = "Story";
  auto ld = boost::json::parse(article_json_ld({.site = site, .section = news,
                                                .partner = nullptr, .article = article,
                                                .page_url = "u", .canonical_url = "c",
                                                .image = std::nullopt}))
                .as_object();
  EXPECT_EQ(ld.at("@type"), "NewsArticle");
  EXPECT_FALSE(ld.contains("sourceOrganization"));
  EXPECT_EQ(ld.at("author").at("name"), "Helsinki Times");
}

}  // namespace
}  // namespace nz::web
