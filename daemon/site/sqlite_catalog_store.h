// SqliteCatalogStore: the CatalogStore (catalog_store.h) in the state
// directory, SQLite file `catalog.db`: herald's default, and what
// `herald migrate-state` copies into PostgreSQL.
//
// Trust rules beside the fingerprint's (catalog_store.h):
// - Schema versioned with PRAGMA user_version; migrations run in one
//   transaction (never half-migrated). A file that is not a database, has a
//   newer schema or tables this herald does not know is moved aside to
//   `catalog.db.corrupt-<UTC time>` (base/corrupt_file.h) and an empty store
//   is started, with a warning: the catalog is derived data.
//
// Durability: WAL with synchronous=NORMAL. A commit is atomic: after a crash
// or power loss the database holds the state of some commit (the last ones
// may be lost on power loss, never torn).
//
// Not thread-safe: one owner thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "daemon/base/sqlite_db.h"
#include "daemon/site/catalog_store.h"

namespace herald {

class SqliteCatalogStore final : public CatalogStore {
 public:
  static constexpr const char* kFileName = "catalog.db";
  static constexpr std::int64_t kSchemaVersion = 1;

  // Opens or creates `state_dir`/catalog.db (creating `state_dir` if needed).
  static CatalogStoreOpen open(const std::string& state_dir, const std::string& fingerprint);

  // The fingerprint `state_dir`/catalog.db was stored under, read without
  // changing the file; none when there is no readable store there.
  static std::optional<std::string> stored_fingerprint(const std::string& state_dir);

  const std::string& path() const { return db_.path(); }
  std::string describe() const override { return db_.path(); }

  using CatalogStore::load;
  Status load(const std::function<void(StoredEntry)>& each) override;

  Status begin() override;
  Status commit() override;
  void rollback() override;

  Status put_entry(StoredEntry row) override;
  Status remove(const std::string& path) override;

 private:
  SqliteCatalogStore() = default;
  SqliteStatus prepare_statements();

  SqliteDb db_;
  std::optional<SqliteTransaction> batch_;
  SqliteStatement insert_;
  SqliteStatement delete_;
};

}  // namespace herald
