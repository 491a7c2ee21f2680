// ArticleImport: one article as newszone's import format (JSON) carries it. Used by the demo
// site and `newszone import`.
//
//   {"section": "china-news-zone", "guid": "...", "headline": "...", "standfirst": "...",
//    "author": "...", "published": "2022-09-13T08:00:00Z", "original_url": "...",
//    "paragraphs": ["plain text", ...]  or  "body": "plain text\n\nparagraphs",
//    "topics": ["country:CN"], "status": "published"}
//
// Bodies are plain text, made into escaped <p> paragraphs: no HTML from a file reaches a page
// until the sanitizer decides what of it is safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "model/article.h"

namespace boost::json { class object; }

namespace nz::app {

struct ArticleImport {
  std::string section_slug;
  model::Article article;            // section_id unset (0): the caller resolves section_slug
  std::vector<std::string> topics;   // topic specs, "country:CN"
};

// Reads one article. kInvalidInput naming the field on a missing headline or section, a
// wrong type, or a date that is not RFC 3339. `now` fills published when absent.
Result<ArticleImport> article_from_json(const boost::json::object& object, core::Timestamp now);
// Same, from the text of one JSON object.
Result<ArticleImport> article_from_json_text(std::string_view text, core::Timestamp now);

// "<p>first</p>\n<p>second</p>": each paragraph HTML-escaped, inner newlines become spaces.
std::string paragraphs_to_html(const std::vector<std::string>& paragraphs);

// Splits plain text into paragraphs at blank lines.
std::vector<std::string> split_paragraphs(std::string_view text);

}  // namespace nz::app
