// The gazetteer: every name under which a country or an international organization appears
// in English news text, and the matcher that finds them (issue 5).
//
// Countries come from Debian's iso-codes (ISO 3166-1: name, official name, common name),
// embedded at build time; data/topics/ adds what iso-codes lacks: short names, demonyms,
// capitals and metonyms (countries.tsv), organizations with their abbreviations
// (organizations.tsv), phrases that contain a name without meaning it (phrases.tsv), and
// aliases whose meaning depends on the story (context.tsv).
//
// Matching rules, applied to plain text:
//  - word boundaries: "China" inside "Indochina" is no match; letters outside ASCII are word
//    characters, so "Turkey" inside "Turkeyä" is none either;
//  - the longest alias at a place wins, and a phrase hides what it contains: "Papua New
//    Guinea" is not Guinea, "New Mexico" is not Mexico, "Shanghai Cooperation Organization"
//    is the organization, not the city;
//  - case: a word of an alias written with a capital must start with a capital in the text
//    ("China", "CHINA", not "fine china"); an alias written all in capitals (US, UN, WHO)
//    matches only in capitals, so "us" and "who" are words;
//  - a person's name: an alias marked "~" (Chad, Jordan, Georgia, Washington) does not count
//    next to another capitalised word that is not itself an alias ("Chad Miller", "Michael
//    Jordan");
//  - context: an alias listed in context.tsv does not count in a text that contains one of
//    its words ("Georgia" beside "Atlanta").
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "model/topic.h"

namespace nz::topics {

struct TopicInfo {
  model::TopicKind kind = model::TopicKind::kCountry;
  std::string key;   // ISO 3166-1 alpha-2 for a country ("CN"); the slug for an organization
  std::string name;  // "China", "Shanghai Cooperation Organization"
  std::string slug;  // "china", "sco"
};

// One place in a text where a topic is named.
struct Mention {
  size_t topic = 0;   // index into Gazetteer::topics()
  size_t offset = 0;  // byte offset of the match in the text
  size_t length = 0;  // bytes matched
};

// The text of the data files; the embedded ones by default.
struct GazetteerData {
  std::string_view iso_3166_json;  // iso-codes' iso_3166-1.json
  std::string_view countries_tsv;
  std::string_view organizations_tsv;
  std::string_view phrases_tsv;
  std::string_view context_tsv;
};

class Gazetteer {
 public:
  // kInvalidInput naming the file and line when the data is malformed.
  static Result<Gazetteer> load(const GazetteerData& data);
  // The data embedded at build time. Built once, shared: it is immutable and thread-safe.
  static const Gazetteer& embedded();

  Gazetteer(Gazetteer&&) noexcept;
  Gazetteer& operator=(Gazetteer&&) noexcept;
  ~Gazetteer();

  const std::vector<TopicInfo>& topics() const;
  // The index of the topic of that kind and key, or -1.
  int64_t find(model::TopicKind kind, std::string_view key) const;

  // Every mention in `text`, in order. `context` is the whole article (title and body) that
  // context rules look into; it defaults to `text`.
  std::vector<Mention> mentions(std::string_view text, std::string_view context = {}) const;

 private:
  struct Impl;
  explicit Gazetteer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace nz::topics
