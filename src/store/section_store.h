// SectionStore keeps editorial sections and partner zones. Thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "core/result.h"
#include "model/section.h"

namespace nz::store {

class SectionStore {
 public:
  virtual ~SectionStore() = default;
  // Stores a new section and returns it with its id. kConflict when the slug is taken;
  // kInvalidInput when the slug is invalid or reserved, the title empty, or a zone lacks a
  // partner; kNotFound when the partner or topic does not exist.
  virtual Result<model::Section> add_section(const model::Section& section) = 0;
  // Replaces every field of the section with section.id. kNotFound when there is none;
  // otherwise the same checks as add_section.
  virtual Status update_section(const model::Section& section) = 0;
  virtual Result<model::Section> find_section(model::SectionId id) = 0;               // kNotFound
  virtual Result<model::Section> find_section_by_slug(std::string_view slug) = 0;    // kNotFound
  // All sections and zones ordered by position, then title.
  virtual Result<std::vector<model::Section>> list_sections() = 0;
};

// Slugs that name the server's own paths and so cannot name a section.
bool is_reserved_section_slug(std::string_view slug);

}  // namespace nz::store
