#include "store/sqlite/wal_watch.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstring>

namespace nz::store::sqlite {
namespace {

// The WalIndexHdr struct: 48 bytes, two copies at the start of the -shm file.
constexpr size_t kHeaderBytes = 48;
constexpr size_t kIsInitOffset = 12;  // after iVersion, unused, iChange

}  // namespace

std::unique_ptr<WalWatch> WalWatch::open(const std::string& db_path) {
  int fd = ::open((db_path + "-shm").c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  struct stat st {};
  if (::fstat(fd, &st) != 0 || st.st_size < static_cast<off_t>(2 * kHeaderBytes)) {
    ::close(fd);
    return nullptr;
  }
  const size_t length = 2 * kHeaderBytes;
  void* map = ::mmap(nullptr, length, PROT_READ, MAP_SHARED, fd, 0);
  if (map == MAP_FAILED) {
    ::close(fd);
    return nullptr;
  }
  return std::unique_ptr<WalWatch>(
      new WalWatch(fd, static_cast<const unsigned char*>(map), length));
}

WalWatch::~WalWatch() {
  ::munmap(const_cast<unsigned char*>(map_), length_);
  ::close(fd_);
}

std::optional<uint64_t> WalWatch::token() const {
  unsigned char first[kHeaderBytes], second[kHeaderBytes];
  // The same order and barriers as SQLite's walIndexTryHdr: copy 0, then copy 1.
  std::atomic_thread_fence(std::memory_order_acquire);
  std::memcpy(first, map_, kHeaderBytes);
  std::atomic_thread_fence(std::memory_order_acquire);
  std::memcpy(second, map_ + kHeaderBytes, kHeaderBytes);
  if (std::memcmp(first, second, kHeaderBytes) != 0 || first[kIsInitOffset] == 0) {
    return std::nullopt;
  }
  uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a over the whole header
  for (unsigned char c : first) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

}  // namespace nz::store::sqlite
