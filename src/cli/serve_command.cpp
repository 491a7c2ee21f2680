#include <CLI/CLI.hpp>

#include <memory>

#include "app/serve.h"
#include "cli/commands.h"

namespace nz::cli {

void add_serve_command(CLI::App& app, Common& common) {
  auto* cmd = app.add_subcommand("serve", "run the web server");
  // Owned by the callback, which lives as long as the app that parses into it.
  auto options = std::make_shared<app::ServeOptions>();
  cmd->add_option("--listen", common.flags.listen, "HOST:PORT to listen on (default 127.0.0.1:8080)");
  cmd->add_option("--threads", common.flags.threads, "worker threads (default: one per core)");
  cmd->add_flag("--demo", options->demo, "create the demo site when the data folder is empty");
  cmd->callback([&common, options] {
    auto config = load_config_or_report(common);
    if (!config) return;
    common.exit_code = app::serve(*config, *options);
  });
}

}  // namespace nz::cli
