#include "topics/topic_spec.h"

#include "core/slug.h"
#include "topics/gazetteer.h"

namespace nz::topics {

Result<model::Topic> parse_topic_spec(std::string_view spec, std::optional<std::string> name) {
  size_t colon = spec.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == spec.size()) {
    return Error::InvalidInput("topic \"" + std::string(spec) +
                               "\" is not KIND:KEY (e.g. country:CN, organization:sco)");
  }
  auto kind = model::parse_topic_kind(spec.substr(0, colon));
  if (!kind) {
    return Error::InvalidInput("topic kind \"" + std::string(spec.substr(0, colon)) +
                               "\" is not one of country, organization, person, subject");
  }
  model::Topic topic{.kind = *kind, .key = std::string(spec.substr(colon + 1))};
  if (*kind == model::TopicKind::kCountry) {
    for (char& c : topic.key) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
  } else {
    topic.key = core::slugify(topic.key);
    if (topic.key.empty()) {
      return Error::InvalidInput("topic \"" + std::string(spec) + "\" has no usable key");
    }
  }
  // Countries and the known organizations: the gazetteer's name and slug, the same the
  // tagger uses, so that /topics/{slug} is one page whoever made the topic first.
  const topics::Gazetteer& gazetteer = topics::Gazetteer::embedded();
  if (int64_t known = gazetteer.find(topic.kind, topic.key); known >= 0) {
    const topics::TopicInfo& info = gazetteer.topics()[known];
    topic.name = name ? *name : info.name;
    topic.slug = info.slug;
    return topic;
  }
  if (*kind == model::TopicKind::kCountry) {
    return Error::NotFound("\"" + topic.key + "\" is not an ISO 3166-1 country code");
  }
  topic.name = name ? *name : std::string(spec.substr(colon + 1));
  topic.slug = core::slugify(topic.name);
  if (topic.slug.empty()) topic.slug = core::slugify(topic.key);
  return topic;
}

}  // namespace nz::topics
