// What editors do to articles (issue 8): approve, reject, withdraw and restore, edit the
// headline and standfirst, add and remove topics. Each change is checked against the
// article's status, made in one store transaction together with its audit-log row (before and
// after), and seen by readers at once (each moves the articles' change sequence, which the
// page cache follows). The queue and the article view both call these.
#pragma once

#include <string>
#include <string_view>

#include "admin/accounts.h"
#include "core/result.h"
#include "model/article.h"
#include "model/topic.h"

namespace nz::core { class Clock; }
namespace nz::store { class Store; }

namespace nz::admin {

// Limits on what an editor types, in bytes.
inline constexpr size_t kMaxReasonBytes = 500;
inline constexpr size_t kMaxHeadlineBytes = 300;
inline constexpr size_t kMaxStandfirstBytes = 2000;
inline constexpr size_t kMaxTopicBytes = 100;

enum class Decision {
  kApprove,   // publish a pending (or rejected) article
  kReject,    // say no to a pending article, with a reason; readers never see it
  kWithdraw,  // take a published article off the site, with a reason; readers get 410
  kRestore,   // put an article an editor withdrew back on the site
};

std::string_view to_string(Decision decision);  // "approve", "reject", "withdraw", "restore"
bool needs_reason(Decision decision);           // reject and withdraw

// What the admin and the portal call the article's state: "draft", "pending", "published",
// "rejected" (model::is_rejected), "withdrawn", or "taken down" (by its partner).
std::string status_label(const model::Article& article);

// Why `decision` does not apply to the article as it stands, in words for the editor; empty
// when it does.
std::string refusal(const model::Article& article, Decision decision);

// Applies `decision` to the article with the audit row "article.<decision>". kNotFound; 
// kConflict with refusal()'s words; kInvalidInput when a reason is needed and missing, or
// longer than kMaxReasonBytes. Returns the article as it now stands.
Result<model::Article> decide(store::Store& store, const core::Clock& clock, const Actor& actor,
                              model::ArticleId id, Decision decision, std::string_view reason);

// An editor's new headline and standfirst: a new version made by actor.user_id, recorded as
// "article.edit" (nothing when both are as they were); with `then_approve`, also approved in
// the same transaction. kInvalidInput on an empty or too long headline or standfirst;
// kNotFound; kConflict when then_approve does not apply.
Result<model::Article> edit(store::Store& store, const core::Clock& clock, const Actor& actor,
                            model::ArticleId id, std::string_view headline,
                            std::string_view standfirst, bool then_approve);

// Adds the topic an editor names (ingest::find_or_create_topic) as an editor's tag, recorded
// as "article.tag". kInvalidInput on an empty or too long name; kNotFound for an unknown
// article or topic.
Result<model::Topic> add_topic(store::Store& store, const core::Clock& clock,
                               const Actor& actor, model::ArticleId id, std::string_view name);
// Removes the topic from the article for good (store::TopicStore::untag_article), recorded as
// "article.untag". kNotFound when the article or topic does not exist or the article does not
// carry the topic.
Status remove_topic(store::Store& store, const core::Clock& clock, const Actor& actor,
                    model::ArticleId id, model::TopicId topic);

// The article as the audit log records it: id, status, reason, version, headline, standfirst.
std::string article_json(const model::Article& article);

// `text` without leading and trailing whitespace, and with every run of whitespace inside
// (newlines included) made one space: a headline, a reason or a topic as typed in a form.
std::string one_line(std::string_view text);

}  // namespace nz::admin
