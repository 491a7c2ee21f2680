// Topics for ingested and stored articles: the text the tagger reads, the tagger's topics
// as stored topics, and re-tagging a stored article (issue 5).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "model/article.h"
#include "store/store.h"

namespace nz::ingest {

// The words of sanitized HTML (the sanitizer's own output), cheaply, for fingerprints,
// topics and emptiness checks, with a newline where a block ends.
std::string text_of_sanitized(std::string_view html);

// The gazetteer's topics (indexes into topics::Gazetteer::embedded().topics()) for an
// article with this headline and text (text_of_sanitized of its body).
std::vector<size_t> find_topics(std::string_view headline, std::string_view text);

// Stored topic ids for gazetteer topics, each created in the store on first use.
class TopicIds {
 public:
  explicit TopicIds(store::Store& store) : store_(store) {}
  Result<model::TopicId> get(size_t topic);
  // After a rollback: topics created inside it are gone again.
  void forget() { ids_.clear(); }

 private:
  store::Store& store_;
  std::map<size_t, model::TopicId> ids_;
};

// Runs the tagger on a stored article again and stores its topics (the tagger's earlier ones
// replaced; the zone's and editors' kept). Returns the number of tagger topics.
Result<size_t> retag_article(store::Store& store, const model::Article& article, TopicIds& ids);

// The topic an editor names (the CLI's `newszone tag add`, the admin's article view): one the
// store knows by slug, else one of the gazetteer's by slug, a country's ISO code (CN) or its
// name in any letter case, created in the store on first use. kNotFound when none matches.
Result<model::Topic> find_or_create_topic(store::Store& store, std::string_view name);

}  // namespace nz::ingest
