#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include <unistd.h>

#include "cli/commands.h"
#include "cli/store_access.h"
#include "fetch/fetcher.h"
#include "ingest/feed_ingest.h"

namespace nz::cli {

namespace {
struct IngestFlags {
  std::string zone;
  std::string source;
  std::string base_url;
  std::string identity = "guid";
  bool atomic = false;
};

bool is_url(const std::string& text) {
  return text.rfind("http://", 0) == 0 || text.rfind("https://", 0) == 0;
}
}  // namespace

void add_ingest_command(CLI::App& app, Common& common) {
  auto flags = std::make_shared<IngestFlags>();
  auto* cmd = app.add_subcommand(
      "ingest", "ingest one feed document (RSS, RDF, Atom, JSON Feed, ninjs) into a zone, once");
  cmd->add_option("--zone", flags->zone, "the zone's slug")->required();
  cmd->add_option("source", flags->source, "the feed's URL, a file, or - for standard input")
      ->required();
  cmd->add_option("--base-url", flags->base_url,
                  "URL the feed came from, for relative links (a fetched URL is its own)");
  cmd->add_option("--identity", flags->identity,
                  "what identifies an item: guid, link or link-without-query")
      ->check(CLI::IsMember({"guid", "link", "link-without-query"}));
  cmd->add_flag("--atomic", flags->atomic, "store every item or, when one is bad, none");
  cmd->callback([&common, flags] {
    core::SystemClock clock;
    auto store = open_store_or_report(common, clock);
    if (!store) return;
    auto zone = store->find_section_by_slug(flags->zone);
    if (!zone || !zone->is_zone()) {
      return report(common, Error::NotFound("no zone \"" + flags->zone +
                                            "\" (see `newszone zone list`)"));
    }
    ingest::DocumentOrigin origin{.channel = model::Channel::kFile, .origin = flags->source};
    ingest::IngestOptions options{.base_url = flags->base_url,
                                  .identity_key = *model::parse_identity_key(flags->identity),
                                  .atomic = flags->atomic};
    std::string bytes;
    if (is_url(flags->source)) {
      fetch::Fetcher fetcher(clock);
      auto response = fetcher.fetch({.url = flags->source});
      if (!response) return report(common, response.error().with_context(flags->source));
      if (response->status != 200) {
        common.exit_code = report_error(flags->source + ": the server answered HTTP " +
                                            std::to_string(response->status) + ", not a feed",
                                        1);
        return;
      }
      bytes = std::move(response->body);
      origin.channel = model::Channel::kPoll;
      origin.http_charset = response->charset;
      if (options.base_url.empty()) options.base_url = response->final_url;
    } else if (flags->source == "-") {
      std::stringstream in;
      in << std::cin.rdbuf();
      bytes = in.str();
      origin.origin = "stdin";
    } else {
      std::ifstream in(flags->source, std::ios::binary);
      if (!in) {
        common.exit_code = report_error(flags->source + ": cannot open for reading", 2);
        return;
      }
      std::stringstream buffer;
      buffer << in.rdbuf();
      bytes = buffer.str();
    }
    // Progress on a terminal only; piped output stays quiet.
    const bool progress = ::isatty(STDERR_FILENO) != 0;
    if (progress) {
      std::cerr << "reading " << (bytes.size() + 999) / 1000 << " KB..." << std::flush;
      options.progress = [](size_t done, size_t total) {
        std::cerr << "\r\033[Kingested " << done << " of " << total << " items" << std::flush;
      };
    }
    auto result = ingest::ingest_document(*store, *zone, bytes, origin, options, clock);
    if (progress) std::cerr << "\r\033[K" << std::flush;
    if (!result) return report(common, result.error().with_context(flags->source));
    for (const auto& item : result->items) {
      if (item.outcome != ingest::ItemOutcome::kFailed) continue;
      std::cerr << "newszone: " << flags->source << ": item " << item.index + 1 << ": "
                << item.error << "\n";
    }
    if (result->bozo) {
      std::cerr << "newszone: " << flags->source << ": malformed " << result->format
                << " feed, recovered what could be read: " << result->bozo_reason << "\n";
    }
    if (!result->guid_warning.empty()) {
      std::cerr << "newszone: " << flags->source << ": " << result->guid_warning << "\n";
    }
    const auto& c = result->counts;
    std::cout << flags->zone << ": " << c.created << " new, " << c.new_versions << " updated, "
              << c.unchanged << " unchanged, " << c.duplicates << " duplicates, " << c.failed
              << " not stored (" << result->format << ", delivery " << result->delivery_id
              << ")\n";
    if (c.failed > 0) common.exit_code = 1;
  });
}

}  // namespace nz::cli
