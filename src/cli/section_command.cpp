#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "admin/section_changes.h"
#include "cli/commands.h"
#include "cli/store_access.h"
#include "cli/table.h"
#include "core/rfc3339.h"
#include "core/slug.h"

namespace nz::cli {
namespace {

// Flags shared by "zone add" and "zone set"; unset ones leave the field alone. The checks
// are admin/section_changes.h's, the same the admin's forms pass.
struct ZoneFlags : admin::SectionChanges {
  std::string slug;
};

void add_zone_options(CLI::App* cmd, ZoneFlags& f) {
  cmd->add_option("--title", f.title, "the zone's name, e.g. \"China News Zone\"");
  cmd->add_option("--description", f.description, "one line under the title");
  cmd->add_option("--partner", f.partner, "the partner's slug or name");
  cmd->add_option("--topic", f.topic, "the zone's topic as KIND:KEY, e.g. country:CN");
  cmd->add_option("--topic-name", f.topic_name, "the topic's name when it is not a country");
  cmd->add_option("--moderation", f.moderation, "auto-publish or hold-for-review");
  cmd->add_option("--contract-start", f.contract_start, "YYYY-MM-DD");
  cmd->add_option("--contract-end", f.contract_end, "YYYY-MM-DD; later, the zone shows as archived");
  cmd->add_option("--attribution", f.attribution,
                  "attribution template; {{partner}} and {{SITE}} are filled in");
  cmd->add_option("--disclaimer", f.disclaimer, "disclaimer template; {{partner}}, {{site}}, {{SITE}}");
  cmd->add_option("--noindex", f.noindex, "true to keep search engines off the zone's pages");
  cmd->add_option("--link-rel", f.link_rel,
                  "rel added to links in the partner's articles (default \"sponsored nofollow\")");
  cmd->add_option("--paid-content", f.paid_content,
                  "true when the partner pays for the zone (schema.org AdvertiserContentArticle)");
  cmd->add_option("--canonical", f.canonical,
                  "host (default) or partner: which page the zone's articles name as canonical; "
                  "partner uses each article's original URL when it has one");
  cmd->add_option("--position", f.position, "order in navigation and on the front page");
}

void list_sections(Common& common, bool zones) {
  core::SystemClock clock;
  auto store = open_store_or_report(common, clock);
  if (!store) return;
  auto sections = store->list_sections();
  if (!sections) return report(common, sections.error());
  std::vector<std::vector<std::string>> rows;
  for (const auto& s : *sections) {
    if (s.is_zone() != zones) continue;
    if (!zones) {
      rows.push_back({std::to_string(s.id), s.slug, s.title, std::to_string(s.position)});
      continue;
    }
    std::string partner = "-", topic = "-";
    if (s.partner_id) {
      if (auto p = store->find_partner(*s.partner_id)) partner = p->name;
    }
    if (s.topic_id) {
      if (auto t = store->find_topic(*s.topic_id)) {
        topic = std::string(model::to_string(t->kind)) + ":" + t->key;
      }
    }
    rows.push_back({std::to_string(s.id), s.slug, s.title, partner, topic,
                    std::string(model::to_string(s.moderation)),
                    s.contract_end ? *s.contract_end : "-", s.noindex ? "yes" : "no"});
  }
  if (zones) {
    print_table(std::cout, {"ID", "SLUG", "TITLE", "PARTNER", "TOPIC", "MODERATION", "ENDS", "NOINDEX"}, rows);
  } else {
    print_table(std::cout, {"ID", "SLUG", "TITLE", "POSITION"}, rows);
  }
}

}  // namespace

void add_section_commands(CLI::App& app, Common& common) {
  // Editorial sections.
  auto* section = app.add_subcommand("section", "manage the host's own sections");
  auto sflags = std::make_shared<ZoneFlags>();
  auto* sadd = section->add_subcommand("add", "add an editorial section");
  sadd->add_option("--slug", sflags->slug, "URL name, e.g. news (default: from the title)");
  sadd->add_option("--title", sflags->title, "the section's name")->required();
  sadd->add_option("--description", sflags->description, "one line under the title");
  sadd->add_option("--position", sflags->position, "order in navigation and on the front page");
  sadd->callback([&common, sflags] {
    core::SystemClock clock;
    auto store = open_store_or_report(common, clock);
    if (!store) return;
    const std::string slug = sflags->slug.empty() ? core::slugify(*sflags->title) : sflags->slug;
    auto added = admin::create_section(*store, clock, model::SectionKind::kEditorial, slug,
                                       *sflags, admin::Actor::cli());
    if (!added) return report(common, added.error());
    std::cout << "section " << added->slug << " added: /" << added->slug << "/\n";
  });
  section->add_subcommand("list", "list editorial sections")->callback([&common] {
    list_sections(common, false);
  });

  // Partner zones.
  auto* zone = app.add_subcommand("zone", "manage partner zones");
  auto zflags = std::make_shared<ZoneFlags>();
  auto* zadd = zone->add_subcommand("add", "add a partner zone");
  zadd->add_option("--slug", zflags->slug, "URL name, e.g. china-news-zone (default: from the title)");
  add_zone_options(zadd, *zflags);
  zadd->get_option("--title")->required();
  zadd->get_option("--partner")->required();
  zadd->callback([&common, zflags] {
    core::SystemClock clock;
    auto store = open_store_or_report(common, clock);
    if (!store) return;
    const std::string slug = zflags->slug.empty() ? core::slugify(*zflags->title) : zflags->slug;
    auto added = admin::create_section(*store, clock, model::SectionKind::kPartnerZone, slug,
                                       *zflags, admin::Actor::cli());
    if (!added) return report(common, added.error());
    std::cout << "zone " << added->slug << " added: /" << added->slug << "/\n";
  });

  auto setflags = std::make_shared<ZoneFlags>();
  auto* zset = zone->add_subcommand("set", "change a partner zone");
  zset->add_option("slug", setflags->slug, "the zone's slug")->required();
  add_zone_options(zset, *setflags);
  zset->callback([&common, setflags] {
    core::SystemClock clock;
    auto store = open_store_or_report(common, clock);
    if (!store) return;
    auto z = store->find_section_by_slug(setflags->slug);
    if (!z) return report(common, Error::NotFound("no zone \"" + setflags->slug + "\" (see `newszone zone list`)"));
    if (!z->is_zone()) {
      return report(common, Error::InvalidInput("\"" + setflags->slug + "\" is an editorial section, not a zone"));
    }
    auto saved = admin::update_section(*store, clock, z->id, *setflags, admin::Actor::cli());
    if (!saved) return report(common, saved.error());
    std::cout << "zone " << z->slug << " updated\n";
  });
  zone->add_subcommand("list", "list partner zones")->callback([&common] {
    list_sections(common, true);
  });
}

}  // namespace nz::cli
