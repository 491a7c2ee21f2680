// What search engines and social sites read from a page beyond its text: the canonical URL,
// schema.org JSON-LD, Open Graph and Twitter card tags. Every string in them may come from a
// partner, so each is escaped for where it goes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/article.h"
#include "model/partner.h"
#include "model/section.h"
#include "model/site.h"
#include "render/view.h"

namespace nz::web {

// True for an absolute http(s) URL of at most 2,048 bytes with no whitespace or control
// characters: the only kind a page names as canonical, image or partner link.
bool is_web_url(std::string_view url);

// The article's canonical URL: the partner's original (article.content.original_url) when the
// zone's contract says so and the article has a usable one, else the host's page.
std::string canonical_url(const model::Section& section, const model::Article& article,
                          const std::string& host_page_url);

// The src of the first <img> in sanitized HTML, made absolute against base_url when it is a
// path ("/img/a.jpg", "//cdn/a.jpg"); nullopt when there is none or it is not a web URL.
std::optional<std::string> first_image_url(std::string_view body_html, std::string_view base_url);

// JSON text made safe inside <script type="application/ld+json">: "<", ">" and "&" become
// \u003c, \u003e and \u0026, U+2028 and U+2029 their \u escapes. Valid JSON in, the same
// JSON value out; nothing in it can end the script element or open a comment.
std::string json_for_script(std::string_view json);

// What an article's JSON-LD is made of.
struct ArticleStructuredData {
  const model::Site& site;
  const model::Section& section;
  const model::Partner* partner;  // the zone's partner; nullptr for editorial sections
  const model::Article& article;
  std::string page_url;       // the host's page of the article, absolute
  std::string canonical_url;  // canonical_url()
  std::optional<std::string> image;
};

// schema.org NewsArticle (AdvertiserContentArticle in a paid-content zone) as JSON-LD, ready
// for a script element (json_for_script).
std::string article_json_ld(const ArticleStructuredData& data);

// Open Graph and Twitter card tags for _head.mustache's {{#social}}.
struct SocialTags {
  std::string type = "website";  // "article" on article pages
  std::string title;
  std::string description;  // may be empty
  std::string url;
  std::optional<std::string> image;
  std::string published_time;  // RFC 3339; articles only, else empty
  std::string modified_time;   // RFC 3339; articles only, else empty
};
render::View social_view(const SocialTags& tags);

}  // namespace nz::web
