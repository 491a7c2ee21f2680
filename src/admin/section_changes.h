// Creating and changing sections and partner zones, each change written to the audit log in
// the same transaction (as admin/accounts.h does for users). One set of checks for the CLI
// (`newszone section add`, `zone add | set`) and the admin's pages (/admin/sections).
//
// Settings arrive as text, as a person typed them (flags or form fields); unset ones leave
// the field alone. Error messages name the setting through a FieldNamer, so that the CLI says
// "--contract-end ..." and a form "Contract end ...".
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "admin/accounts.h"
#include "core/result.h"
#include "model/section.h"

namespace nz::core { class Clock; }
namespace nz::store { class Store; }

namespace nz::admin {

// The name a person knows a setting by, given its key ("title", "contract-end", ...: the CLI
// flag without its dashes).
using FieldNamer = std::string (*)(std::string_view key);
std::string flag_name(std::string_view key);  // "--contract-end"

// Bounds on what a person may type, in bytes.
inline constexpr size_t kMaxSlug = 80;
inline constexpr size_t kMaxSectionTitle = 200;
inline constexpr size_t kMaxSectionDescription = 500;
inline constexpr size_t kMaxLabelTemplate = 1000;
inline constexpr size_t kMaxLinkRel = 100;
inline constexpr size_t kMaxTopicSpec = 200;

struct SectionChanges {
  std::optional<std::string> title, description, partner, topic, topic_name, moderation,
      contract_start, contract_end, attribution, disclaimer, link_rel, canonical;
  std::optional<bool> noindex, paid_content;
  std::optional<int> position;
};

// kInvalidInput unless `slug` can name a new section: a slug (core::is_valid_slug) of at most
// kMaxSlug bytes that no path of the server's own takes (store::is_reserved_section_slug).
Status check_section_slug(std::string_view slug, FieldNamer name = flag_name);

// Applies the settings that need no store: text lengths, dates (YYYY-MM-DD, end not before
// start), moderation and canonical policies, link policy, noindex, paid content, position.
// Zone-only settings on an editorial section are kInvalidInput. On failure `section` may be
// partly changed: pass a copy.
Status apply_section_fields(const SectionChanges& changes, model::Section& section,
                            FieldNamer name = flag_name);

// apply_section_fields, then the partner (by slug or name: kNotFound when unknown) and the
// topic (KIND:KEY, topics::parse_topic_spec; stored when new, so call it inside the change's
// transaction).
Status apply_section_changes(store::Store& store, const SectionChanges& changes,
                             model::Section& section, FieldNamer name = flag_name);

// Stores a new section or zone (`kind`, `slug`, the changes applied) and appends
// "section.add" with it, in one transaction. The store's kConflict for a taken slug.
Result<model::Section> create_section(store::Store& store, const core::Clock& clock,
                                      model::SectionKind kind, std::string slug,
                                      const SectionChanges& changes, const Actor& actor,
                                      FieldNamer name = flag_name);

// Changes section `id` and appends "section.update" with it before and after, in one
// transaction; a change that changes nothing records nothing. kNotFound.
Result<model::Section> update_section(store::Store& store, const core::Clock& clock,
                                      model::SectionId id, const SectionChanges& changes,
                                      const Actor& actor, FieldNamer name = flag_name);

// The section as the audit log records it: every setting.
std::string section_json(const model::Section& section);

}  // namespace nz::admin
