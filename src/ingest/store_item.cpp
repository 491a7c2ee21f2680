#include "ingest/store_item.h"

namespace nz::ingest {

Result<store::SaveResult> store_item(store::Store& store, const model::Section& section,
                                     model::Article article,
                                     std::span<const model::Topic> topics) {
  article.section_id = section.id;
  if (section.is_zone() && section.moderation == model::ModerationPolicy::kHoldForReview &&
      article.status == model::ArticleStatus::kPublished) {
    article.status = model::ArticleStatus::kPending;
  }
  // Everything arriving here comes from the partner (or an import standing in for one): a
  // withdrawn item is the partner's take-down, never an editor's tombstone.
  if (article.status == model::ArticleStatus::kWithdrawn) {
    article.withdrawn_by = model::Actor::kPartner;
  }
  auto saved = store.save_article(article);
  if (!saved) return saved.error();
  // The store writes no status for unchanged content; a partner's take-down of an unchanged
  // item, and the partner lifting its own take-down, are applied here. An editor's
  // withdrawal is left alone.
  const model::Article& stored = saved->article;
  const bool partner_took_down = stored.status == model::ArticleStatus::kWithdrawn &&
                                 stored.withdrawn_by == model::Actor::kPartner;
  const bool take_down = article.status == model::ArticleStatus::kWithdrawn &&
                         stored.status != model::ArticleStatus::kWithdrawn;
  const bool lift = partner_took_down && article.status != model::ArticleStatus::kWithdrawn;
  if (take_down || lift) {
    if (auto changed =
            store.set_article_status(stored.id, article.status, model::Actor::kPartner);
        !changed) {
      return changed.error();
    }
    saved->article.status = article.status;
    saved->article.withdrawn_by = article.withdrawn_by;
  }
  if (section.topic_id) {
    if (auto tagged = store.tag_article(saved->article.id, *section.topic_id,
                                        model::TagSource::kZone);
        !tagged) {
      return tagged.error();
    }
  }
  for (const auto& t : topics) {
    auto topic = store.upsert_topic(t);
    if (!topic) return topic.error();
    if (topic->id == section.topic_id) continue;
    if (auto tagged = store.tag_article(saved->article.id, topic->id, model::TagSource::kEditor);
        !tagged) {
      return tagged.error();
    }
  }
  return saved;
}

}  // namespace nz::ingest
