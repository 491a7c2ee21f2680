#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/store_access.h"

namespace nz::cli {

namespace {
struct SiteFlags {
  std::optional<std::string> name, base_url, language, tagline;
};
}  // namespace

void add_site_command(CLI::App& app, Common& common) {
  auto* site = app.add_subcommand("site", "show or change the site's name, URL and language");

  auto flags = std::make_shared<SiteFlags>();
  auto* set = site->add_subcommand("set", "change the site's settings");
  set->add_option("--name", flags->name, "the site's name, e.g. \"Helsinki Times\"");
  set->add_option("--base-url", flags->base_url, "absolute URL readers use, e.g. https://www.helsinkitimes.fi");
  set->add_option("--language", flags->language, "BCP 47 language of the pages, e.g. en");
  set->add_option("--tagline", flags->tagline, "one line under the masthead");
  set->callback([&common, flags] {
    core::SystemClock clock;
    auto store = open_store_or_report(common, clock);
    if (!store) return;
    auto current = store->get_site();
    if (!current) return report(common, current.error());
    model::Site site = *current;
    if (flags->name) site.name = *flags->name;
    if (flags->base_url) {
      std::string url = *flags->base_url;
      while (!url.empty() && url.back() == '/') url.pop_back();
      if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
        return report(common, Error::InvalidInput("--base-url must start with http:// or https://"));
      }
      site.base_url = url;
    }
    if (flags->language) site.language = *flags->language;
    if (flags->tagline) site.tagline = *flags->tagline;
    if (site.name.empty()) return report(common, Error::InvalidInput("--name must not be empty"));
    if (auto saved = store->set_site(site); !saved) return report(common, saved.error());
    std::cout << "site: " << site.name << " <" << site.base_url << "> lang=" << site.language
              << "\n";
  });

  auto* show = site->add_subcommand("show", "print the site's settings");
  show->callback([&common] {
    core::SystemClock clock;
    auto store = open_store_or_report(common, clock);
    if (!store) return;
    auto site = store->get_site();
    if (!site) return report(common, site.error());
    std::cout << "name: " << site->name << "\nbase_url: " << site->base_url
              << "\nlanguage: " << site->language << "\ntagline: " << site->tagline << "\n";
  });
}

}  // namespace nz::cli
