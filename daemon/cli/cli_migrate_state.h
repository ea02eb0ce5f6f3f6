// `herald migrate-state` (docs/cli.md): the operator's copy of the SQLite
// outbox into state.database (daemon/outbox/migrate_state.h), with what it
// copied table by table, then of the catalog index (catalog.db) into this
// instance's rows (daemon/site/catalog_copy.h). Exit 0 when the outbox was
// copied, 1 when refused or failed (the database left as it was), as the
// editor commands' codes (cli_control.h); the catalog, a cache, only says
// whether it was copied.
#pragma once

#include <string>

#include "config/config.h"
#include "daemon/outbox/migrate_state.h"
#include "daemon/site/catalog_copy.h"

namespace herald {

int run_migrate_state(const Config& config);

// What run_migrate_state prints on success (pure, for tests).
std::string render_state_migration(const StateMigration& migration);
// What it prints of the catalog index of `instance` (pure, for tests).
std::string render_catalog_copy(const Result<CatalogCopy>& copy, const std::string& instance);

}  // namespace herald
