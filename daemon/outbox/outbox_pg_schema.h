// The outbox's schema in PostgreSQL (state.database): the tables, columns
// and UNIQUE constraints of the SQLite outbox at schema version 8
// (outbox_tables.h), types mapped INTEGER -> BIGINT, TEXT -> TEXT, BLOB ->
// BYTEA, with the same indexes. The uniques are what make an announcement
// once for the whole cluster: posts.id (a post is seen once),
// announced_changes' key (a change is announced once) and
// deliveries.message_id. Versions count as SQLite's do, so both engines
// are at 8 together and a new version adds a step to each.
#pragma once

#include "daemon/postgres/pg_schema.h"

namespace herald {

inline constexpr char kOutboxPgSchema[] = "outbox";
// The channel of the notifications (LISTEN/NOTIFY) that a transaction
// changed posts, deliveries, the audit or a pace (triggers of version 8):
// what PgOutbox::change_counter counts.
inline constexpr char kOutboxChannel[] = "herald_outbox";

// Migrates the outbox's schema (pg_schema.h: one transaction, under the
// advisory lock) to Outbox::kSchemaVersion.
PgMigration migrate_outbox_pg(PgConnection& db);

}  // namespace herald
