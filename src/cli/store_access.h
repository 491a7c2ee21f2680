// Opening the store for a CLI command, with errors reported the CLI's way.
#pragma once

#include <memory>

#include "cli/commands.h"
#include "core/clock.h"
#include "store/store.h"

namespace nz::cli {

// The config's store, or nullptr after reporting why (exit code set).
std::unique_ptr<store::Store> open_store_or_report(Common& common, const core::Clock& clock);

// Reports a failed call: kInvalidInput / kNotFound / kConflict exit 2 (the user can fix the
// command), others 1.
void report(Common& common, const Error& error);

}  // namespace nz::cli
