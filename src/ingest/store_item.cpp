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
  auto saved = store.save_article(article);
  if (!saved) return saved.error();
  // The store writes nothing for unchanged content, status included: a take-down of an
  // unchanged item is applied here.
  if (article.status == model::ArticleStatus::kWithdrawn &&
      saved->article.status != model::ArticleStatus::kWithdrawn) {
    if (auto withdrawn =
            store.set_article_status(saved->article.id, model::ArticleStatus::kWithdrawn);
        !withdrawn) {
      return withdrawn.error();
    }
    saved->article.status = model::ArticleStatus::kWithdrawn;
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
    if (auto tagged = store.tag_article(saved->article.id, topic->id, model::TagSource::kTagger);
        !tagged) {
      return tagged.error();
    }
  }
  return saved;
}

}  // namespace nz::ingest
