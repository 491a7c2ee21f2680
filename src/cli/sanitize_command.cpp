#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.h"
#include "sanitize/html_sanitizer.h"
#include "sanitize/html_text.h"

namespace nz::cli {

namespace {
struct SanitizeFlags {
  std::string base_url;
  bool text = false;
};
}  // namespace

void add_sanitize_command(CLI::App& app, Common& common) {
  auto flags = std::make_shared<SanitizeFlags>();
  auto* cmd = app.add_subcommand(
      "sanitize", "read HTML on stdin, write HTML that runs no script on stdout");
  cmd->add_option("--base-url", flags->base_url, "the article's URL, for relative links");
  cmd->add_flag("--text", flags->text, "write the plain text instead, paragraphs kept");
  cmd->callback([flags] {
    std::stringstream html;
    html << std::cin.rdbuf();
    std::string clean = sanitize::sanitize_html(html.str(), {.base_url = flags->base_url});
    std::cout << (flags->text ? sanitize::html_to_text(clean) : clean);
    if (flags->text) std::cout << "\n";
  });
}

}  // namespace nz::cli
