#include "daemon/site/catalog_copy.h"

#include <filesystem>

#include "daemon/site/pg_catalog_store.h"
#include "daemon/site/sqlite_catalog_store.h"

namespace herald {

Result<CatalogCopy> copy_catalog(const std::string& state_dir, const DatabaseConfig& database,
                                 const std::string& instance) {
  CatalogCopy copy{state_dir + "/" + SqliteCatalogStore::kFileName, false, 0};
  std::error_code ec;
  std::optional<std::string> fingerprint = SqliteCatalogStore::stored_fingerprint(state_dir);
  if (!std::filesystem::exists(copy.source, ec) || !fingerprint) return copy;
  copy.found = true;
  CatalogStoreOpen source = SqliteCatalogStore::open(state_dir, *fingerprint);
  if (!source.store) return source.status;
  CatalogStoreOpen target = PgCatalogStore::open(database, instance, *fingerprint);
  if (!target.store) return target.status;
  Status s = target.store->begin();
  Status put;
  if (s.ok()) {
    s = source.store->load([&](StoredEntry row) {
      if (put.ok()) put = target.store->put_entry(std::move(row));
      if (put.ok()) ++copy.rows;
    });
  }
  if (s.ok()) s = put;
  if (s.ok()) s = target.store->commit();
  if (!s.ok()) return s;
  std::int64_t counted = 0;
  s = target.store->load([&](StoredEntry) { ++counted; });
  if (s.ok() && counted < copy.rows) {
    s = Status::failed(target.store->describe() + ": " + std::to_string(counted) + " rows after copying " +
                       std::to_string(copy.rows));
  }
  if (!s.ok()) return s;
  return copy;
}

}  // namespace herald
