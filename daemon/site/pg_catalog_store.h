// PgCatalogStore: the CatalogStore (catalog_store.h) in the PostgreSQL
// database of `state.database`, for instances sharing it: each instance
// keeps its own rows (it watches its own copy of the content: stamps are
// its disk's), keyed by (instance, path) (catalog_pg_schema.h). A changed
// fingerprint or post record version drops this instance's rows only.
//
// Writes between begin() and commit() are one transaction, sent a few
// hundred rows per statement (a first start stores every post: one round
// trip per row would cost more than the parse it saves); a put outside a
// batch commits alone. load() reads the rows in chunks by path, so neither
// a 190,000-row result nor the records are whole in memory.
//
// open() connects once (at most a few seconds when the host is silent),
// migrates and checks the fingerprint; a database that cannot be reached
// fails it (state_catalog.h: the daemon then loads every post file). A
// connection lost later fails the writes (the site says so once and the
// next start reads again the files it could not record); there is no
// reconnection before the next load opens the store again.
//
// Messages name the database by its masked URL (never the password).
// Not thread-safe: one owner thread.
#pragma once

#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "config/database_url.h"
#include "daemon/postgres/pg_connection.h"
#include "daemon/site/catalog_store.h"

namespace herald {

class PgCatalogStore final : public CatalogStore {
 public:
  // Rows per INSERT of a batch, and per SELECT of a load.
  static constexpr std::size_t kRowsPerStatement = 500;
  static constexpr int kRowsPerChunk = 2048;

  static CatalogStoreOpen open(const DatabaseConfig& database, const std::string& instance,
                               const std::string& fingerprint);

  std::string describe() const override;

  using CatalogStore::load;
  Status load(const std::function<void(StoredEntry)>& each) override;

  Status begin() override;
  Status commit() override;
  void rollback() override;

  Status put_entry(StoredEntry row) override;
  Status remove(const std::string& path) override;

 private:
  explicit PgCatalogStore(std::string instance) : instance_(std::move(instance)) {}
  PgStatus check_fingerprint(const std::string& fingerprint, bool* discarded);
  PgStatus flush();

  PgConnection connection_;
  std::string instance_;
  std::optional<PgTransaction> batch_;
  std::vector<StoredEntry> pending_;  // rows of the batch not sent yet
  std::unordered_set<std::string> pending_paths_;
};

}  // namespace herald
