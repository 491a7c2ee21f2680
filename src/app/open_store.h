// Opening the store a config names, for the server and every CLI command alike.
#pragma once

#include <memory>

#include "app/config.h"
#include "core/clock.h"
#include "store/store.h"

namespace nz::app {

// Creates config.data_dir when missing and opens (migrating as needed) the SQLite database in
// it. Messages name the folder and say what to do: "data folder ./data: permission denied".
// clock must outlive the store.
Result<std::unique_ptr<store::Store>> open_store(const Config& config, const core::Clock& clock);

}  // namespace nz::app
