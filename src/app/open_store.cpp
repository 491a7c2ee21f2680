#include "app/open_store.h"

#include <filesystem>

#include <unistd.h>

#include "store/sqlite/sqlite_store.h"

namespace nz::app {

Result<std::unique_ptr<store::Store>> open_store(const Config& config, const core::Clock& clock) {
  namespace fs = std::filesystem;
  fs::path dir(config.data_dir);
  std::error_code ec;
  if (!fs::exists(dir, ec)) {
    fs::create_directories(dir, ec);
    if (ec) {
      return Error::Unavailable("data folder " + dir.string() + ": cannot create it (" +
                                ec.message() + "); choose another with --data");
    }
  } else if (!fs::is_directory(dir, ec)) {
    return Error::Unavailable("data folder " + dir.string() +
                              ": exists but is not a folder; choose another with --data");
  }
  if (::access(dir.c_str(), R_OK | W_OK | X_OK) != 0) {
    return Error::Unavailable("data folder " + dir.string() +
                              ": not readable and writable by this user; fix its permissions "
                              "or choose another with --data");
  }
  auto store = store::sqlite::SqliteStore::open(
      {.path = (dir / "newszone.db").string(), .clock = &clock});
  if (!store) return store.error();
  return std::unique_ptr<store::Store>(std::move(*store));
}

}  // namespace nz::app
