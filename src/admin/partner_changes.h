// Creating and changing partners, each change written to the audit log in the same
// transaction. Called by the CLI (`newszone partner add`) and the admin (/admin/partners).
#pragma once

#include <optional>
#include <string>

#include "admin/accounts.h"
#include "admin/section_changes.h"
#include "core/result.h"
#include "model/partner.h"

namespace nz::admin {

inline constexpr size_t kMaxPartnerName = 200;
inline constexpr size_t kMaxPartnerUrl = 2000;

// Checks a partner's name (1..kMaxPartnerName bytes) and home page (empty, or an absolute
// http(s) URL of at most kMaxPartnerUrl bytes). kInvalidInput naming the field.
Status check_partner(const model::Partner& partner, FieldNamer name = flag_name);

// Stores a new partner (slug: as check_section_slug's rules, reserved names aside) and
// appends "partner.add", in one transaction. The store's kConflict for a taken slug or name.
Result<model::Partner> create_partner(store::Store& store, const core::Clock& clock,
                                      const model::Partner& partner, const Actor& actor,
                                      FieldNamer name = flag_name);

struct PartnerChanges {
  std::optional<std::string> name, url;
};

// Changes partner `id` and appends "partner.update" with it before and after, in one
// transaction; nothing changed records nothing. kNotFound; kConflict for a taken name.
Result<model::Partner> update_partner(store::Store& store, const core::Clock& clock,
                                      model::PartnerId id, const PartnerChanges& changes,
                                      const Actor& actor, FieldNamer name = flag_name);

// The partner as the audit log records it: id, slug, name, url.
std::string partner_json(const model::Partner& partner);

}  // namespace nz::admin
