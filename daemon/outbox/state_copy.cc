#include "daemon/outbox/state_copy.h"

#include <string_view>

#include "daemon/outbox/outbox_tables.h"
#include "daemon/postgres/pg_schema.h"

// Table and column names reach the SQL text from outbox_tables.h, constants
// of this program; every value goes through PgParams.

namespace herald {
namespace {

// Rows a batched INSERT carries (23 columns x 256 rows stays far below
// PostgreSQL's 65,535 parameters) and the bytes after which a batch is sent early.
constexpr int kBatchRows = 256;
constexpr std::size_t kBatchBytes = 8 << 20;

std::string column_list(const OutboxTable& table) {
  std::string list;
  for (const OutboxColumn& c : table.columns) list += (list.empty() ? "" : ", ") + std::string(c.name);
  return list;
}

// "INSERT INTO t(a, b) VALUES ($1, $2), ($3, $4)" for `rows` rows.
std::string insert_sql(const OutboxTable& table, int rows) {
  const int n = static_cast<int>(table.columns.size());
  std::string sql = "INSERT INTO " + std::string(table.name) + "(" + column_list(table) + ") VALUES ";
  for (int r = 0; r < rows; ++r) {
    sql += r ? ", (" : "(";
    for (int c = 0; c < n; ++c) sql += (c ? ", $" : "$") + std::to_string(r * n + c + 1);
    sql += ")";
  }
  return sql;
}

std::size_t add_row(const OutboxTable& table, const SqliteStatement& row, PgParams& params) {
  std::size_t bytes = 0;
  for (int c = 0; c < static_cast<int>(table.columns.size()); ++c) {
    if (row.column_is_null(c)) {
      params.null();
      continue;
    }
    switch (table.columns[static_cast<std::size_t>(c)].kind) {
      case ColumnKind::integer: params.integer(row.column_int64(c)); break;
      case ColumnKind::text: params.text(row.column_text(c)); bytes += row.column_text(c).size(); break;
      case ColumnKind::bytes: params.bytes(row.column_blob(c)); bytes += row.column_blob(c).size(); break;
    }
  }
  return bytes;
}

Result<std::int64_t> pg_count(PgConnection& target, const OutboxTable& table) {
  PgRows rows;
  PgStatus s = target.exec("SELECT count(*) FROM " + std::string(table.name), {}, &rows);
  if (!s.ok()) return s.as_status();
  return rows.integer(0, 0);
}

Result<std::int64_t> sqlite_count(SqliteDb& source, const OutboxTable& table) {
  SqliteStatement stmt;
  SqliteStatus s = source.prepare("SELECT count(*) FROM " + std::string(table.name), &stmt);
  if (s.ok() && !stmt.step()) s = stmt.status();
  if (!s.ok()) return s.as_status();
  return stmt.column_int64(0);
}

// Refuses a target that holds rows: the copy never merges two outboxes.
Status require_empty(PgConnection& target) {
  std::string held;
  for (const OutboxTable& table : outbox_tables()) {
    Result<std::int64_t> n = pg_count(target, table);
    if (!n.ok()) return n.status();
    if (*n > 0) held += (held.empty() ? "" : ", ") + std::to_string(*n) + " in " + std::string(table.name);
  }
  if (held.empty()) return {};
  return Status::failed(target.shown() + " already holds an outbox (rows: " + held +
                        "); herald migrate-state copies into an empty database only, and merges nothing: "
                        "point state.database at a new database, or drop this one's outbox tables "
                        "yourself if it is a copy you no longer need");
}

Status copy_rows(SqliteDb& source, PgConnection& target, const OutboxTable& table) {
  SqliteStatement select;
  SqliteStatus read = source.prepare("SELECT " + column_list(table) + " FROM " + std::string(table.name), &select);
  if (!read.ok()) return read.as_status();
  PgParams params;
  int rows = 0;
  std::size_t bytes = 0;
  auto flush = [&]() -> Status {
    if (rows == 0) return {};
    PgStatus s = target.exec(insert_sql(table, rows), params);
    params.clear();
    rows = 0;
    bytes = 0;
    return s.as_status();
  };
  while (select.step()) {
    bytes += add_row(table, select, params);
    if (++rows == kBatchRows || bytes >= kBatchBytes) {
      if (Status s = flush(); !s.ok()) return s;
    }
  }
  if (!select.status().ok()) return select.status().as_status();
  return flush();
}

// The next id PostgreSQL gives is past every id copied.
Status move_sequence(PgConnection& target, const OutboxTable& table) {
  const std::string name(table.name);
  return target
      .exec("SELECT setval(pg_get_serial_sequence($1, 'id'), COALESCE((SELECT max(id) FROM " + name +
                "), 0) + 1, false)",
            PgParams().text(name))
      .as_status();
}

Result<TableCopy> copy_table(SqliteDb& source, PgConnection& target, const OutboxTable& table) {
  Status s = copy_rows(source, target, table);
  if (s.ok() && table.numbered) s = move_sequence(target, table);
  if (!s.ok()) return s;
  Result<std::int64_t> from = sqlite_count(source, table);
  if (!from.ok()) return from.status();
  Result<std::int64_t> to = pg_count(target, table);
  if (!to.ok()) return to.status();
  if (*from != *to) {
    return Status::failed(target.shown() + ": table " + std::string(table.name) + " has " + std::to_string(*to) +
                          " rows after the copy, " + source.path() + " has " + std::to_string(*from) +
                          "; nothing was copied");
  }
  return TableCopy{std::string(table.name), *to};
}

Result<std::vector<TableCopy>> copy_all(SqliteDb& source, PgConnection& target) {
  std::vector<TableCopy> copied;
  for (const OutboxTable& table : outbox_tables()) {
    Result<TableCopy> one = copy_table(source, target, table);
    if (!one.ok()) return one.status();
    copied.push_back(*std::move(one));
  }
  return copied;
}

}  // namespace

Result<std::vector<TableCopy>> copy_outbox(SqliteDb& source, PgConnection& target) {
  SqliteStatus read = source.exec("BEGIN");  // one snapshot of the whole file
  if (!read.ok()) return read.as_status();
  PgTransaction txn(target);
  Status s = txn.begin().as_status();
  // Two copies at once: the second waits, then finds the first's rows.
  if (s.ok()) s = target.exec("SELECT pg_advisory_xact_lock($1)", PgParams().integer(kPgMigrationLock)).as_status();
  if (s.ok()) s = require_empty(target);
  Result<std::vector<TableCopy>> copied = s.ok() ? copy_all(source, target) : Result<std::vector<TableCopy>>(s);
  if (copied.ok()) {
    if (Status committed = txn.commit().as_status(); !committed.ok()) copied = committed;
  }
  source.exec("COMMIT");
  return copied;
}

}  // namespace herald
