#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <memory>

#include <unistd.h>

#include "app/import.h"
#include "cli/commands.h"
#include "cli/store_access.h"

namespace nz::cli {

namespace {
struct ImportFlags {
  std::string file;
  bool print_ids = false;
};
}  // namespace

void add_import_command(CLI::App& app, Common& common) {
  auto flags = std::make_shared<ImportFlags>();
  auto* cmd = app.add_subcommand(
      "import", "import articles from a JSON-lines file (one article object per line)");
  cmd->add_option("file", flags->file, "the file, or - for standard input")->required();
  cmd->add_flag("--print-ids", flags->print_ids,
                "print LINE<TAB>ID<TAB>GUID for each article as soon as it is committed");
  cmd->callback([&common, flags] {
    core::SystemClock clock;
    auto store = open_store_or_report(common, clock);
    if (!store) return;
    std::ifstream file;
    std::istream* in = &std::cin;
    if (flags->file != "-") {
      file.open(flags->file);
      if (!file) {
        common.exit_code = report_error(flags->file + ": cannot open for reading", 2);
        return;
      }
      in = &file;
    }
    // Progress on a terminal only: a pipe or a log file gets the summary alone.
    bool progress = ::isatty(STDERR_FILENO) != 0;
    int64_t done = 0;
    app::ImportCallbacks callbacks{
        .on_saved =
            [&](int64_t line, const store::SaveResult& saved) {
              ++done;
              if (flags->print_ids) {
                std::cout << line << '\t' << saved.article.id << '\t' << saved.article.guid
                          << std::endl;  // flushed: the line means "committed"
              }
              if (progress && done % 100 == 0) std::cerr << "\rimported " << done << std::flush;
            },
        .on_error =
            [&](int64_t line, const Error& error) {
              if (progress) std::cerr << "\r";
              std::cerr << "newszone: " << flags->file << ":" << line << ": " << error.message
                        << "\n";
            },
    };
    auto report_result = app::import_json_lines(*store, *in, clock, callbacks);
    if (progress) std::cerr << "\r";
    if (!report_result) return report(common, report_result.error());
    std::cerr << "imported " << report_result->created << " new, " << report_result->new_versions
              << " updated, " << report_result->unchanged << " unchanged, "
              << report_result->failed << " failed\n";
    if (report_result->failed > 0) common.exit_code = 1;
  });
}

}  // namespace nz::cli
