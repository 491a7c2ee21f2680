// TopicStore keeps topics and the tags linking articles to them. Thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "core/result.h"
#include "model/article.h"
#include "model/topic.h"

namespace nz::store {

class TopicStore {
 public:
  virtual ~TopicStore() = default;
  // Returns the topic with topic.kind and topic.key, creating it when new (name and slug are
  // taken from the argument then; an existing topic keeps its own). kInvalidInput on an empty
  // key, name or invalid slug; kConflict when the slug belongs to another topic.
  virtual Result<model::Topic> upsert_topic(const model::Topic& topic) = 0;
  virtual Result<model::Topic> find_topic(model::TopicId id) = 0;                 // kNotFound
  virtual Result<model::Topic> find_topic_by_slug(std::string_view slug) = 0;    // kNotFound
  virtual Result<model::Topic> find_topic_by_key(model::TopicKind kind,
                                                 std::string_view key) = 0;      // kNotFound
  // Tags an article; tagging again with another source keeps the editor's source when
  // either is kEditor. kNotFound when the article or topic does not exist.
  virtual Status tag_article(model::ArticleId article, model::TopicId topic,
                             model::TagSource source) = 0;
  // An editor removes a tag: the article loses the topic, and neither the tagger nor the
  // zone gives it back (only an editor's tag_article does). kNotFound as for tag_article.
  virtual Status untag_article(model::ArticleId article, model::TopicId topic) = 0;
  // The tagger's topics for an article, replacing the tagger's earlier ones; tags from the
  // zone and from editors (including removals) are left as they are. kNotFound when the
  // article does not exist.
  virtual Status set_tagger_topics(model::ArticleId article,
                                   const std::vector<model::TopicId>& topics) = 0;
  // The topics of an article, ordered by name.
  virtual Result<std::vector<model::Topic>> topics_of(model::ArticleId article) = 0;
};

}  // namespace nz::store
