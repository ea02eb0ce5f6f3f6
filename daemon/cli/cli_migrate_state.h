// `herald migrate-state` (docs/cli.md): the operator's copy of the SQLite
// outbox into state.database (daemon/outbox/migrate_state.h), with what it
// copied table by table. Exit 0 when copied, 1 when refused or failed (the
// database left as it was), as the editor commands' codes (cli_control.h).
#pragma once

#include <string>

#include "config/config.h"
#include "daemon/outbox/migrate_state.h"

namespace herald {

int run_migrate_state(const Config& config);

// What run_migrate_state prints on success (pure, for tests).
std::string render_state_migration(const StateMigration& migration);

}  // namespace herald
