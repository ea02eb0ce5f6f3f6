// SqliteDb: one connection to an SQLite database file, with prepared
// statements and transactions, for the daemon's state (the catalog store,
// the delivery outbox). Errors are values (SqliteStatus) that name the file;
// nothing here throws.
//
// open() sets a busy timeout, the journal mode and the synchronous level
// before returning, so a file that is not a database (or is corrupt) is
// reported by open() itself: status.not_a_database() tells the caller it may
// move the file aside and start again.
//
// A connection, and the statements prepared on it, belong to one thread at a
// time. Statements must be destroyed before their connection.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "feeds/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace herald {

struct SqliteStatus {
  int code = 0;         // SQLite primary result code; 0 (SQLITE_OK) on success
  std::string message;  // "<file>: <what SQLite said>" when !ok()

  bool ok() const { return code == 0; }
  // SQLITE_NOTADB or SQLITE_CORRUPT: the file is not a usable database.
  bool not_a_database() const;
  // This status as module boundaries give it (the SQLite code stays here).
  Status as_status() const { return ok() ? Status{} : Status::failed(message); }
};

enum class SqliteSync { off, normal, full };

struct SqliteOptions {
  int busy_timeout_ms = 5000;
  bool wal = true;              // journal_mode=WAL (needs a local file system)
  SqliteSync sync = SqliteSync::normal;
  bool create = true;           // create the file when missing
  // SQLITE_OPEN_READONLY: never writes the file (`create` and `wal` are
  // ignored); reads a WAL database while another connection writes it.
  bool read_only = false;
};

class SqliteStatement {
 public:
  SqliteStatement() = default;
  ~SqliteStatement();
  SqliteStatement(SqliteStatement&& other) noexcept;
  SqliteStatement& operator=(SqliteStatement&& other) noexcept;
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  // Parameters are 1-based, as in SQL's ?1. Text and blobs are copied. A
  // failed bind is reported by the next step()/run().
  SqliteStatement& bind(int index, std::int64_t value);
  SqliteStatement& bind(int index, std::string_view text);
  SqliteStatement& bind_blob(int index, std::string_view bytes);
  SqliteStatement& bind_null(int index);

  // Advances to the next row: true when a row is available; false when done
  // or failed (see status()).
  bool step();
  // Steps until done, then resets (for INSERT/UPDATE/DELETE).
  SqliteStatus run();
  // Makes the statement ready to run again; bindings are cleared.
  void reset();
  // The first failure since the last reset (ok when none).
  const SqliteStatus& status() const { return status_; }

  // Columns are 0-based. Views are valid until the next step/reset.
  std::int64_t column_int64(int index) const;
  std::string_view column_text(int index) const;
  std::string_view column_blob(int index) const;
  bool column_is_null(int index) const;

 private:
  friend class SqliteDb;
  SqliteStatement(sqlite3_stmt* stmt, std::string file) : stmt_(stmt), file_(std::move(file)) {}
  void fail(int code);

  sqlite3_stmt* stmt_ = nullptr;
  std::string file_;
  SqliteStatus status_;
};

class SqliteDb {
 public:
  SqliteDb() = default;
  ~SqliteDb();
  SqliteDb(SqliteDb&& other) noexcept;
  SqliteDb& operator=(SqliteDb&& other) noexcept;
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  // Opens (creating if allowed) `path`; closes any connection held before.
  // On failure the object stays closed.
  SqliteStatus open(const std::string& path, const SqliteOptions& options = {});
  bool is_open() const { return db_ != nullptr; }
  void close();
  const std::string& path() const { return path_; }

  // Runs one or more ';'-separated statements that return no rows needed.
  SqliteStatus exec(const std::string& sql);
  // Compiles one statement into *out.
  SqliteStatus prepare(std::string_view sql, SqliteStatement* out);
  // `PRAGMA user_version`, the schema version the application stored.
  SqliteStatus user_version(std::int64_t* version);
  // `PRAGMA quick_check`: ok, or SQLITE_CORRUPT with SQLite's first finding
  // (a damaged page or index that open() does not notice). O(file size).
  SqliteStatus quick_check();
  // A number that differs from an earlier call's on this connection
  // whenever the database may have changed in between: a commit by another
  // connection (`PRAGMA data_version`) or a change made through this one
  // (`sqlite3_total_changes64`). Reads no table: cheap enough to poll.
  SqliteStatus change_counter(std::int64_t* counter);

  sqlite3* handle() { return db_; }

 private:
  SqliteStatus error(int code) const;

  sqlite3* db_ = nullptr;
  std::string path_;
};

// A write transaction (BEGIN IMMEDIATE: the write lock is taken at once, so
// a busy database fails here, not at commit). Rolled back on destruction
// unless committed.
class SqliteTransaction {
 public:
  explicit SqliteTransaction(SqliteDb& db) : db_(db) {}
  ~SqliteTransaction();
  SqliteTransaction(const SqliteTransaction&) = delete;
  SqliteTransaction& operator=(const SqliteTransaction&) = delete;

  SqliteStatus begin();
  SqliteStatus commit();
  void rollback();
  bool active() const { return active_; }

 private:
  SqliteDb& db_;
  bool active_ = false;
};

}  // namespace herald
