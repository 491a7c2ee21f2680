#include <algorithm>

#include "model/article.h"
#include "model/delivery.h"
#include "model/source.h"
#include "model/section.h"
#include "model/topic.h"
#include "model/user.h"

namespace nz::model {

std::string_view to_string(TopicKind kind) {
  switch (kind) {
    case TopicKind::kCountry: return "country";
    case TopicKind::kOrganization: return "organization";
    case TopicKind::kPerson: return "person";
    case TopicKind::kSubject: return "subject";
  }
  return "subject";
}

std::optional<TopicKind> parse_topic_kind(std::string_view text) {
  for (auto k : {TopicKind::kCountry, TopicKind::kOrganization, TopicKind::kPerson,
                 TopicKind::kSubject}) {
    if (to_string(k) == text) return k;
  }
  return std::nullopt;
}

std::string_view to_string(SectionKind kind) {
  return kind == SectionKind::kPartnerZone ? "zone" : "editorial";
}

std::string_view to_string(ModerationPolicy policy) {
  return policy == ModerationPolicy::kHoldForReview ? "hold-for-review" : "auto-publish";
}

std::optional<ModerationPolicy> parse_moderation_policy(std::string_view text) {
  if (text == "auto-publish") return ModerationPolicy::kAutoPublish;
  if (text == "hold-for-review") return ModerationPolicy::kHoldForReview;
  return std::nullopt;
}

std::string_view to_string(CanonicalPolicy policy) {
  return policy == CanonicalPolicy::kPartner ? "partner" : "host";
}

std::optional<CanonicalPolicy> parse_canonical_policy(std::string_view text) {
  if (text == "host") return CanonicalPolicy::kHost;
  if (text == "partner") return CanonicalPolicy::kPartner;
  return std::nullopt;
}

std::string_view to_string(ArticleStatus status) {
  switch (status) {
    case ArticleStatus::kDraft: return "draft";
    case ArticleStatus::kPending: return "pending";
    case ArticleStatus::kPublished: return "published";
    case ArticleStatus::kWithdrawn: return "withdrawn";
  }
  return "draft";
}

std::optional<ArticleStatus> parse_article_status(std::string_view text) {
  for (auto s : {ArticleStatus::kDraft, ArticleStatus::kPending, ArticleStatus::kPublished,
                 ArticleStatus::kWithdrawn}) {
    if (to_string(s) == text) return s;
  }
  return std::nullopt;
}

std::string_view to_string(Actor actor) {
  return actor == Actor::kPartner ? "partner" : "editor";
}

std::optional<Actor> parse_actor(std::string_view text) {
  if (text == "editor") return Actor::kEditor;
  if (text == "partner") return Actor::kPartner;
  return std::nullopt;
}

std::string_view to_string(Channel channel) {
  switch (channel) {
    case Channel::kPush: return "push";
    case Channel::kPoll: return "poll";
    case Channel::kFile: return "file";
  }
  return "file";
}

std::optional<Channel> parse_channel(std::string_view text) {
  for (auto c : {Channel::kPush, Channel::kPoll, Channel::kFile}) {
    if (to_string(c) == text) return c;
  }
  return std::nullopt;
}

std::string_view to_string(IdentityKey key) {
  switch (key) {
    case IdentityKey::kGuid: return "guid";
    case IdentityKey::kLink: return "link";
    case IdentityKey::kLinkWithoutQuery: return "link-without-query";
  }
  return "guid";
}

std::optional<IdentityKey> parse_identity_key(std::string_view text) {
  for (auto k : {IdentityKey::kGuid, IdentityKey::kLink, IdentityKey::kLinkWithoutQuery}) {
    if (to_string(k) == text) return k;
  }
  return std::nullopt;
}

std::string_view to_string(WebSub::State state) {
  switch (state) {
    case WebSub::State::kNone: return "";
    case WebSub::State::kRequested: return "requested";
    case WebSub::State::kActive: return "active";
    case WebSub::State::kDenied: return "denied";
    case WebSub::State::kFailed: return "failed";
  }
  return "";
}

std::optional<WebSub::State> parse_websub_state(std::string_view text) {
  for (auto s : {WebSub::State::kNone, WebSub::State::kRequested, WebSub::State::kActive,
                 WebSub::State::kDenied, WebSub::State::kFailed}) {
    if (to_string(s) == text) return s;
  }
  return std::nullopt;
}

bool is_valid_link_rel(std::string_view rel) {
  static constexpr std::string_view kAllowed[] = {"sponsored", "nofollow",   "ugc",
                                                  "noopener",  "noreferrer", "external"};
  while (!rel.empty()) {
    size_t space = rel.find(' ');
    std::string_view word = rel.substr(0, space);
    rel = space == std::string_view::npos ? std::string_view() : rel.substr(space + 1);
    if (word.empty()) continue;
    if (std::find(std::begin(kAllowed), std::end(kAllowed), word) == std::end(kAllowed)) {
      return false;
    }
  }
  return true;
}

std::string_view to_string(Role role) {
  switch (role) {
    case Role::kAdmin: return "admin";
    case Role::kEditor: return "editor";
    case Role::kPartner: return "partner";
  }
  return "partner";
}

std::optional<Role> parse_role(std::string_view text) {
  for (auto r : {Role::kAdmin, Role::kEditor, Role::kPartner}) {
    if (to_string(r) == text) return r;
  }
  return std::nullopt;
}

std::string_view to_string(ActorKind kind) {
  switch (kind) {
    case ActorKind::kUser: return "user";
    case ActorKind::kToken: return "token";
    case ActorKind::kCli: return "cli";
  }
  return "cli";
}

std::optional<ActorKind> parse_actor_kind(std::string_view text) {
  for (auto k : {ActorKind::kUser, ActorKind::kToken, ActorKind::kCli}) {
    if (to_string(k) == text) return k;
  }
  return std::nullopt;
}

}  // namespace nz::model
