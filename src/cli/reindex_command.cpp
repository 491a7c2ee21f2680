// `newszone reindex`: builds the search index anew from the store, beside the one in use, and
// switches to it when complete; a running server keeps answering searches from the old index
// meanwhile and moves over within a second (search/search_index.h).
#include <CLI/CLI.hpp>

#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "cli/store_access.h"
#include "search/indexer.h"

namespace nz::cli {

void add_reindex_command(CLI::App& app, Common& common) {
  auto* cmd = app.add_subcommand(
      "reindex", "rebuild the search index from the store, without stopping a running server");
  cmd->callback([&common] {
    auto config = load_config_or_report(common);
    if (!config) return;
    core::SystemClock clock;
    auto store = open_store_or_report(common, clock);
    if (!store) return;
    auto total = store->count_articles();
    if (!total) return report(common, total.error());
    const bool progress = ::isatty(STDERR_FILENO) != 0;
    const std::string dir = (std::filesystem::path(config->data_dir) / "search").string();
    auto started = std::chrono::steady_clock::now();
    auto indexed = search::rebuild(dir, {*store, *store, *store}, [&](int64_t applied) {
      if (progress) {
        std::cerr << "\rindexed " << applied << " of " << *total << " articles" << std::flush;
      }
    });
    if (progress) std::cerr << "\r\033[K" << std::flush;
    if (!indexed) return report(common, indexed.error().with_context("reindex"));
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << "search index rebuilt in " << dir << ": " << *indexed
              << " searchable articles of " << *total << " stored, in "
              << static_cast<int64_t>(seconds * 10) / 10.0 << " s\n";
  });
}

}  // namespace nz::cli
