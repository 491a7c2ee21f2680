#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.h"
#include "cli/store_access.h"
#include "ingest/feed_ingest.h"

namespace nz::cli {

namespace {
struct IngestFlags {
  std::string zone;
  std::string source;
  std::string base_url;
};
}  // namespace

void add_ingest_command(CLI::App& app, Common& common) {
  auto flags = std::make_shared<IngestFlags>();
  auto* cmd = app.add_subcommand(
      "ingest", "ingest one feed document (RSS, RDF, Atom, JSON Feed, ninjs) into a zone, once");
  cmd->add_option("--zone", flags->zone, "the zone's slug")->required();
  cmd->add_option("source", flags->source, "the feed file, or - for standard input")->required();
  cmd->add_option("--base-url", flags->base_url, "URL the feed came from, for relative links");
  cmd->callback([&common, flags] {
    if (flags->source.rfind("http://", 0) == 0 || flags->source.rfind("https://", 0) == 0) {
      common.exit_code = report_error(
          "fetching " + flags->source +
              " is not supported yet; download it and pass the file with --base-url URL",
          2);
      return;
    }
    core::SystemClock clock;
    auto store = open_store_or_report(common, clock);
    if (!store) return;
    auto zone = store->find_section_by_slug(flags->zone);
    if (!zone) {
      return report(common, Error::NotFound("no zone \"" + flags->zone +
                                            "\" (see `newszone zone list`)"));
    }
    std::stringstream bytes;
    if (flags->source == "-") {
      bytes << std::cin.rdbuf();
    } else {
      std::ifstream in(flags->source, std::ios::binary);
      if (!in) {
        common.exit_code = report_error(flags->source + ": cannot open for reading", 2);
        return;
      }
      bytes << in.rdbuf();
    }
    auto result = ingest::ingest_document(*store, *zone, bytes.str(),
                                          {.base_url = flags->base_url}, clock);
    if (!result) return report(common, result.error().with_context(flags->source));
    for (const auto& problem : result->problems) {
      std::cerr << "newszone: " << flags->source << ": entry " << problem.index + 1 << ": "
                << problem.message << "\n";
    }
    if (result->bozo) {
      std::cerr << "newszone: " << flags->source << ": malformed " << result->format
                << " feed, recovered what could be read: " << result->bozo_reason << "\n";
    }
    std::cout << flags->zone << ": " << result->created << " new, " << result->new_versions
              << " updated, " << result->unchanged << " unchanged, " << result->problems.size()
              << " skipped (" << result->format << ")\n";
    if (!result->problems.empty()) common.exit_code = 1;
  });
}

}  // namespace nz::cli
