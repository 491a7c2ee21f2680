#include "admin/partner_changes.h"

#include <boost/json.hpp>

#include "core/slug.h"
#include "store/store.h"
#include "web/search_engines.h"

namespace nz::admin {

Status check_partner(const model::Partner& partner, FieldNamer name) {
  if (partner.name.empty()) return Error::InvalidInput(name("name") + " must not be empty");
  if (partner.name.size() > kMaxPartnerName) {
    return Error::InvalidInput(name("name") + " is too long: at most " +
                               std::to_string(kMaxPartnerName) + " characters");
  }
  if (partner.url.size() > kMaxPartnerUrl) {
    return Error::InvalidInput(name("url") + " is too long: at most " +
                               std::to_string(kMaxPartnerUrl) + " characters");
  }
  if (!partner.url.empty() && !web::is_web_url(partner.url)) {
    return Error::InvalidInput(name("url") + " \"" + partner.url +
                               "\" is not an http:// or https:// address");
  }
  return Ok();
}

Result<model::Partner> create_partner(store::Store& store, const core::Clock& clock,
                                      const model::Partner& partner, const Actor& actor,
                                      FieldNamer name) {
  if (partner.slug.size() > kMaxSlug || !core::is_valid_slug(partner.slug)) {
    return Error::InvalidInput(name("slug") + " \"" + partner.slug +
                               "\" is not a slug: use lowercase letters, digits and single "
                               "hyphens, at most " + std::to_string(kMaxSlug) + " characters");
  }
  if (auto ok = check_partner(partner, name); !ok) return ok.error();
  model::Partner added;
  Status done = store.atomically([&]() -> Status {
    auto stored = store.add_partner(partner);
    if (!stored) return stored.error();
    added = *stored;
    return record_change(store, clock, actor, "partner.add",
                         "partner:" + std::to_string(added.id), "", partner_json(added));
  });
  if (!done) return done.error();
  return added;
}

Result<model::Partner> update_partner(store::Store& store, const core::Clock& clock,
                                      model::PartnerId id, const PartnerChanges& changes,
                                      const Actor& actor, FieldNamer name) {
  model::Partner after;
  Status done = store.atomically([&]() -> Status {
    auto before = store.find_partner(id);
    if (!before) return before.error();
    after = *before;
    if (changes.name) after.name = *changes.name;
    if (changes.url) after.url = *changes.url;
    if (auto ok = check_partner(after, name); !ok) return ok;
    const std::string before_json = partner_json(*before);
    const std::string after_json = partner_json(after);
    if (before_json == after_json) return Ok();
    if (auto saved = store.update_partner(after); !saved) return saved;
    return record_change(store, clock, actor, "partner.update",
                         "partner:" + std::to_string(id), before_json, after_json);
  });
  if (!done) return done.error();
  return after;
}

std::string partner_json(const model::Partner& partner) {
  boost::json::object o;
  o["id"] = partner.id;
  o["slug"] = partner.slug;
  o["name"] = partner.name;
  o["url"] = partner.url;
  return boost::json::serialize(o);
}

}  // namespace nz::admin
