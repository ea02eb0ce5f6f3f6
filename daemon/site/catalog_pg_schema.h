// The catalog store's schema in PostgreSQL (state.database), a schema of
// its own in pg_schema.h's `schema_version` ("catalog"), versioned apart
// from the outbox's: the catalog is each instance's cache, the outbox the
// cluster's record.
//
// Version 1: `catalog_entries`, the columns of SQLite's `entries`
// (sqlite_catalog_store.cc) keyed by (instance, path), path in the "C"
// collation so that rows come in byte order, as the loader merges them
// with the sorted scan; `catalog_meta`, per instance, the fingerprint and
// post record version its rows were stored under.
#pragma once

#include <cstdint>

#include "daemon/postgres/pg_schema.h"

namespace herald {

inline constexpr char kCatalogPgSchema[] = "catalog";
inline constexpr std::int64_t kCatalogPgSchemaVersion = 1;

// Migrates the catalog's schema (pg_schema.h: one transaction, under the
// advisory lock every herald schema shares) to kCatalogPgSchemaVersion.
PgMigration migrate_catalog_pg(PgConnection& db);

}  // namespace herald
