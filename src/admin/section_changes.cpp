#include "admin/section_changes.h"

#include <boost/json.hpp>

#include "core/rfc3339.h"
#include "core/slug.h"
#include "store/store.h"
#include "topics/topic_spec.h"

namespace nz::admin {
namespace {

Status check_length(FieldNamer name, std::string_view key, const std::optional<std::string>& text,
                    size_t max) {
  if (text && text->size() > max) {
    return Error::InvalidInput(name(key) + " is too long: at most " + std::to_string(max) +
                               " characters, not " + std::to_string(text->size()));
  }
  return Ok();
}

Status check_date(FieldNamer name, std::string_view key, const std::optional<std::string>& date) {
  if (!date || date->empty()) return Ok();
  if (date->size() != 10 || !core::parse_rfc3339(*date)) {
    return Error::InvalidInput(name(key) + " must be a date YYYY-MM-DD, not \"" + *date + "\"");
  }
  return Ok();
}

void set_or_null(boost::json::object& o, std::string_view key,
                 const std::optional<std::string>& value) {
  if (value) {
    o[key] = *value;
  } else {
    o[key] = nullptr;
  }
}

}  // namespace

std::string flag_name(std::string_view key) { return "--" + std::string(key); }

Status check_section_slug(std::string_view slug, FieldNamer name) {
  if (slug.size() > kMaxSlug) {
    return Error::InvalidInput(name("slug") + " is too long: at most " +
                               std::to_string(kMaxSlug) + " characters");
  }
  if (!core::is_valid_slug(slug)) {
    return Error::InvalidInput(name("slug") + " \"" + std::string(slug) +
                               "\" is not a slug: use lowercase letters, digits and single "
                               "hyphens, e.g. china-news-zone");
  }
  if (store::is_reserved_section_slug(slug)) {
    return Error::InvalidInput(name("slug") + " \"" + std::string(slug) +
                               "\" is reserved: the server's own pages use /" +
                               std::string(slug) + "/");
  }
  return Ok();
}

Status apply_section_fields(const SectionChanges& c, model::Section& section, FieldNamer name) {
  for (auto [key, text, max] : {std::tuple{"title", &c.title, kMaxSectionTitle},
                                {"description", &c.description, kMaxSectionDescription},
                                {"attribution", &c.attribution, kMaxLabelTemplate},
                                {"disclaimer", &c.disclaimer, kMaxLabelTemplate},
                                {"link-rel", &c.link_rel, kMaxLinkRel},
                                {"partner", &c.partner, kMaxSectionTitle},
                                {"topic", &c.topic, kMaxTopicSpec},
                                {"topic-name", &c.topic_name, kMaxSectionTitle}}) {
    if (auto ok = check_length(name, key, *text, max); !ok) return ok;
  }
  if (!section.is_zone()) {
    for (auto [key, set] : {std::pair{"partner", c.partner.has_value()},
                            {"topic", c.topic.has_value()},
                            {"moderation", c.moderation.has_value()},
                            {"contract-start", c.contract_start.has_value()},
                            {"contract-end", c.contract_end.has_value()},
                            {"attribution", c.attribution.has_value()},
                            {"disclaimer", c.disclaimer.has_value()},
                            {"link-rel", c.link_rel.has_value()},
                            {"paid-content", c.paid_content.has_value()},
                            {"canonical", c.canonical.has_value()}}) {
      if (set) {
        return Error::InvalidInput(name(key) + " is a setting of partner zones; \"" +
                                   section.slug + "\" is an editorial section");
      }
    }
  }
  if (c.title) {
    if (c.title->empty()) return Error::InvalidInput(name("title") + " must not be empty");
    section.title = *c.title;
  }
  if (c.description) section.description = *c.description;
  if (c.moderation) {
    auto policy = model::parse_moderation_policy(*c.moderation);
    if (!policy) {
      return Error::InvalidInput(name("moderation") + " must be auto-publish or hold-for-review");
    }
    section.moderation = *policy;
  }
  if (auto ok = check_date(name, "contract-start", c.contract_start); !ok) return ok;
  if (auto ok = check_date(name, "contract-end", c.contract_end); !ok) return ok;
  auto date_or_none = [](const std::string& d) {
    return d.empty() ? std::nullopt : std::optional<std::string>(d);
  };
  if (c.contract_start) section.contract_start = date_or_none(*c.contract_start);
  if (c.contract_end) section.contract_end = date_or_none(*c.contract_end);
  if (section.contract_start && section.contract_end &&
      *section.contract_end < *section.contract_start) {
    return Error::InvalidInput(name("contract-end") + " (" + *section.contract_end +
                               ") is before " + name("contract-start") + " (" +
                               *section.contract_start + ")");
  }
  if (c.attribution) section.attribution_template = *c.attribution;
  if (c.disclaimer) section.disclaimer_template = *c.disclaimer;
  if (c.noindex) section.noindex = *c.noindex;
  if (c.link_rel) {
    if (!model::is_valid_link_rel(*c.link_rel)) {
      return Error::InvalidInput(name("link-rel") + " \"" + *c.link_rel +
                                 "\" may use only sponsored, nofollow, ugc, noopener, "
                                 "noreferrer and external");
    }
    section.link_rel = *c.link_rel;
  }
  if (c.paid_content) section.paid_content = *c.paid_content;
  if (c.canonical) {
    auto policy = model::parse_canonical_policy(*c.canonical);
    if (!policy) return Error::InvalidInput(name("canonical") + " must be host or partner");
    section.canonical = *policy;
  }
  if (c.position) section.position = *c.position;
  return Ok();
}

Status apply_section_changes(store::Store& store, const SectionChanges& c,
                             model::Section& section, FieldNamer name) {
  if (auto ok = apply_section_fields(c, section, name); !ok) return ok;
  if (c.partner) {
    if (c.partner->empty()) {
      return Error::InvalidInput(name("partner") + " is required: a zone's articles come from "
                                 "a partner");
    }
    auto partner = store.find_partner_by_name(*c.partner);
    if (!partner) {
      if (partner.error().code != ErrorCode::kNotFound) return partner.error();
      return Error::NotFound(name("partner") + ": no partner \"" + *c.partner +
                             "\"; add it first (`newszone partner add --name ...` or "
                             "/admin/partners)");
    }
    section.partner_id = partner->id;
  }
  if (c.topic) {
    if (c.topic->empty()) {
      section.topic_id = std::nullopt;
    } else {
      auto spec = topics::parse_topic_spec(*c.topic, c.topic_name);
      if (!spec) return spec.error().with_context(name("topic"));
      auto topic = store.upsert_topic(*spec);
      if (!topic) return topic.error();
      section.topic_id = topic->id;
    }
  }
  return Ok();
}

Result<model::Section> create_section(store::Store& store, const core::Clock& clock,
                                      model::SectionKind kind, std::string slug,
                                      const SectionChanges& changes, const Actor& actor,
                                      FieldNamer name) {
  if (auto ok = check_section_slug(slug, name); !ok) return ok.error();
  model::Section added;
  Status done = store.atomically([&]() -> Status {
    model::Section section{.slug = slug, .kind = kind};
    if (auto ok = apply_section_changes(store, changes, section, name); !ok) return ok;
    if (section.title.empty()) return Error::InvalidInput(name("title") + " is required");
    if (section.is_zone() && !section.partner_id) {
      return Error::InvalidInput(name("partner") + " is required: a zone's articles come from "
                                 "a partner");
    }
    auto stored = store.add_section(section);
    if (!stored) return stored.error();
    added = *stored;
    return record_change(store, clock, actor, "section.add",
                         "section:" + std::to_string(added.id), "", section_json(added));
  });
  if (!done) return done.error();
  return added;
}

Result<model::Section> update_section(store::Store& store, const core::Clock& clock,
                                      model::SectionId id, const SectionChanges& changes,
                                      const Actor& actor, FieldNamer name) {
  model::Section after;
  Status done = store.atomically([&]() -> Status {
    auto before = store.find_section(id);
    if (!before) return before.error();
    after = *before;
    if (auto ok = apply_section_changes(store, changes, after, name); !ok) return ok;
    const std::string before_json = section_json(*before);
    const std::string after_json = section_json(after);
    if (before_json == after_json) return Ok();  // nothing changes, nothing to record
    if (auto saved = store.update_section(after); !saved) return saved;
    return record_change(store, clock, actor, "section.update",
                         "section:" + std::to_string(id), before_json, after_json);
  });
  if (!done) return done.error();
  return after;
}

std::string section_json(const model::Section& s) {
  boost::json::object o;
  o["id"] = s.id;
  o["slug"] = s.slug;
  o["kind"] = std::string(model::to_string(s.kind));
  o["title"] = s.title;
  o["description"] = s.description;
  o["position"] = s.position;
  if (s.is_zone()) {
    if (s.partner_id) {
      o["partner_id"] = *s.partner_id;
    } else {
      o["partner_id"] = nullptr;
    }
    o["attribution"] = s.attribution_template;
    o["disclaimer"] = s.disclaimer_template;
    if (s.topic_id) {
      o["topic_id"] = *s.topic_id;
    } else {
      o["topic_id"] = nullptr;
    }
    o["moderation"] = std::string(model::to_string(s.moderation));
    set_or_null(o, "contract_start", s.contract_start);
    set_or_null(o, "contract_end", s.contract_end);
    o["link_rel"] = s.link_rel;
    o["paid_content"] = s.paid_content;
    o["canonical"] = std::string(model::to_string(s.canonical));
  }
  o["noindex"] = s.noindex;
  return boost::json::serialize(o);
}

}  // namespace nz::admin
