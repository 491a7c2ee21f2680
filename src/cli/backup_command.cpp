#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/store_access.h"

namespace nz::cli {

void add_backup_command(CLI::App& app, Common& common) {
  auto file = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand(
      "backup", "write a consistent copy of the database, also while the server runs");
  cmd->add_option("file", *file, "where to write the copy (must not exist)")->required();
  cmd->callback([&common, file] {
    core::SystemClock clock;
    auto store = open_store_or_report(common, clock);
    if (!store) return;
    if (auto done = store->backup_to(*file); !done) return report(common, done.error());
    std::cerr << "backup written to " << *file << "\n";
  });
}

}  // namespace nz::cli
