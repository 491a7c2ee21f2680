#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "admin/source_changes.h"
#include "cli/commands.h"
#include "cli/store_access.h"
#include "cli/table.h"
#include "core/rfc3339.h"
#include "ingest/poll_schedule.h"
#include "ingest/poller.h"

namespace nz::cli {

namespace {

struct SourceFlags {
  std::string zone;
  std::optional<std::string> url;
  std::optional<std::string> every;
  std::optional<std::string> identity;
  std::optional<std::string> user_agent;
  std::vector<std::string> headers;
  bool clear_headers = false;
  int64_t id = 0;
};

// The flags given, as changes admin/source_changes.h checks and applies (as for the admin).
admin::SourceChanges changes_of(const SourceFlags& flags) {
  return {.url = flags.url,
          .every = flags.every,
          .identity = flags.identity,
          .user_agent = flags.user_agent,
          .headers = flags.headers,
          .clear_headers = flags.clear_headers};
}

void add_setting_options(CLI::App* cmd, SourceFlags& flags) {
  cmd->add_option("--every", flags.every, "how often to poll: 90s, 10m, 2h, 1d (default 10m)");
  cmd->add_option("--identity", flags.identity,
                  "what identifies an item: guid (default), link, link-without-query")
      ->check(CLI::IsMember({"guid", "link", "link-without-query"}));
  cmd->add_option("--user-agent", flags.user_agent, "User-Agent for this source's requests");
  cmd->add_option("--header", flags.headers, "extra request header \"Name: value\" (repeatable)");
}

std::string when(const std::optional<core::Timestamp>& t) {
  return t ? core::format_rfc3339(*t) : "-";
}

std::string print_poll(const ingest::PollReport& r) {
  switch (r.result.kind) {
    case ingest::PollResult::Kind::kIngested: {
      const auto& c = r.ingest->counts;
      return std::to_string(c.items) + " items: " + std::to_string(c.created) + " new, " +
             std::to_string(c.new_versions) + " updated, " + std::to_string(c.unchanged) +
             " unchanged, " + std::to_string(c.duplicates) + " duplicates, " +
             std::to_string(c.failed) + " not stored";
    }
    case ingest::PollResult::Kind::kNotModified: return "not modified since the last poll";
    case ingest::PollResult::Kind::kGone: return "gone (410): polling stopped";
    case ingest::PollResult::Kind::kFailed: return "failed: " + r.result.error;
  }
  return "";
}

}  // namespace

void add_source_command(CLI::App& app, Common& common) {
  auto* source = app.add_subcommand("source", "manage the partner feeds `serve` polls");

  auto add_flags = std::make_shared<SourceFlags>();
  auto* add = source->add_subcommand("add", "poll a feed into a zone");
  add->add_option("--zone", add_flags->zone, "the zone's slug")->required();
  add->add_option("--url", add_flags->url, "the feed's http(s) URL")->required();
  add_setting_options(add, *add_flags);
  add->callback([&common, add_flags] {
    core::SystemClock clock;
    auto store = open_store_or_report(common, clock);
    if (!store) return;
    auto zone = store->find_section_by_slug(add_flags->zone);
    if (!zone) {
      return report(common, Error::NotFound("no zone \"" + add_flags->zone +
                                            "\" (see `newszone zone list`)"));
    }
    auto added = admin::add_source(*store, clock, zone->id, changes_of(*add_flags),
                                   admin::Actor::cli());
    if (!added) return report(common, added.error());
    std::cout << "source " << added->id << " added to " << zone->slug << ": polled every "
              << admin::format_interval(added->settings.every) << " by `newszone serve`\n";
  });

  auto list_flags = std::make_shared<SourceFlags>();
  auto* list = source->add_subcommand("list", "list sources with their status");
  list->add_option("--zone", list_flags->zone, "only this zone's");
  list->callback([&common, list_flags] {
    core::SystemClock clock;
    auto store = open_store_or_report(common, clock);
    if (!store) return;
    std::optional<model::SectionId> section;
    if (!list_flags->zone.empty()) {
      auto zone = store->find_section_by_slug(list_flags->zone);
      if (!zone) return report(common, zone.error());
      section = zone->id;
    }
    auto sources = store->list_sources(section);
    if (!sources) return report(common, sources.error());
    auto sections = store->list_sections();
    if (!sections) return report(common, sections.error());
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> problems;
    for (const auto& s : *sources) {
      std::string zone_slug;
      for (const auto& z : *sections) {
        if (z.id == s.section_id) zone_slug = z.slug;
      }
      std::string status = ingest::source_status(s, clock.now());
      rows.push_back({std::to_string(s.id), zone_slug, s.settings.url,
                      admin::format_interval(s.settings.every), status, when(s.state.last_success),
                      s.state.gone || !s.settings.enabled ? "-" : when(s.state.next_poll)});
      if (!s.state.last_error.empty()) {
        problems.push_back("source " + std::to_string(s.id) + ": last error (" +
                           std::to_string(s.state.consecutive_failures) + " in a row): " +
                           s.state.last_error);
      }
      if (status == "quiet") {
        problems.push_back("source " + std::to_string(s.id) + ": gone quiet: no new article since " +
                           when(s.state.last_new_item) + ", though it usually sends one every " +
                           admin::format_interval(*s.state.typical_gap));
      }
      if (s.websub.state != model::WebSub::State::kNone) {
        std::string line = "source " + std::to_string(s.id) + ": websub: " +
                           std::string(model::to_string(s.websub.state)) + " at " + s.websub.hub;
        if (s.websub.state == model::WebSub::State::kActive && s.websub.lease_until) {
          line += " until " + core::format_rfc3339(*s.websub.lease_until);
        }
        if (!s.websub.error.empty()) line += "; " + s.websub.error;
        problems.push_back(line);
      }
      if (!s.state.guid_warning.empty()) {
        problems.push_back("source " + std::to_string(s.id) + ": " + s.state.guid_warning +
                           " (`newszone source set " + std::to_string(s.id) +
                           " --identity link`)");
      }
    }
    print_table(std::cout, {"ID", "ZONE", "URL", "EVERY", "STATUS", "LAST SUCCESS", "NEXT POLL"},
                rows);
    for (const auto& p : problems) std::cout << p << "\n";
  });

  auto set_flags = std::make_shared<SourceFlags>();
  auto* set = source->add_subcommand("set", "change a source's settings");
  set->add_option("id", set_flags->id, "the source's id (see `newszone source list`)")->required();
  set->add_option("--url", set_flags->url, "a new URL (polled at once)");
  add_setting_options(set, *set_flags);
  set->add_flag("--clear-headers", set_flags->clear_headers, "drop the extra headers first");
  set->callback([&common, set_flags] {
    core::SystemClock clock;
    auto store = open_store_or_report(common, clock);
    if (!store) return;
    auto changed = admin::change_source(*store, clock, set_flags->id, changes_of(*set_flags),
                                        admin::Actor::cli());
    if (!changed) return report(common, changed.error());
    std::cout << "source " << changed->id << " updated\n";
  });

  for (bool enable : {true, false}) {
    auto flags = std::make_shared<SourceFlags>();
    auto* cmd = source->add_subcommand(enable ? "enable" : "disable",
                                       enable ? "poll a source again (also one that was gone)"
                                              : "stop polling a source; its articles stay");
    cmd->add_option("id", flags->id, "the source's id")->required();
    cmd->callback([&common, flags, enable] {
      core::SystemClock clock;
      auto store = open_store_or_report(common, clock);
      if (!store) return;
      // Enabling is an editor saying "try again": a 410 and the backoff are forgotten.
      auto found = admin::set_source_enabled(*store, clock, flags->id, enable,
                                             admin::Actor::cli());
      if (!found) return report(common, found.error());
      std::cout << "source " << found->id << (enable ? " enabled\n" : " disabled\n");
    });
  }

  auto poll_flags = std::make_shared<SourceFlags>();
  auto* poll = source->add_subcommand("poll", "poll a source now and show what happened");
  poll->add_option("id", poll_flags->id, "the source's id")->required();
  poll->callback([&common, poll_flags] {
    core::SystemClock clock;
    auto store = open_store_or_report(common, clock);
    if (!store) return;
    auto found = store->find_source(poll_flags->id);
    if (!found) return report(common, found.error());
    ingest::Poller poller(*store, clock, {}, [](bool, const std::string&) {});
    auto result = poller.poll_now(*found);
    std::cout << "source " << found->id << ": " << print_poll(result) << "\n";
    if (result.moved_to) std::cout << "moved permanently: URL updated to " << *result.moved_to << "\n";
    if (result.ingest && !result.ingest->guid_warning.empty()) {
      std::cout << "warning: " << result.ingest->guid_warning << "\n";
    }
    if (result.result.kind == ingest::PollResult::Kind::kFailed ||
        result.result.kind == ingest::PollResult::Kind::kGone) {
      common.exit_code = 1;
    }
  });
}

}  // namespace nz::cli
