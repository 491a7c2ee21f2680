// Topic: what an article is about (a country, an organization, a person or a subject), and
// the tag linking an article to one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nz::model {

using TopicId = int64_t;

enum class TopicKind { kCountry, kOrganization, kPerson, kSubject };

// "country", "organization", "person", "subject".
std::string_view to_string(TopicKind kind);
std::optional<TopicKind> parse_topic_kind(std::string_view text);

struct Topic {
  TopicId id = 0;   // assigned by the store
  TopicKind kind = TopicKind::kSubject;
  std::string key;  // unique within kind: ISO 3166-1 alpha-2 for countries ("CN"), else a slug
  std::string name; // "China"
  std::string slug; // "china", unique across topics; the page is /topics/{slug}
};

// Who put a tag on an article; an editor's decision is never overwritten by re-tagging.
enum class TagSource { kZone, kTagger, kEditor };

}  // namespace nz::model
