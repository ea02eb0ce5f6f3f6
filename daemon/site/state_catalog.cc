#include "daemon/site/state_catalog.h"

#include "daemon/site/pg_catalog_store.h"
#include "daemon/site/sqlite_catalog_store.h"

namespace herald {

CatalogStoreOpen open_state_catalog(const Config& config, const std::string& instance,
                                    const std::string& fingerprint) {
  if (config.state.database) return PgCatalogStore::open(*config.state.database, instance, fingerprint);
  return SqliteCatalogStore::open(config.state.dir, fingerprint);
}

std::string state_catalog_place(const Config& config) {
  return config.state.database ? config.state.database->shown : config.state.dir;
}

}  // namespace herald
