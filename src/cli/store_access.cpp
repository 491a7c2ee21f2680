#include "cli/store_access.h"

#include "app/open_store.h"

namespace nz::cli {

std::unique_ptr<store::Store> open_store_or_report(Common& common, const core::Clock& clock) {
  auto config = load_config_or_report(common);
  if (!config) return nullptr;
  auto store = app::open_store(*config, clock);
  if (!store) {
    report(common, store.error());
    return nullptr;
  }
  return std::move(*store);
}

void report(Common& common, const Error& error) {
  bool user_error = error.code == ErrorCode::kInvalidInput ||
                    error.code == ErrorCode::kNotFound || error.code == ErrorCode::kConflict;
  common.exit_code = report_error(error.message, user_error ? 2 : 1);
}

}  // namespace nz::cli
