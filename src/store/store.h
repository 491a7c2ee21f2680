// Store: every aggregate store a backend provides, plus what only a whole database can do.
// The composition root (app/) owns one and hands each component the narrow interface it
// needs. Implementations: store::sqlite::SqliteStore.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "store/article_store.h"
#include "store/audit_store.h"
#include "store/delivery_store.h"
#include "store/partner_store.h"
#include "store/section_store.h"
#include "store/site_store.h"
#include "store/source_store.h"
#include "store/token_store.h"
#include "store/topic_store.h"
#include "store/user_store.h"

namespace nz::store {

// Where the store's changes have got to (change_marks): the articles' change sequence and the
// site's (006_page_changes.sql). Both only grow, so equal marks mean nothing has changed.
struct ChangeMarks {
  int64_t articles = 0;
  int64_t site = 0;
  bool operator==(const ChangeMarks&) const = default;
};

class Store : public SiteStore,
              public PartnerStore,
              public SectionStore,
              public TopicStore,
              public ArticleStore,
              public TokenStore,
              public SourceStore,
              public DeliveryStore,
              public UserStore,
              public AuditStore {
 public:
  // Writes a consistent copy of the whole database to `path` while others keep reading and
  // writing. kInvalidInput when path exists; kUnavailable when it cannot be written.
  virtual Status backup_to(const std::string& path) = 0;
  // Runs `body`, which calls this store's methods on the calling thread, as one transaction:
  // every write it makes is committed when it returns Ok and none when it fails. Reads inside
  // it see its writes. Other threads' writes wait until it ends, so keep it short. Nested on
  // the same thread, an inner call commits or undoes only its own writes, inside the outer.
  virtual Status atomically(const std::function<Status()>& body) = 0;
  // Both change sequences, read together in one statement: called before every cached page is
  // served (cache/), so it must stay cheap. Sees changes of every process sharing the database.
  virtual Result<ChangeMarks> change_marks() = 0;
  // A value that differs after every commit by any process, read without I/O: while it stays
  // the same, change_marks() would too. nullopt when the backend cannot tell that cheaply (or
  // not at this moment); callers then ask change_marks().
  virtual std::optional<uint64_t> commit_token() { return std::nullopt; }

  // While the returned object lives, every read this store makes on the calling thread uses
  // one connection and one snapshot: a page rendered inside it never mixes two commits, and
  // its dozen queries share one transaction. Writes are not affected, and reads do not see
  // writes made meanwhile, so only code that only reads (reader pages) should hold one.
  // Nested calls on one thread share the first. nullptr when the backend has none.
  class ReadSnapshot {
   public:
    virtual ~ReadSnapshot() = default;
  };
  virtual std::unique_ptr<ReadSnapshot> read_snapshot() { return nullptr; }
};

}  // namespace nz::store
