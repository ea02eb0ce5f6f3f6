#include "daemon/base/sqlite_schema.h"

namespace herald {
namespace {

std::int64_t count_tables(SqliteDb& db, SqliteStatus* status) {
  SqliteStatement stmt;
  *status = db.prepare("SELECT count(*) FROM sqlite_master", &stmt);
  std::int64_t n = 0;
  if (status->ok() && stmt.step()) n = stmt.column_int64(0);
  if (status->ok()) *status = stmt.status();
  return n;
}

}  // namespace

std::string unusable_schema(SqliteDb& db, std::int64_t known_version, SqliteStatus* status) {
  std::int64_t version = 0;
  *status = db.user_version(&version);
  if (!status->ok()) return "";
  if (version > known_version) {
    return db.path() + ": schema version " + std::to_string(version) + " is newer than this herald's (" +
           std::to_string(known_version) + ")";
  }
  if (version == 0 && count_tables(db, status) > 0) return db.path() + ": tables of an unknown schema";
  return "";
}

SqliteStatus migrate_schema(SqliteDb& db, std::span<const char* const> steps) {
  const auto known = static_cast<std::int64_t>(steps.size());
  for (;;) {
    SqliteTransaction txn(db);
    SqliteStatus s = txn.begin();
    std::int64_t version = 0;
    if (s.ok()) s = db.user_version(&version);  // under the write lock
    if (!s.ok() || version >= known) return s;  // nothing to do: the transaction rolls back
    s = db.exec(steps[static_cast<std::size_t>(version)]);
    if (s.ok()) s = db.exec("PRAGMA user_version=" + std::to_string(version + 1));
    if (s.ok()) s = txn.commit();
    if (!s.ok()) return s;
  }
}

}  // namespace herald
