#include "admin/moderation.h"

#include <algorithm>

#include <boost/json.hpp>

#include "ingest/tagging.h"
#include "store/store.h"

namespace nz::admin {
namespace {

using model::ArticleStatus;

std::string target(model::ArticleId id) { return "article:" + std::to_string(id); }

std::string topic_json(const model::Article& article, const std::vector<model::Topic>& topics) {
  boost::json::object o;
  o["id"] = article.id;
  boost::json::array slugs;
  for (const auto& t : topics) slugs.emplace_back(t.slug);
  o["topics"] = std::move(slugs);
  return boost::json::serialize(o);
}

// Runs `change` (which returns the article as it then stands) and its audit row in one
// transaction; the article read before it gives the row's "before".
Result<model::Article> audited(store::Store& store, const core::Clock& clock, const Actor& actor,
                               model::ArticleId id, const std::string& action,
                               const std::function<Result<model::Article>(const model::Article&)>&
                                   change) {
  model::Article after;
  auto done = store.atomically([&]() -> Status {
    auto before = store.find_article(id);
    if (!before) return before.error();
    auto changed = change(*before);
    if (!changed) return changed.error();
    after = std::move(*changed);
    return record_change(store, clock, actor, action, target(id), article_json(*before),
                         article_json(after));
  });
  if (!done) return done.error();
  return after;
}

}  // namespace

std::string_view to_string(Decision decision) {
  switch (decision) {
    case Decision::kApprove: return "approve";
    case Decision::kReject: return "reject";
    case Decision::kWithdraw: return "withdraw";
    case Decision::kRestore: return "restore";
  }
  return "approve";
}

bool needs_reason(Decision decision) {
  return decision == Decision::kReject || decision == Decision::kWithdraw;
}

std::string status_label(const model::Article& article) {
  if (model::is_rejected(article)) return "rejected";
  if (article.status == ArticleStatus::kWithdrawn) {
    return article.withdrawn_by == model::Actor::kPartner ? "taken down" : "withdrawn";
  }
  return std::string(model::to_string(article.status));
}

std::string refusal(const model::Article& article, Decision decision) {
  const ArticleStatus s = article.status;
  const bool rejected = model::is_rejected(article);
  const bool partner_took_down =
      s == ArticleStatus::kWithdrawn && article.withdrawn_by == model::Actor::kPartner;
  switch (decision) {
    case Decision::kApprove:
      if (s == ArticleStatus::kPending || s == ArticleStatus::kDraft || rejected) return "";
      if (s == ArticleStatus::kPublished) return "This article is already published.";
      break;
    case Decision::kReject:
      if (s == ArticleStatus::kPending || s == ArticleStatus::kDraft) return "";
      if (rejected) return "This article is already rejected.";
      if (s == ArticleStatus::kPublished) {
        return "This article is published: withdraw it instead of rejecting it.";
      }
      break;
    case Decision::kWithdraw:
      if (s == ArticleStatus::kPublished) return "";
      if (s == ArticleStatus::kPending || s == ArticleStatus::kDraft) {
        return "This article was never published: reject it instead of withdrawing it.";
      }
      if (!partner_took_down) return "This article is already withdrawn.";
      break;
    case Decision::kRestore:
      if (s == ArticleStatus::kWithdrawn && !rejected && !partner_took_down) return "";
      if (rejected) return "This article was rejected, never published: approve it instead.";
      if (!partner_took_down) return "Only a withdrawn article can be restored.";
      break;
  }
  if (partner_took_down) {
    return "Its partner took this article down; only the partner can put it back.";
  }
  return "This cannot be done to a " + status_label(article) + " article.";
}

Result<model::Article> decide(store::Store& store, const core::Clock& clock, const Actor& actor,
                              model::ArticleId id, Decision decision, std::string_view reason) {
  const std::string why = one_line(reason);
  if (needs_reason(decision)) {
    if (why.empty()) return Error::InvalidInput("Give a reason: the partner will read it.");
    if (why.size() > kMaxReasonBytes) {
      return Error::InvalidInput("The reason is too long: at most " +
                                 std::to_string(kMaxReasonBytes) + " characters.");
    }
  }
  const std::string action = "article." + std::string(to_string(decision));
  return audited(store, clock, actor, id, action,
                 [&](const model::Article& before) -> Result<model::Article> {
    if (std::string no = refusal(before, decision); !no.empty()) return Error::Conflict(no);
    const ArticleStatus status = decision == Decision::kApprove || decision == Decision::kRestore
                                     ? ArticleStatus::kPublished
                                     : ArticleStatus::kWithdrawn;
    if (auto set = store.set_article_status(id, status, model::Actor::kEditor); !set) {
      return set.error();
    }
    if (needs_reason(decision)) {
      if (auto set = store.set_status_reason(id, why); !set) return set.error();
    }
    return store.find_article(id);
  });
}

Result<model::Article> edit(store::Store& store, const core::Clock& clock, const Actor& actor,
                            model::ArticleId id, std::string_view headline,
                            std::string_view standfirst, bool then_approve) {
  const std::string new_headline = one_line(headline);
  const std::string new_standfirst = one_line(standfirst);
  if (new_headline.empty()) return Error::InvalidInput("The headline cannot be empty.");
  if (new_headline.size() > kMaxHeadlineBytes) {
    return Error::InvalidInput("The headline is too long: at most " +
                               std::to_string(kMaxHeadlineBytes) + " characters.");
  }
  if (new_standfirst.size() > kMaxStandfirstBytes) {
    return Error::InvalidInput("The standfirst is too long: at most " +
                               std::to_string(kMaxStandfirstBytes) + " characters.");
  }
  if (!actor.user_id) return Error::InvalidInput("An edit is made by a signed-in editor.");
  model::Article result;
  auto done = store.atomically([&]() -> Status {
    auto before = store.find_article(id);
    if (!before) return before.error();
    if (before->content.headline != new_headline ||
        before->content.standfirst != new_standfirst) {
      model::ArticleContent content = before->content;
      content.headline = new_headline;
      content.standfirst = new_standfirst;
      auto saved = store.edit_article(id, content, *actor.user_id);
      if (!saved) return saved.error();
      if (auto logged = record_change(store, clock, actor, "article.edit", target(id),
                                      article_json(*before), article_json(saved->article));
          !logged) {
        return logged;
      }
      result = saved->article;
    } else {
      result = *before;
    }
    if (then_approve) {
      auto approved = decide(store, clock, actor, id, Decision::kApprove, "");
      if (!approved) return approved.error();
      result = *approved;
    }
    return Ok();
  });
  if (!done) return done.error();
  return result;
}

Result<model::Topic> add_topic(store::Store& store, const core::Clock& clock,
                               const Actor& actor, model::ArticleId id, std::string_view name) {
  const std::string wanted = one_line(name);
  if (wanted.empty()) return Error::InvalidInput("Name a topic to add.");
  if (wanted.size() > kMaxTopicBytes) {
    return Error::InvalidInput("The topic's name is too long: at most " +
                               std::to_string(kMaxTopicBytes) + " characters.");
  }
  model::Topic added;
  auto done = store.atomically([&]() -> Status {
    auto article = store.find_article(id);
    if (!article) return article.error();
    auto before = store.topics_of(id);
    if (!before) return before.error();
    auto topic = ingest::find_or_create_topic(store, wanted);
    if (!topic) return topic.error();
    added = *topic;
    if (auto tagged = store.tag_article(id, topic->id, model::TagSource::kEditor); !tagged) {
      return tagged;
    }
    auto after = store.topics_of(id);
    if (!after) return after.error();
    return record_change(store, clock, actor, "article.tag", target(id),
                         topic_json(*article, *before), topic_json(*article, *after));
  });
  if (!done) return done.error();
  return added;
}

Status remove_topic(store::Store& store, const core::Clock& clock, const Actor& actor,
                    model::ArticleId id, model::TopicId topic) {
  return store.atomically([&]() -> Status {
    auto article = store.find_article(id);
    if (!article) return article.error();
    auto before = store.topics_of(id);
    if (!before) return before.error();
    if (std::none_of(before->begin(), before->end(),
                     [&](const model::Topic& t) { return t.id == topic; })) {
      return Error::NotFound("This article does not carry that topic.");
    }
    if (auto removed = store.untag_article(id, topic); !removed) return removed;
    auto after = store.topics_of(id);
    if (!after) return after.error();
    return record_change(store, clock, actor, "article.untag", target(id),
                         topic_json(*article, *before), topic_json(*article, *after));
  });
}

std::string article_json(const model::Article& article) {
  boost::json::object o;
  o["id"] = article.id;
  o["status"] = status_label(article);
  o["reason"] = article.status_reason;
  o["version"] = article.version;
  o["headline"] = article.content.headline;
  o["standfirst"] = article.content.standfirst;
  return boost::json::serialize(o);
}

std::string one_line(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

}  // namespace nz::admin
