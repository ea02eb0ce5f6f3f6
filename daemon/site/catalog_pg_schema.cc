#include "daemon/site/catalog_pg_schema.h"

#include <iterator>

namespace herald {
namespace {

// 0 -> 1: SQLite's entries (INTEGER -> BIGINT, BLOB -> BYTEA) per instance.
const char* const kTo1[] = {
    "CREATE TABLE catalog_meta("
    "  instance TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, record_version BIGINT NOT NULL)",
    "CREATE TABLE catalog_entries("
    "  instance TEXT NOT NULL, path TEXT COLLATE \"C\" NOT NULL,"
    "  dev BIGINT NOT NULL, ino BIGINT NOT NULL, size BIGINT NOT NULL,"
    "  mtime_ns BIGINT NOT NULL, ctime_ns BIGINT NOT NULL, stamped_ns BIGINT NOT NULL,"
    "  hash TEXT NOT NULL,"
    "  record BYTEA,"                                                  // the post, or
    "  error_line BIGINT, error_column BIGINT, error_message TEXT,"  // its diagnostic
    "  PRIMARY KEY(instance, path))",
};

constexpr PgSchemaStep kSteps[] = {{1, kTo1}};
static_assert(kSteps[std::size(kSteps) - 1].version == kCatalogPgSchemaVersion);

}  // namespace

PgMigration migrate_catalog_pg(PgConnection& db) { return migrate_pg_schema(db, kCatalogPgSchema, kSteps); }

}  // namespace herald
