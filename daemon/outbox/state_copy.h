// Copying an outbox from SQLite into PostgreSQL, table by table
// (outbox_tables.h), for `herald migrate-state` (migrate_state.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "daemon/base/sqlite_db.h"
#include "daemon/postgres/pg_connection.h"
#include "feeds/status.h"

namespace herald {

struct TableCopy {
  std::string table;
  std::int64_t rows = 0;  // copied, and counted again in PostgreSQL
};

// Copies every table of `source` (an SQLite outbox at schema 6, read in one
// read transaction) into `target` (migrated to the outbox's schema 6, every
// table empty: a table holding rows is refused, nothing is written), in ONE
// transaction: rows in batches with their ids kept, the id sequences moved
// past them, then each table's rows counted on both sides. The transaction
// commits only when every count agrees, so a failure leaves `target` as it was.
Result<std::vector<TableCopy>> copy_outbox(SqliteDb& source, PgConnection& target);

}  // namespace herald
