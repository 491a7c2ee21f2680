// WalWatch: whether anybody has committed to a WAL-mode SQLite database since the last look,
// answered without a system call, for Store::commit_token (read before every cached page).
//
// SQLite keeps the wal-index in the "<db>-shm" file, mapped by every process that uses the
// database. Its header (https://www.sqlite.org/walformat.html, "The WAL-Index Header") holds
// a change counter, the last committed frame and the WAL's salts; a writer updates it in two
// copies on every commit, the second copy first. Reading the first copy, then the second, and
// finding them equal gives a consistent header, as SQLite's own readers do; any commit
// changes it. WalWatch maps that file read-only and hashes the header.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace nz::store::sqlite {

class WalWatch {
 public:
  // nullptr when "<db_path>-shm" cannot be mapped (then callers ask the database itself).
  static std::unique_ptr<WalWatch> open(const std::string& db_path);
  ~WalWatch();
  WalWatch(const WalWatch&) = delete;
  WalWatch& operator=(const WalWatch&) = delete;

  // A value that differs after every commit; nullopt while a writer is updating the header
  // or before SQLite has initialised it.
  std::optional<uint64_t> token() const;

 private:
  WalWatch(int fd, const unsigned char* map, size_t length)
      : fd_(fd), map_(map), length_(length) {}
  int fd_;
  const unsigned char* map_;
  size_t length_;
};

}  // namespace nz::store::sqlite
