// Which catalog store `herald run` keeps: SQLite in state.dir
// (sqlite_catalog_store.h), or with state.database this instance's rows in
// PostgreSQL (pg_catalog_store.h), the same engine as its outbox.
#pragma once

#include <string>

#include "config/config.h"
#include "daemon/site/catalog_store.h"

namespace herald {

// `instance`: this instance's name (outbox/state_outbox.h instance_name).
CatalogStoreOpen open_state_catalog(const Config& config, const std::string& instance,
                                    const std::string& fingerprint);

// Where open_state_catalog keeps the rows, for messages: state.dir, or the
// database's masked URL.
std::string state_catalog_place(const Config& config);

}  // namespace herald
