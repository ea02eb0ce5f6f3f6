#include "daemon/site/pg_catalog_store.h"

#include <chrono>

#include "daemon/site/catalog_pg_schema.h"
#include "daemon/site/post_record.h"  // kPostRecordVersion

namespace herald {
namespace {

// A silent host delays the first load this long at most (the URL's
// connect_timeout wins); the load then reads every post file.
const PgConnectOptions kConnect{std::chrono::seconds(3), "herald catalog"};

constexpr const char* kColumns =
    "path, dev, ino, size, mtime_ns, ctime_ns, stamped_ns, hash, record, error_line, error_column, error_message";

// "INSERT ... VALUES ($1, ..., $13), ... ON CONFLICT ..." for `rows` rows:
// only placeholders are generated, the values go as parameters.
std::string insert_sql(std::size_t rows) {
  std::string sql = std::string("INSERT INTO catalog_entries(instance, ") + kColumns + ") VALUES ";
  int n = 0;
  for (std::size_t r = 0; r < rows; ++r) {
    sql += r == 0 ? "(" : ", (";
    for (int c = 0; c < 13; ++c) sql += (c == 0 ? "$" : ", $") + std::to_string(++n);
    sql += ")";
  }
  return sql +
         " ON CONFLICT (instance, path) DO UPDATE SET dev = excluded.dev, ino = excluded.ino,"
         " size = excluded.size, mtime_ns = excluded.mtime_ns, ctime_ns = excluded.ctime_ns,"
         " stamped_ns = excluded.stamped_ns, hash = excluded.hash, record = excluded.record,"
         " error_line = excluded.error_line, error_column = excluded.error_column,"
         " error_message = excluded.error_message";
}

void add_row(PgParams& params, const std::string& instance, const StoredEntry& row) {
  params.text(instance)
      .text(row.path)
      .integer(static_cast<std::int64_t>(row.stamp.dev))
      .integer(static_cast<std::int64_t>(row.stamp.ino))
      .integer(row.stamp.size)
      .integer(row.stamp.mtime_ns)
      .integer(row.stamp.ctime_ns)
      .integer(row.stamped_ns)
      .text(row.hash);
  if (row.error) {
    params.null().integer(row.error->line).integer(row.error->column).text(row.error->message);
  } else {
    params.bytes(row.record).null().null().null();
  }
}

StoredEntry read_row(const PgRows& rows, int r) {
  StoredEntry e;
  e.path = rows.text(r, 0);
  e.stamp.dev = static_cast<std::uint64_t>(rows.integer(r, 1));
  e.stamp.ino = static_cast<std::uint64_t>(rows.integer(r, 2));
  e.stamp.size = rows.integer(r, 3);
  e.stamp.mtime_ns = rows.integer(r, 4);
  e.stamp.ctime_ns = rows.integer(r, 5);
  e.stamped_ns = rows.integer(r, 6);
  e.hash = rows.text(r, 7);
  if (!rows.is_null(r, 8)) {
    e.record = rows.bytes(r, 8);
  } else if (!rows.is_null(r, 11)) {
    e.error = Diagnostic{e.path, static_cast<int>(rows.integer(r, 9)), static_cast<int>(rows.integer(r, 10)),
                         std::string(rows.text(r, 11))};
  }
  return e;
}

}  // namespace

CatalogStoreOpen PgCatalogStore::open(const DatabaseConfig& database, const std::string& instance,
                                      const std::string& fingerprint) {
  CatalogStoreOpen result;
  std::unique_ptr<PgCatalogStore> store(new PgCatalogStore(instance));
  PgStatus s = store->connection_.connect(database, kConnect);
  if (s.ok()) s = migrate_catalog_pg(store->connection_).status;
  if (s.ok()) s = store->check_fingerprint(fingerprint, &result.discarded);
  if (!s.ok()) {
    result.status = Status::failed("cannot open the catalog store of instance \"" + instance + "\" in " + s.message);
    return result;
  }
  result.store = std::move(store);
  return result;
}

std::string PgCatalogStore::describe() const {
  return "the catalog of instance \"" + instance_ + "\" in " + connection_.shown();
}

// Drops this instance's rows unless they were stored under `fingerprint`
// and this post record version; under the meta row's lock, in one
// transaction.
PgStatus PgCatalogStore::check_fingerprint(const std::string& fingerprint, bool* discarded) {
  PgTransaction txn(connection_);
  PgStatus s = txn.begin();
  PgRows meta;
  if (s.ok()) {
    s = connection_.exec("SELECT fingerprint, record_version FROM catalog_meta WHERE instance = $1 FOR UPDATE",
                         PgParams().text(instance_), &meta);
  }
  if (!s.ok()) return s;
  if (meta.rows() == 1 && meta.text(0, 0) == fingerprint && meta.integer(0, 1) == kPostRecordVersion) {
    return txn.commit();
  }
  *discarded = meta.rows() == 1;
  s = connection_.exec("DELETE FROM catalog_entries WHERE instance = $1", PgParams().text(instance_));
  if (s.ok()) {
    s = connection_.exec(
        "INSERT INTO catalog_meta(instance, fingerprint, record_version) VALUES ($1, $2, $3)"
        " ON CONFLICT (instance) DO UPDATE SET fingerprint = excluded.fingerprint,"
        " record_version = excluded.record_version",
        PgParams().text(instance_).text(fingerprint).integer(kPostRecordVersion));
  }
  if (s.ok()) s = txn.commit();
  return s;
}

Status PgCatalogStore::load(const std::function<void(StoredEntry)>& each) {
  std::string after;  // paths are never empty: "" is before every one
  for (;;) {
    PgRows rows;
    PgStatus s = connection_.exec(
        std::string("SELECT ") + kColumns +
            " FROM catalog_entries WHERE instance = $1 AND path > $2 ORDER BY path LIMIT $3",
        PgParams().text(instance_).text(after).integer(kRowsPerChunk), &rows);
    if (!s.ok()) return s.as_status();
    for (int r = 0; r < rows.rows(); ++r) each(read_row(rows, r));
    if (rows.rows() < kRowsPerChunk) return {};
    after = rows.text(rows.rows() - 1, 0);
  }
}

Status PgCatalogStore::begin() {
  pending_.clear();
  pending_paths_.clear();
  batch_.emplace(connection_);
  PgStatus s = batch_->begin();
  if (!s.ok()) batch_.reset();
  return s.as_status();
}

Status PgCatalogStore::commit() {
  if (!batch_) return {};
  PgStatus s = flush();
  if (s.ok()) s = batch_->commit();
  batch_.reset();  // rolls back what a failure left open
  return s.as_status();
}

void PgCatalogStore::rollback() {
  pending_.clear();
  pending_paths_.clear();
  batch_.reset();
}

// Sends the pending rows, one statement per kRowsPerStatement.
PgStatus PgCatalogStore::flush() {
  PgStatus s;
  for (std::size_t start = 0; s.ok() && start < pending_.size(); start += kRowsPerStatement) {
    std::size_t n = std::min(kRowsPerStatement, pending_.size() - start);
    PgParams params;
    for (std::size_t i = start; i < start + n; ++i) add_row(params, instance_, pending_[i]);
    s = connection_.exec(insert_sql(n), params);
  }
  pending_.clear();
  pending_paths_.clear();
  return s;
}

Status PgCatalogStore::put_entry(StoredEntry row) {
  PgStatus s;
  // One statement may not set a row twice: a path put again goes in the next.
  if (pending_paths_.count(row.path) != 0) s = flush();
  if (!s.ok()) return s.as_status();
  pending_paths_.insert(row.path);
  pending_.push_back(std::move(row));
  if (!batch_ || pending_.size() >= kRowsPerStatement) s = flush();
  return s.as_status();
}

Status PgCatalogStore::remove(const std::string& path) {
  PgStatus s = flush();  // in order: a row put before is removed
  if (s.ok()) {
    s = connection_.exec("DELETE FROM catalog_entries WHERE instance = $1 AND path = $2",
                         PgParams().text(instance_).text(path));
  }
  return s.as_status();
}

}  // namespace herald
