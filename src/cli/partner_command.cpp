#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "admin/partner_changes.h"
#include "cli/commands.h"
#include "cli/store_access.h"
#include "cli/table.h"
#include "core/slug.h"

namespace nz::cli {

namespace {
struct PartnerFlags {
  std::string name, slug, url;
};
}  // namespace

void add_partner_command(CLI::App& app, Common& common) {
  auto* partner = app.add_subcommand("partner", "manage partners who supply zones");

  auto flags = std::make_shared<PartnerFlags>();
  auto* add = partner->add_subcommand("add", "add a partner");
  add->add_option("--name", flags->name, "the partner's name as attributions show it")->required();
  add->add_option("--slug", flags->slug, "short id (default: from the name)");
  add->add_option("--url", flags->url, "the partner's home page");
  add->callback([&common, flags] {
    core::SystemClock clock;
    auto store = open_store_or_report(common, clock);
    if (!store) return;
    model::Partner p{.slug = flags->slug.empty() ? core::slugify(flags->name) : flags->slug,
                     .name = flags->name,
                     .url = flags->url};
    auto added = admin::create_partner(*store, clock, p, admin::Actor::cli());
    if (!added) return report(common, added.error());
    std::cout << "partner " << added->slug << " added (id " << added->id << ")\n";
  });

  auto* list = partner->add_subcommand("list", "list partners");
  list->callback([&common] {
    core::SystemClock clock;
    auto store = open_store_or_report(common, clock);
    if (!store) return;
    auto partners = store->list_partners();
    if (!partners) return report(common, partners.error());
    std::vector<std::vector<std::string>> rows;
    for (const auto& p : *partners) rows.push_back({std::to_string(p.id), p.slug, p.name, p.url});
    print_table(std::cout, {"ID", "SLUG", "NAME", "URL"}, rows);
  });
}

}  // namespace nz::cli
