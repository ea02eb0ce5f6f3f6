// Versioned schemas of the daemon's SQLite files (the catalog store, the
// outbox). `PRAGMA user_version` counts the migration steps applied:
// steps[v] takes a database from version v to v + 1, so a new schema version
// appends one step and never edits the ones before it.
//
// Each step runs in its own write transaction that also bumps user_version,
// so a database is never half-migrated: after a crash or a failed step it is
// at the last version whose step committed, and the next open resumes there.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "daemon/base/sqlite_db.h"

namespace herald {

// Why `db` cannot be used by code that knows schema versions up to
// `known_version` ("" when it can): its version is newer, or it is
// unversioned yet has tables (a file of something else). Sets *status on an SQLite failure (and returns "").
std::string unusable_schema(SqliteDb& db, std::int64_t known_version, SqliteStatus* status);

// Applies the steps `db` lacks, each in its own transaction (see above).
SqliteStatus migrate_schema(SqliteDb& db, std::span<const char* const> steps);

}  // namespace herald
