#include "daemon/site/sqlite_catalog_store.h"


#include "daemon/base/corrupt_file.h"
#include "daemon/base/private_files.h"
#include "daemon/base/wall_clock.h"
#include "daemon/base/sqlite_schema.h"
#include "daemon/site/post_record.h"

namespace herald {
namespace {

// kMigrations[v] takes a database from schema version v to v + 1
// (sqlite_schema.h): a later schema appends a step.
const char* const kMigrations[] = {
    // 0 -> 1
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE entries("
    "  path TEXT PRIMARY KEY,"
    "  dev INTEGER NOT NULL, ino INTEGER NOT NULL, size INTEGER NOT NULL,"
    "  mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL, stamped_ns INTEGER NOT NULL,"
    "  hash TEXT NOT NULL,"
    "  record BLOB,"                                                // the post, or
    "  error_line INTEGER, error_column INTEGER, error_message TEXT"  // its diagnostic
    ");",
};
static_assert(std::size(kMigrations) == SqliteCatalogStore::kSchemaVersion);

std::optional<std::string> meta_value(SqliteDb& db, const std::string& key, SqliteStatus* status) {
  SqliteStatement stmt;
  *status = db.prepare("SELECT value FROM meta WHERE key = ?1", &stmt);
  if (!status->ok()) return std::nullopt;
  stmt.bind(1, key);
  std::optional<std::string> value;
  if (stmt.step()) value = std::string(stmt.column_text(0));
  *status = stmt.status();
  return value;
}

// Drops every row unless they were stored under `fingerprint` and this post
// record version.
SqliteStatus check_fingerprint(SqliteDb& db, const std::string& fingerprint, bool* discarded) {
  const std::string record_version = std::to_string(kPostRecordVersion);
  SqliteStatus s;
  std::optional<std::string> stored = meta_value(db, "fingerprint", &s);
  if (!s.ok()) return s;
  std::optional<std::string> stored_version = meta_value(db, "record_version", &s);
  if (!s.ok()) return s;
  if (stored == fingerprint && stored_version == record_version) return s;
  *discarded = stored.has_value();
  SqliteTransaction txn(db);
  s = txn.begin();
  if (s.ok()) s = db.exec("DELETE FROM entries");
  SqliteStatement set;
  if (s.ok()) s = db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)", &set);
  if (s.ok()) s = set.bind(1, "fingerprint").bind(2, fingerprint).run();
  if (s.ok()) s = set.bind(1, "record_version").bind(2, record_version).run();
  if (s.ok()) s = txn.commit();
  return s;
}

}  // namespace

CatalogStoreOpen SqliteCatalogStore::open(const std::string& state_dir, const std::string& fingerprint) {
  CatalogStoreOpen result;
  if (Status made = make_private_directory(state_dir); !made.ok()) {
    result.status = made;
    return result;
  }
  const std::string path = state_dir + "/" + kFileName;
  std::unique_ptr<SqliteCatalogStore> store(new SqliteCatalogStore);
  SqliteStatus s = store->db_.open(path);
  if (s.ok()) s = store->db_.quick_check();
  std::string unusable = s.not_a_database() ? s.message : "";
  if (s.ok()) unusable = unusable_schema(store->db_, kSchemaVersion, &s);
  if (!unusable.empty()) {
    store->db_.close();
    Result<std::string> aside = move_aside_corrupt(path, wall_clock_ms());
    if (!aside.ok()) {
      result.status = aside.status();
      return result;
    }
    result.warning = unusable + "; moved it to " + *aside + " and started an empty catalog";
    s = store->db_.open(path);
  }
  if (s.ok()) s = migrate_schema(store->db_, kMigrations);
  if (s.ok()) s = check_fingerprint(store->db_, fingerprint, &result.discarded);
  if (s.ok()) s = store->prepare_statements();
  if (!s.ok()) {
    result.status = Status::failed("cannot open the catalog store " + s.message);
    return result;
  }
  result.store = std::move(store);
  return result;
}

std::optional<std::string> SqliteCatalogStore::stored_fingerprint(const std::string& state_dir) {
  SqliteDb db;
  SqliteStatus s = db.open(state_dir + "/" + kFileName, SqliteOptions{.read_only = true});
  std::optional<std::string> fingerprint;
  if (s.ok()) fingerprint = meta_value(db, "fingerprint", &s);
  return s.ok() ? fingerprint : std::nullopt;
}

SqliteStatus SqliteCatalogStore::prepare_statements() {
  SqliteStatus s = db_.prepare(
      "INSERT OR REPLACE INTO entries(path, dev, ino, size, mtime_ns, ctime_ns, stamped_ns, hash,"
      " record, error_line, error_column, error_message)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
      &insert_);
  if (s.ok()) s = db_.prepare("DELETE FROM entries WHERE path = ?1", &delete_);
  return s;
}

Status SqliteCatalogStore::load(const std::function<void(StoredEntry)>& each) {
  SqliteStatement select;
  SqliteStatus s = db_.prepare(
      "SELECT path, dev, ino, size, mtime_ns, ctime_ns, stamped_ns, hash, record, error_line,"
      " error_column, error_message FROM entries ORDER BY path",
      &select);
  if (!s.ok()) return s.as_status();
  while (select.step()) {
    StoredEntry e;
    e.path = select.column_text(0);
    e.stamp.dev = static_cast<std::uint64_t>(select.column_int64(1));
    e.stamp.ino = static_cast<std::uint64_t>(select.column_int64(2));
    e.stamp.size = select.column_int64(3);
    e.stamp.mtime_ns = select.column_int64(4);
    e.stamp.ctime_ns = select.column_int64(5);
    e.stamped_ns = select.column_int64(6);
    e.hash = select.column_text(7);
    if (!select.column_is_null(8)) {
      e.record = select.column_blob(8);
    } else if (!select.column_is_null(11)) {
      e.error = Diagnostic{e.path, static_cast<int>(select.column_int64(9)),
                           static_cast<int>(select.column_int64(10)),
                           std::string(select.column_text(11))};
    }
    each(std::move(e));
  }
  return select.status().as_status();
}

Status SqliteCatalogStore::begin() {
  batch_.emplace(db_);
  SqliteStatus s = batch_->begin();
  if (!s.ok()) batch_.reset();
  return s.as_status();
}

Status SqliteCatalogStore::commit() {
  if (!batch_) return {};
  SqliteStatus s = batch_->commit();
  batch_.reset();  // a failed commit is rolled back
  return s.as_status();
}

void SqliteCatalogStore::rollback() { batch_.reset(); }

Status SqliteCatalogStore::put_entry(StoredEntry row) {
  insert_.bind(1, row.path)
      .bind(2, static_cast<std::int64_t>(row.stamp.dev))
      .bind(3, static_cast<std::int64_t>(row.stamp.ino))
      .bind(4, row.stamp.size)
      .bind(5, row.stamp.mtime_ns)
      .bind(6, row.stamp.ctime_ns)
      .bind(7, row.stamped_ns)
      .bind(8, row.hash);
  if (row.error) {
    insert_.bind(10, std::int64_t{row.error->line})
        .bind(11, std::int64_t{row.error->column})
        .bind(12, row.error->message);
  } else {
    insert_.bind_blob(9, row.record);
  }
  return insert_.run().as_status();  // unbound parameters are NULL
}

Status SqliteCatalogStore::remove(const std::string& path) {
  return delete_.bind(1, path).run().as_status();
}

}  // namespace herald
