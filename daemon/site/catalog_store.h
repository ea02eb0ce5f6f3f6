// CatalogStore: the catalog of `herald run` persisted in the state directory
// (SQLite file `catalog.db`), so that a restart reads only the post files
// that changed. It is a cache of what the content directory says: whenever
// it cannot be trusted it is emptied, never half-used.
//
// One row per post file (path relative to content.dir): its FileStamp, the
// time the stamp was taken, the SHA-256 of its bytes, and either the post
// record (post_record.h: every field but the body) or the diagnostic of a
// file that did not parse. Parse errors are kept on purpose: they depend only
// on the bytes and the fingerprint, so an unchanged broken file is reported
// again at restart without being read. Files that could not be read at all
// (I/O errors, too large) are not stored: they are retried every time.
//
// Trust rules:
// - `fingerprint` (computed by the daemon from everything that changes
//   parsing: herald version, content rules, site time zone...) and the post
//   record version are stored; when either differs, all rows are dropped.
// - Schema versioned with PRAGMA user_version; migrations run in one
//   transaction (never half-migrated). A file that is not a database, has a
//   newer schema or tables this herald does not know is moved aside to
//   `catalog.db.corrupt-<UTC time>` (base/corrupt_file.h) and an empty store
//   is started, with a warning: the catalog is derived data.
//
// Durability: WAL with synchronous=NORMAL. A commit is atomic: after a crash
// or power loss the database holds the state of some commit (the last ones
// may be lost on power loss, never torn). Losing recent rows is harmless:
// their files' stamps no longer match and are read again. Each row's stamp
// and record are written together, so a row never pairs a stamp with
// another version's post.
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
#include "daemon/base/sqlite_db.h"
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
  Status status;         // failed: why not, naming the file or directory
  std::string warning;   // an unusable file was moved aside: what and why
  bool discarded = false;  // stored rows were dropped (fingerprint or record version changed)
};

class CatalogStore {
 public:
  static constexpr const char* kFileName = "catalog.db";
  static constexpr std::int64_t kSchemaVersion = 1;

  // Opens or creates `state_dir`/catalog.db (creating `state_dir` if needed).
  static CatalogStoreOpen open(const std::string& state_dir, const std::string& fingerprint);

  const std::string& path() const { return db_.path(); }

  // Every stored row, in path order.
  Status load(std::vector<StoredEntry>* entries);
  // The same, one row at a time: `each` owns the row it is given, so a
  // large store is never whole in memory.
  Status load(const std::function<void(StoredEntry)>& each);

  // Writes between begin() and commit() form one transaction; without
  // begin() each write commits alone. Destroying the store, or rollback(),
  // before commit() keeps none of them.
  Status begin();
  Status commit();
  void rollback();

  // Insert or replace the row of `path`.
  Status put(const std::string& path, const FileStamp& stamp, std::int64_t stamped_ns,
                   const std::string& hash, const Post& post);
  Status put_error(const std::string& path, const FileStamp& stamp, std::int64_t stamped_ns,
                         const std::string& hash, const Diagnostic& error);
  Status remove(const std::string& path);

 private:
  CatalogStore() = default;
  SqliteStatus prepare_statements();
  SqliteStatus put_row(const std::string& path, const FileStamp& stamp, std::int64_t stamped_ns,
                       const std::string& hash, const std::string* record, const Diagnostic* error);

  SqliteDb db_;
  std::optional<SqliteTransaction> batch_;
  SqliteStatement insert_;
  SqliteStatement delete_;
};

}  // namespace herald
