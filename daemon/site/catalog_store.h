// CatalogStore: the catalog of `herald run` persisted between starts, so
// that a restart reads only the post files that changed. It is a cache of
// what the content directory says: whenever it cannot be trusted it is
// emptied, never half-used. Two engines keep it: SQLite in the state
// directory (sqlite_catalog_store.h, `catalog.db`) and, with
// `state.database`, PostgreSQL, one set of rows per instance
// (pg_catalog_store.h); state_catalog.h picks one.
//
// One row per post file (path relative to content.dir): its FileStamp, the
// time the stamp was taken, the SHA-256 of its bytes, and either the post
// record (post_record.h: every field but the body) or the diagnostic of a
// file that did not parse. Parse errors are kept on purpose: they depend only
// on the bytes and the fingerprint, so an unchanged broken file is reported
// again at restart without being read. Files that could not be read at all
// (I/O errors, too large) are not stored: they are retried every time.
//
// Trust rule of both engines: `fingerprint` (computed by the daemon from
// everything that changes parsing: herald version, content rules, site time
// zone...) and the post record version are stored with the rows; when either
// differs at open, the rows are dropped (CatalogStoreOpen::discarded).
//
// A row's stamp and record are written together, so a row never pairs a
// stamp with another version's post. Losing recent rows is harmless: their
// files' stamps no longer match and are read again.
//
// Not thread-safe: one owner thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "daemon/base/file_stamp.h"
#include "feeds/diagnostic.h"
#include "feeds/post.h"
#include "feeds/status.h"

namespace herald {

struct StoredEntry {
  std::string path;                 // relative to content.dir, '/' separated
  FileStamp stamp;
  std::int64_t stamped_ns = 0;      // when the stamp was taken (see judge_stamp)
  std::string hash;                 // content_hash() of the bytes
  std::string record;               // encode_post_record() when the file parsed
  std::optional<Diagnostic> error;  // when it did not (path relative)
};

class CatalogStore;

struct CatalogStoreOpen {
  std::unique_ptr<CatalogStore> store;  // null when the store could not be opened
  Status status;         // failed: why not, naming the file, directory or database
  std::string warning;   // an unusable file was moved aside: what and why
  bool discarded = false;  // stored rows were dropped (fingerprint or record version changed)
};

class CatalogStore {
 public:
  virtual ~CatalogStore() = default;

  // Where the rows are, for messages: a file's path, or the database's
  // masked URL and the instance (never a password).
  virtual std::string describe() const = 0;

  // Every stored row, in path order (byte order, as std::string sorts),
  // one row at a time: `each` owns the row it is given, so a large store is
  // never whole in memory.
  virtual Status load(const std::function<void(StoredEntry)>& each) = 0;
  // The same, every row into *entries (tests, small stores).
  Status load(std::vector<StoredEntry>* entries);

  // Writes between begin() and commit() form one transaction; without
  // begin() each write commits alone. Destroying the store, or rollback(),
  // before commit() keeps none of them.
  virtual Status begin() = 0;
  virtual Status commit() = 0;
  virtual void rollback() = 0;

  // Insert or replace the row of `path`: the post (its record), or the
  // diagnostic of a file that did not parse.
  Status put(const std::string& path, const FileStamp& stamp, std::int64_t stamped_ns, const std::string& hash,
             const Post& post);
  Status put_error(const std::string& path, const FileStamp& stamp, std::int64_t stamped_ns,
                   const std::string& hash, const Diagnostic& error);
  // Insert or replace `row` as another store loaded it (its record or its
  // error set, not both): what `herald migrate-state` copies.
  virtual Status put_entry(StoredEntry row) = 0;
  virtual Status remove(const std::string& path) = 0;
};

}  // namespace herald
