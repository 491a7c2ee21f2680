// SqliteStore::Impl: the connections behind a SqliteStore and how a method borrows one.
// Internal to store/sqlite/.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <type_traits>
#include <vector>

#include "core/check.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/sqlite_store.h"
#include "store/sqlite/wal_watch.h"

namespace nz::store::sqlite {

class SqliteStore::Impl {
 public:
  // The writer, held for the whole of one write transaction. SQLite allows one writer per
  // database anyway; queuing them on a mutex here means they never spin on SQLITE_BUSY. The
  // mutex is recursive so that writes made inside atomically() nest on the same thread.
  class WriterLease {
   public:
    explicit WriterLease(Impl& impl) : lock_(impl.writer_mutex), conn_(*impl.writer) {}
    Connection& conn() { return conn_; }

   private:
    std::unique_lock<std::recursive_mutex> lock_;
    Connection& conn_;
  };

  // A reader taken from the pool (waiting when all are busy) and given back when destroyed.
  class ReaderLease {
   public:
    explicit ReaderLease(Impl& impl) : impl_(impl) {
      std::unique_lock lock(impl.pool_mutex);
      impl.pool_cv.wait(lock, [&] { return !impl.idle_readers.empty(); });
      conn_ = std::move(impl.idle_readers.back());
      impl.idle_readers.pop_back();
    }
    ReaderLease(const ReaderLease&) = delete;
    ReaderLease& operator=(const ReaderLease&) = delete;
    ~ReaderLease() {
      {
        std::lock_guard lock(impl_.pool_mutex);
        impl_.idle_readers.push_back(std::move(conn_));
      }
      impl_.pool_cv.notify_one();
    }
    Connection& conn() { return *conn_; }

   private:
    Impl& impl_;
    std::unique_ptr<Connection> conn_;
  };

  // Runs body(Connection&) -> Result<T> or Status in one BEGIN IMMEDIATE transaction on the
  // writer, committing when it succeeds and rolling back when it fails.
  // Inside atomically() on the same thread it runs in a savepoint of the open transaction
  // instead, so that its failure undoes only its own work and the whole commits together.
  template <typename Body>
  auto write(Body&& body) -> std::invoke_result_t<Body, Connection&> {
    WriterLease lease(*this);
    const bool nested = write_depth > 0;
    auto tx = Transaction::begin(lease.conn(), nested ? Transaction::Mode::kNested
                                                      : Transaction::Mode::kWrite);
    if (!tx) return tx.error();
    ++write_depth;
    auto result = body(lease.conn());
    --write_depth;
    if (!result) return result;  // ~Transaction rolls back
    if (auto done = tx->commit(); !done) return done.error();
    return result;
  }

  // Runs body() -> Status with every write it makes in one transaction: all committed when it
  // succeeds, none when it fails. Reads made inside it on this thread see its writes. Nested
  // inside another atomically() on the same thread it is a savepoint: its failure undoes only
  // its own writes.
  template <typename Body>
  Status atomically(Body&& body) {
    WriterLease lease(*this);
    const bool nested = write_depth > 0;
    auto tx = Transaction::begin(lease.conn(), nested ? Transaction::Mode::kNested
                                                      : Transaction::Mode::kWrite);
    if (!tx) return tx.error();
    ++write_depth;
    const std::thread::id outer_owner = tx_owner;
    tx_owner = std::this_thread::get_id();
    Status result = body();
    tx_owner = outer_owner;
    --write_depth;
    if (!result) return result;
    return tx->commit();
  }

  // Runs body(Connection&) on a pooled reader inside one read transaction, so that a method
  // running several queries (a page and its total) sees one snapshot. Inside atomically() on
  // the same thread it reads through the writer instead, to see what was written so far.
  template <typename Body>
  auto read(Body&& body) -> std::invoke_result_t<Body, Connection&> {
    if (tx_owner == std::this_thread::get_id()) {
      WriterLease lease(*this);
      return body(lease.conn());
    }
    if (pinned.impl == this) return body(*pinned.conn);  // inside read_snapshot()
    ReaderLease lease(*this);
    auto tx = Transaction::begin(lease.conn(), Transaction::Mode::kRead);
    if (!tx) return tx.error();
    return body(lease.conn());  // ~Transaction ends the read with ROLLBACK: nothing to keep
  }

  core::Timestamp now() const { return clock->now(); }

  // The reader a read_snapshot() holds on this thread, with its read transaction open.
  struct Pinned {
    const Impl* impl = nullptr;
    Connection* conn = nullptr;
  };
  static thread_local Pinned pinned;

  SqliteConfig config;
  std::unique_ptr<core::Clock> own_clock;  // when config.clock is null
  const core::Clock* clock = nullptr;
  int schema_version = 0;

  std::recursive_mutex writer_mutex;
  std::unique_ptr<Connection> writer;
  int write_depth = 0;  // guarded by writer_mutex
  // The thread running atomically(), if any. Atomic because readers on other threads check
  // it without holding writer_mutex.
  std::atomic<std::thread::id> tx_owner{};

  // The wal-index header, mapped (wal_watch.h); null when it could not be.
  std::unique_ptr<WalWatch> wal_watch;

  std::mutex pool_mutex;
  std::condition_variable pool_cv;
  std::vector<std::unique_ptr<Connection>> idle_readers;
};

}  // namespace nz::store::sqlite
