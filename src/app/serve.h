// `newszone serve`: the composition root of the server process.
#pragma once

#include "app/config.h"

namespace nz::app {

struct ServeOptions {
  bool demo = false;  // seed the demo site into an empty store
};

// Opens the store, loads the theme, starts the HTTP server and serves until SIGINT/SIGTERM.
// Returns the process exit code: 0 after a clean shutdown, 1 when something could not start
// (the reason is logged as one line).
int serve(const Config& config, const ServeOptions& options);

// The theme folder a config means: config.theme_dir, else ./themes/default when it exists,
// else the default theme beside the sources the binary was built from.
std::string resolve_theme_dir(const Config& config);

}  // namespace nz::app
