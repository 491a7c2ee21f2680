// newszone: one binary, many subcommands. See `newszone --help`.
#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <iostream>

#include "cli/commands.h"

namespace nz::cli {

std::optional<app::Config> load_config_or_report(Common& common) {
  auto config = app::load_config(common.flags, app::process_environment());
  if (!config) {
    common.exit_code = report_error(config.error().message, 2);
    return std::nullopt;
  }
  spdlog::set_level(spdlog::level::from_str(config->log_level));
  return *config;
}

std::optional<std::string> missing_command(const CLI::App& app) {
  const CLI::App* current = &app;
  std::string path = "newszone";
  while (true) {
    auto chosen = current->get_subcommands();
    if (chosen.empty()) break;
    current = chosen.front();
    path += " " + current->get_name();
  }
  auto all = current->get_subcommands({});
  if (all.empty()) return std::nullopt;  // a leaf: it runs
  std::string names;
  for (const auto* sub : all) names += (names.empty() ? "" : ", ") + sub->get_name();
  return path + " needs a command: " + names;
}

int report_error(const std::string& message, int code) {
  std::cerr << "newszone: " << message << "\n";
  return code;
}

}  // namespace nz::cli

int main(int argc, char** argv) {
  // Logs go to stderr; stdout is for what a command prints (lists, ids) and the access log.
  auto logger = spdlog::stderr_color_mt("newszone");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  // The server's access log: one key=value line per request on stdout, same clock format.
  spdlog::stdout_logger_mt("access")->set_pattern("%Y-%m-%dT%H:%M:%S.%e %v");

  CLI::App app{"newszone: a news publishing server for sites with partner zones"};
  // Subcommands are checked after parsing (see missing_command) so that a mistyped one is
  // reported by name ("not expected: zones") rather than as a missing command.
  app.fallthrough();
  app.set_version_flag("--version", "newszone 0.1.0");
  nz::cli::Common common;
  app.add_option("--config", common.flags.config_file, "TOML config file")->check(CLI::ExistingFile);
  app.add_option("--data", common.flags.data_dir, "data folder (default ./data)");

  nz::cli::add_serve_command(app, common);
  nz::cli::add_site_command(app, common);
  nz::cli::add_partner_command(app, common);
  nz::cli::add_section_commands(app, common);
  nz::cli::add_import_command(app, common);
  nz::cli::add_backup_command(app, common);
  nz::cli::add_parse_command(app, common);
  nz::cli::add_ingest_command(app, common);
  nz::cli::add_sanitize_command(app, common);
  nz::cli::add_token_command(app, common);
  nz::cli::add_user_command(app, common);
  nz::cli::add_source_command(app, common);
  nz::cli::add_tag_command(app, common);
  nz::cli::add_retag_command(app, common);
  nz::cli::add_reindex_command(app, common);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // One line naming the problem, and where to look: never a usage dump for a typo.
    std::cerr << "newszone: " << e.what() << " (see newszone --help)\n";
    return 2;
  }
  if (auto missing = nz::cli::missing_command(app)) {
    std::cerr << "newszone: " << *missing << " (see newszone --help)\n";
    return 2;
  }
  return common.exit_code;
}
