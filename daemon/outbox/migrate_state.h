// `herald migrate-state`: the SQLite outbox of state.dir copied into the
// PostgreSQL database of state.database (docs/operations.md).
#pragma once

#include <string>
#include <vector>

#include "config/config.h"
#include "daemon/outbox/state_copy.h"
#include "feeds/status.h"

namespace herald {

struct StateMigration {
  std::string source;   // <state.dir>/outbox.db
  std::string target;   // state.database, its password masked
  std::vector<TableCopy> tables;
};

// Opens <state.dir>/outbox.db as `herald run` does (migrating an older file
// to schema 6, and holding its lock: refused while a herald runs on
// state.dir), connects to state.database, migrates its outbox schema
// (outbox_pg_schema.h) and copies every table (copy_outbox: one
// transaction, into an empty database only, counts verified).
Result<StateMigration> migrate_state(const Config& config);

}  // namespace herald
