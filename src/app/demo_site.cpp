#include "app/demo_site.h"

#include <boost/json.hpp>

#include "app/article_json.h"
#include "app/import.h"
#include "topics/topic_spec.h"

namespace nz::app {

// Generated at build time from demo/demo_site.json.
extern const char* const kDemoSiteJson;

namespace {

std::string str(const boost::json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

Result<bool> seed_demo_site(store::Store& store, const core::Clock& clock) {
  boost::system::error_code ec;
  boost::json::value doc = boost::json::parse(kDemoSiteJson, ec);
  if (ec || !doc.is_object()) return Error::Internal("demo site data is not JSON");
  const auto& root = doc.as_object();

  // A store with any section that is not the demo's holds a real site: leave it alone. One
  // whose sections are all the demo's may be a seeding cut short (a crash, kill -9): every
  // step below finds what exists and adds only what is missing, so seeding completes.
  auto existing = store.list_sections();
  if (!existing) return existing.error();
  for (const auto& section : *existing) {
    bool is_demo = false;
    for (const auto& s : root.at("sections").as_array()) {
      if (str(s.as_object(), "slug") == section.slug) is_demo = true;
    }
    if (!is_demo) return false;
  }
  bool changed = false;

  for (const auto& p : root.at("partners").as_array()) {
    const auto& o = p.as_object();
    if (store.find_partner_by_name(str(o, "slug"))) continue;
    auto added = store.add_partner(
        {.slug = str(o, "slug"), .name = str(o, "name"), .url = str(o, "url")});
    if (!added) return added.error().with_context("demo partner");
    changed = true;
  }
  for (const auto& s : root.at("sections").as_array()) {
    const auto& o = s.as_object();
    if (store.find_section_by_slug(str(o, "slug"))) continue;
    model::Section section{.slug = str(o, "slug"),
                           .title = str(o, "title"),
                           .description = str(o, "description")};
    if (const auto* pos = o.if_contains("position"); pos && pos->is_int64()) {
      section.position = static_cast<int>(pos->as_int64());
    }
    if (str(o, "kind") == "zone") {
      section.kind = model::SectionKind::kPartnerZone;
      auto partner = store.find_partner_by_name(str(o, "partner"));
      if (!partner) return partner.error().with_context("demo zone partner");
      section.partner_id = partner->id;
      auto spec = topics::parse_topic_spec(str(o, "topic"));
      if (!spec) return spec.error();
      auto topic = store.upsert_topic(*spec);
      if (!topic) return topic.error();
      section.topic_id = topic->id;
      if (auto start = str(o, "contract_start"); !start.empty()) section.contract_start = start;
    }
    auto added = store.add_section(section);
    if (!added) return added.error().with_context("demo section");
    changed = true;
  }
  for (const auto& a : root.at("articles").as_array()) {
    auto item = article_from_json(a.as_object(), clock.now());
    if (!item) return item.error().with_context("demo article");
    auto saved = import_article(store, *item);
    if (!saved) return saved.error().with_context("demo article " + item->article.guid);
    if (saved->outcome != store::SaveOutcome::kUnchanged) changed = true;
  }

  // The site's settings last, and only while they are still the defaults: an editor's
  // `newszone site set` is never undone by serving with --demo again.
  auto current = store.get_site();
  if (!current) return current.error();
  if (current->name == model::Site{}.name) {
    const auto& site_json = root.at("site").as_object();
    model::Site site{.name = str(site_json, "name"),
                     .base_url = str(site_json, "base_url"),
                     .language = str(site_json, "language"),
                     .tagline = str(site_json, "tagline")};
    if (auto s = store.set_site(site); !s) return s.error();
    changed = true;
  }
  return changed;
}

}  // namespace nz::app
