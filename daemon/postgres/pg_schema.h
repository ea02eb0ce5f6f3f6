// Versioned schemas in PostgreSQL, as sqlite_schema.h does for SQLite: a
// row of table `schema_version` (name, version) counts what a schema
// (e.g. "outbox") has applied; each step takes it to its `version`, so a new
// version appends a step and never edits the ones before it.
//
// migrate_pg_schema() runs in ONE transaction that first takes a
// transaction-scoped advisory lock (pg_advisory_xact_lock) shared by every
// herald schema: instances starting together migrate one after the other,
// the second finds the work done. DDL is transactional in PostgreSQL, so a
// failed step leaves the database as it was.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "daemon/postgres/pg_connection.h"

namespace herald {

// The advisory lock key of herald's migrations ("herald" in ASCII).
inline constexpr std::int64_t kPgMigrationLock = 0x686572616c64;

struct PgSchemaStep {
  std::int64_t version;                      // the version it leads to; ascending
  std::span<const char* const> statements;   // run one by one, in order
};

struct PgMigration {
  PgStatus status;
  std::int64_t from = 0;  // the version found (under the lock)
  std::int64_t to = 0;    // the version left (== from when nothing was to do)
};

// Applies the steps of `name` that the database lacks. A database at a
// version newer than the last step's is refused, never changed.
PgMigration migrate_pg_schema(PgConnection& db, std::string_view name, std::span<const PgSchemaStep> steps);

// The version of `name` recorded in the database (0 when none).
PgStatus pg_schema_version(PgConnection& db, std::string_view name, std::int64_t* version);

}  // namespace herald
