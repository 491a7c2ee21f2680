#include "web/surrogate_keys.h"

#include <algorithm>

namespace nz::web {

std::string article_key(model::ArticleId id) { return "a" + std::to_string(id); }
std::string section_key(model::SectionId id) { return "s" + std::to_string(id); }
std::string topic_key(model::TopicId id) { return "t" + std::to_string(id); }

SurrogateKeys& SurrogateKeys::add(std::string key) {
  if (std::find(keys_.begin(), keys_.end(), key) == keys_.end()) keys_.push_back(std::move(key));
  return *this;
}

SurrogateKeys& SurrogateKeys::add_articles(const std::vector<model::Article>& articles) {
  for (const auto& article : articles) add(article_key(article.id));
  return *this;
}

void SurrogateKeys::apply(http::Response& response) const {
  if (keys_.empty()) return;
  std::string space, comma;
  for (const auto& key : keys_) {
    if (!space.empty()) {
      space += ' ';
      comma += ',';
    }
    space += key;
    comma += key;
  }
  response.set_header("Surrogate-Key", std::move(space));
  response.set_header("Cache-Tag", std::move(comma));
}

std::vector<std::string> keys_of_change(const model::Article& article,
                                        const std::vector<model::Topic>& topics) {
  SurrogateKeys keys;
  keys.add(article_key(article.id)).add(section_key(article.section_id));
  for (const auto& topic : topics) keys.add(topic_key(topic.id));
  keys.add(std::string(kSiteKey)).add(std::string(kSitemapsKey));
  return keys.keys();
}

}  // namespace nz::web
