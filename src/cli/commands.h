// The subcommands of `newszone`, one file each. Each add_* registers its subcommand on the
// app; the subcommand's callback runs it and stores its exit code in `exit_code`.
#pragma once

#include <optional>
#include <string>

#include "app/config.h"

namespace CLI { class App; }

namespace nz::cli {

// Options every subcommand accepts (--config, --data), and where the exit code goes.
struct Common {
  app::ConfigFlags flags;
  int exit_code = 0;
};

// Loads the config from file, environment and flags; on failure prints one line and returns
// nullopt (exit code 2 set).
std::optional<app::Config> load_config_or_report(Common& common);

// After parsing: when the command line stopped at a command that has subcommands ("newszone
// zone"), the message naming the ones it could have been; nullopt when a command will run.
std::optional<std::string> missing_command(const CLI::App& app);

// Prints "newszone: MESSAGE" on stderr and returns `code`.
int report_error(const std::string& message, int code = 1);

void add_serve_command(CLI::App& app, Common& common);
void add_site_command(CLI::App& app, Common& common);
void add_partner_command(CLI::App& app, Common& common);
void add_section_commands(CLI::App& app, Common& common);  // "section" and "zone"
void add_import_command(CLI::App& app, Common& common);
void add_backup_command(CLI::App& app, Common& common);
void add_parse_command(CLI::App& app, Common& common);
void add_ingest_command(CLI::App& app, Common& common);
void add_sanitize_command(CLI::App& app, Common& common);
void add_token_command(CLI::App& app, Common& common);
void add_source_command(CLI::App& app, Common& common);
void add_tag_command(CLI::App& app, Common& common);
void add_retag_command(CLI::App& app, Common& common);
void add_reindex_command(CLI::App& app, Common& common);
void add_user_command(CLI::App& app, Common& common);

}  // namespace nz::cli
