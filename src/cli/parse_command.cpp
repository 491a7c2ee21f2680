#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>

#include "cli/commands.h"
#include "feed/json_output.h"
#include "feed/parse.h"
#include "sanitize/html_sanitizer.h"

namespace nz::cli {

namespace {

struct ParseFlags {
  std::string file;
  std::string base_url;
  std::string format = "json";
};

// Feeds larger than this are refused: no real feed comes close, and a mistaken path (a disk
// image, a log) should fail fast rather than fill memory.
constexpr size_t kMaxFeedBytes = 256 * 1024 * 1024;

Result<std::string> read_input(const std::string& file) {
  std::ifstream stream;
  std::istream* in = &std::cin;
  if (file != "-") {
    stream.open(file, std::ios::binary);
    if (!stream) return Error::InvalidInput(file + ": cannot open for reading");
    in = &stream;
  }
  std::string bytes;
  char buffer[1 << 16];
  while (in->read(buffer, sizeof buffer) || in->gcount() > 0) {
    bytes.append(buffer, static_cast<size_t>(in->gcount()));
    if (bytes.size() > kMaxFeedBytes) {
      return Error::InvalidInput(file + ": larger than 256 MiB; not a feed");
    }
  }
  return bytes;
}

}  // namespace

void add_parse_command(CLI::App& app, Common& common) {
  auto flags = std::make_shared<ParseFlags>();
  auto* cmd = app.add_subcommand(
      "parse", "read one feed (RSS, RDF, Atom, JSON Feed, ninjs) and print it as JSON");
  cmd->add_option("file", flags->file, "the feed file, or - for standard input")->required();
  cmd->add_option("--base-url", flags->base_url, "URL the feed came from, for relative links");
  cmd->add_option("--format", flags->format, "output format (json)")
      ->check(CLI::IsMember({"json"}));
  cmd->callback([&common, flags] {
    auto bytes = read_input(flags->file);
    if (!bytes) {
      common.exit_code = report_error(bytes.error().message, 1);
      return;
    }
    auto parsed = feed::parse(*bytes, {.base_url = flags->base_url});
    if (!parsed) {
      std::string where = flags->file == "-" ? "stdin" : flags->file;
      common.exit_code = report_error(where + ": " + parsed.error().message, 1);
      return;
    }
    // HTML fields as they would be shown: sanitized, links resolved against the entry's base.
    std::cout << feed::to_json(*parsed, [&](std::string_view html) {
      return sanitize::sanitize_html(html, {.base_url = flags->base_url});
    }) << "\n";
  });
}

}  // namespace nz::cli
