#include "app/topic_spec.h"

#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include <boost/json.hpp>

#include "core/slug.h"

namespace nz::app {
namespace {

// iso-codes is read once per process: a few hundred entries.
Result<std::map<std::string, std::string>> load_countries() {
  std::ifstream in(kIsoCodesCountries);
  if (!in) {
    return Error::Unavailable(std::string(kIsoCodesCountries) +
                              ": cannot read; install Debian's iso-codes package "
                              "(scripts/install-deps does)");
  }
  std::stringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  boost::json::value doc = boost::json::parse(text.str(), ec);
  if (ec || !doc.is_object() || !doc.as_object().contains("3166-1")) {
    return Error::Corrupt(std::string(kIsoCodesCountries) + ": not the iso-codes format");
  }
  std::map<std::string, std::string> names;
  for (const auto& entry : doc.as_object().at("3166-1").as_array()) {
    const auto& obj = entry.as_object();
    const auto* code = obj.if_contains("alpha_2");
    const auto* name = obj.if_contains("common_name");
    if (!name) name = obj.if_contains("name");
    if (code && name && code->is_string() && name->is_string()) {
      names.emplace(std::string(code->as_string()), std::string(name->as_string()));
    }
  }
  return names;
}

}  // namespace

Result<std::string> country_name(std::string_view alpha2) {
  static std::once_flag once;
  static Result<std::map<std::string, std::string>> countries =
      Error::Internal("iso-codes not loaded");
  std::call_once(once, [] { countries = load_countries(); });
  if (!countries) return countries.error();
  auto it = countries->find(std::string(alpha2));
  if (it == countries->end()) {
    return Error::NotFound("\"" + std::string(alpha2) + "\" is not an ISO 3166-1 country code");
  }
  return it->second;
}

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
    if (name) {
      topic.name = *name;
    } else {
      auto found = country_name(topic.key);
      if (!found) return found.error();
      topic.name = *found;
    }
  } else {
    topic.key = core::slugify(topic.key);
    if (topic.key.empty()) {
      return Error::InvalidInput("topic \"" + std::string(spec) + "\" has no usable key");
    }
    topic.name = name ? *name : std::string(spec.substr(colon + 1));
  }
  topic.slug = core::slugify(topic.name);
  if (topic.slug.empty()) topic.slug = core::slugify(topic.key);
  return topic;
}

}  // namespace nz::app
