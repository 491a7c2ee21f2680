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

// Who withdrew an article. An editor's withdrawal is a tombstone: the partner sending the
// item again never brings it back. A partner's (a take-down) is undone by the partner.
enum class Actor { kEditor, kPartner };

std::string_view to_string(Actor actor);  // "editor", "partner"
std::optional<Actor> parse_actor(std::string_view text);

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
  // Everything else the partner sent about the story (byline, rights, places, subjects,
  // categories, ...) as one JSON object written by ingest; empty when nothing was sent.
  std::string metadata_json;

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

  // Not shown to readers before this time (a partner's embargo).
  std::optional<core::Timestamp> embargo_until;
  // Set when this is a near-duplicate of another article of the section (the same story sent
  // again under a new identity): it is kept but never listed.
  std::optional<ArticleId> duplicate_of;
  // SimHash of the text, for finding near-duplicates; none when the text is too short.
  std::optional<uint64_t> simhash;
  // Who withdrew it, while status is kWithdrawn.
  std::optional<Actor> withdrawn_by;
  // When it was withdrawn after being published (set by the store); none otherwise.
  std::optional<core::Timestamp> withdrawn_at;
  // On save: the delivery (store::DeliveryStore) the new version arrived in, if any.
  std::optional<int64_t> delivery_id;
  // Why an editor rejected or withdrew it, in the editor's words; empty otherwise (and after
  // any later change of status).
  std::string status_reason;
};

// An editor's "no" to an article that readers never saw: withdrawn by an editor without
// having been published (withdrawn_at is set only when a published article is withdrawn).
// Readers get 404 for it, not the 410 of a withdrawal; its partner sees it as rejected.
inline bool is_rejected(const Article& a) {
  return a.status == ArticleStatus::kWithdrawn && a.withdrawn_by == Actor::kEditor &&
         !a.withdrawn_at;
}

struct ArticleVersion {
  ArticleId article_id = 0;
  int version = 0;
  ArticleContent content;
  core::Timestamp created{};  // when this version was stored
  std::optional<int64_t> delivery_id;  // the delivery it arrived in; none when made by hand
  // The user who made it by hand (an editor's edit), and their email; none for a partner's
  // or an import's version.
  std::optional<int64_t> editor_id;
  std::string editor_email;
};

}  // namespace nz::model
