// Article and ArticleVersion: a story and every version of it ever stored.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "model/section.h"

namespace nz::model {

using ArticleId = int64_t;

enum class ArticleStatus { kDraft, kPending, kPublished, kWithdrawn };

std::string_view to_string(ArticleStatus status);  // "draft", "pending", "published", "withdrawn"
std::optional<ArticleStatus> parse_article_status(std::string_view text);

// The editable content of an article: what a new version changes.
struct ArticleContent {
  std::string headline;
  std::string standfirst;  // plain text summary; may be empty
  std::string body_html;   // sanitized HTML
  std::string author;      // may be empty
  std::string language = "en";
  std::string original_url;  // the partner's own URL; may be empty

  bool operator==(const ArticleContent&) const = default;
};

struct Article {
  ArticleId id = 0;  // assigned by the store
  SectionId section_id = 0;
  std::string guid;  // unique within the section: the feed's id, or one the store makes
  std::string slug;  // from the headline at first save; never changes after
  ArticleContent content;
  core::Timestamp published{};
  core::Timestamp updated{};   // time of the current version
  core::Timestamp ingested{};  // when newszone first stored it
  ArticleStatus status = ArticleStatus::kDraft;
  int version = 0;  // current version number, 1-based; assigned by the store
};

struct ArticleVersion {
  ArticleId article_id = 0;
  int version = 0;
  ArticleContent content;
  core::Timestamp created{};  // when this version was stored
};

}  // namespace nz::model
