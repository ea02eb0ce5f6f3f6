#include "daemon/postgres/pg_schema.h"

#include <string>

namespace herald {
namespace {

PgStatus apply(PgConnection& db, std::string_view name, const PgSchemaStep& step) {
  PgStatus s;
  for (const char* statement : step.statements) {
    if (s.ok()) s = db.exec(statement);
  }
  if (s.ok()) {
    s = db.exec("INSERT INTO schema_version(name, version) VALUES ($1, $2)"
                " ON CONFLICT (name) DO UPDATE SET version = excluded.version",
                PgParams().text(name).integer(step.version));
  }
  return s;
}

// Under the lock, in `txn`: the version found, then the steps it lacks.
PgMigration migrate_locked(PgConnection& db, std::string_view name, std::span<const PgSchemaStep> steps) {
  PgMigration m;
  m.status = db.exec("SELECT pg_advisory_xact_lock($1)", PgParams().integer(kPgMigrationLock));
  if (m.status.ok()) {
    m.status = db.exec("CREATE TABLE IF NOT EXISTS schema_version(name TEXT PRIMARY KEY, version BIGINT NOT NULL)");
  }
  if (m.status.ok()) m.status = pg_schema_version(db, name, &m.from);
  m.to = m.from;
  const std::int64_t known = steps.empty() ? 0 : steps.back().version;
  if (m.status.ok() && m.from > known) {
    m.status = PgStatus{"", db.shown() + ": schema '" + std::string(name) + "' is at version " +
                                std::to_string(m.from) + ", newer than this herald's (" + std::to_string(known) +
                                "); run the herald that migrated it"};
  }
  for (const PgSchemaStep& step : steps) {
    if (!m.status.ok()) break;
    if (step.version <= m.to) continue;
    m.status = apply(db, name, step);
    if (m.status.ok()) m.to = step.version;
  }
  return m;
}

}  // namespace

PgStatus pg_schema_version(PgConnection& db, std::string_view name, std::int64_t* version) {
  *version = 0;
  PgRows rows;
  PgStatus s = db.exec("SELECT to_regclass('schema_version') IS NOT NULL", {}, &rows);
  if (!s.ok() || rows.text(0, 0) != "t") return s;
  s = db.exec("SELECT version FROM schema_version WHERE name = $1", PgParams().text(name), &rows);
  if (s.ok() && rows.rows() == 1) *version = rows.integer(0, 0);
  return s;
}

PgMigration migrate_pg_schema(PgConnection& db, std::string_view name, std::span<const PgSchemaStep> steps) {
  PgTransaction txn(db);
  PgMigration m;
  m.status = txn.begin();
  if (!m.status.ok()) return m;
  m = migrate_locked(db, name, steps);
  if (m.status.ok()) m.status = txn.commit();
  if (!m.status.ok()) m.to = m.from;
  return m;
}

}  // namespace herald
