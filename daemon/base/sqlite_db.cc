#include "daemon/base/sqlite_db.h"

#include <sqlite3.h>

#include <utility>

#include "daemon/base/private_files.h"

namespace herald {
namespace {

SqliteStatus make_status(int code, const std::string& file, const char* what) {
  SqliteStatus s;
  s.code = code & 0xff;
  if (s.code != SQLITE_OK) s.message = file + ": " + (what ? what : sqlite3_errstr(code));
  return s;
}

const char* sync_pragma(SqliteSync sync) {
  switch (sync) {
    case SqliteSync::off:
      return "PRAGMA synchronous=OFF";
    case SqliteSync::normal:
      return "PRAGMA synchronous=NORMAL";
    case SqliteSync::full:
      break;
  }
  return "PRAGMA synchronous=FULL";
}

}  // namespace

bool SqliteStatus::not_a_database() const { return code == SQLITE_NOTADB || code == SQLITE_CORRUPT; }

// --- SqliteStatement -------------------------------------------------------

SqliteStatement::~SqliteStatement() { sqlite3_finalize(stmt_); }

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)),
      file_(std::move(other.file_)),
      status_(std::move(other.status_)) {}

SqliteStatement& SqliteStatement::operator=(SqliteStatement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = std::exchange(other.stmt_, nullptr);
    file_ = std::move(other.file_);
    status_ = std::move(other.status_);
  }
  return *this;
}

void SqliteStatement::fail(int code) {
  if (!status_.ok() || code == SQLITE_OK) return;
  status_ = make_status(code, file_, sqlite3_errmsg(sqlite3_db_handle(stmt_)));
}

SqliteStatement& SqliteStatement::bind(int index, std::int64_t value) {
  fail(sqlite3_bind_int64(stmt_, index, value));
  return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::string_view text) {
  fail(sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT,
                           SQLITE_UTF8));
  return *this;
}

SqliteStatement& SqliteStatement::bind_blob(int index, std::string_view bytes) {
  // A zero-length blob, not NULL, even when data() is null.
  fail(sqlite3_bind_blob64(stmt_, index, bytes.empty() ? "" : bytes.data(), bytes.size(),
                           SQLITE_TRANSIENT));
  return *this;
}

SqliteStatement& SqliteStatement::bind_null(int index) {
  fail(sqlite3_bind_null(stmt_, index));
  return *this;
}

bool SqliteStatement::step() {
  if (!status_.ok()) return false;
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) fail(rc);
  return false;
}

SqliteStatus SqliteStatement::run() {
  while (step()) {
  }
  SqliteStatus result = status_;
  reset();
  return result;
}

void SqliteStatement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  status_ = SqliteStatus{};
}

std::int64_t SqliteStatement::column_int64(int index) const {
  return sqlite3_column_int64(stmt_, index);
}

std::string_view SqliteStatement::column_text(int index) const {
  const unsigned char* text = sqlite3_column_text(stmt_, index);
  int size = sqlite3_column_bytes(stmt_, index);
  if (!text) return {};
  return {reinterpret_cast<const char*>(text), static_cast<std::size_t>(size)};
}

std::string_view SqliteStatement::column_blob(int index) const {
  const void* blob = sqlite3_column_blob(stmt_, index);
  int size = sqlite3_column_bytes(stmt_, index);
  if (!blob) return {};
  return {static_cast<const char*>(blob), static_cast<std::size_t>(size)};
}

bool SqliteStatement::column_is_null(int index) const {
  return sqlite3_column_type(stmt_, index) == SQLITE_NULL;
}

// --- SqliteDb --------------------------------------------------------------

SqliteDb::~SqliteDb() { close(); }

SqliteDb::SqliteDb(SqliteDb&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)) {}

SqliteDb& SqliteDb::operator=(SqliteDb&& other) noexcept {
  if (this != &other) {
    close();
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
  }
  return *this;
}

void SqliteDb::close() {
  // v2: a statement still alive would make v1 fail; v2 closes when it dies.
  sqlite3_close_v2(db_);
  db_ = nullptr;
}

SqliteStatus SqliteDb::error(int code) const {
  return make_status(code, path_, db_ ? sqlite3_errmsg(db_) : nullptr);
}

SqliteStatus SqliteDb::open(const std::string& path, const SqliteOptions& options) {
  close();
  path_ = path;
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW;
  if (!options.read_only && path != ":memory:") {
    if (Status s = make_private_file(path, options.create); !s.ok()) {
      return SqliteStatus{SQLITE_CANTOPEN, s.message};
    }
  }
  if (options.read_only) {
    flags |= SQLITE_OPEN_READONLY;
  } else {
    flags |= SQLITE_OPEN_READWRITE | (options.create ? SQLITE_OPEN_CREATE : 0);
  }
  int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  SqliteStatus status = rc == SQLITE_OK ? SqliteStatus{} : error(rc);
  if (status.ok()) status = error(sqlite3_busy_timeout(db_, options.busy_timeout_ms));
  // The first statement reads the header: a file that is not a database
  // fails here, with SQLITE_NOTADB.
  if (status.ok() && options.wal && !options.read_only) status = exec("PRAGMA journal_mode=WAL");
  if (status.ok()) status = exec(sync_pragma(options.sync));
  if (status.ok()) {
    std::int64_t ignored = 0;
    status = user_version(&ignored);
  }
  if (!status.ok()) close();
  return status;
}

SqliteStatus SqliteDb::exec(const std::string& sql) {
  if (!db_) return make_status(SQLITE_MISUSE, path_, "the database is not open");
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
  return rc == SQLITE_OK ? SqliteStatus{} : error(rc);
}

SqliteStatus SqliteDb::prepare(std::string_view sql, SqliteStatement* out) {
  if (!db_) return make_status(SQLITE_MISUSE, path_, "the database is not open");
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return error(rc);
  *out = SqliteStatement(stmt, path_);
  return {};
}

SqliteStatus SqliteDb::user_version(std::int64_t* version) {
  SqliteStatement stmt;
  SqliteStatus status = prepare("PRAGMA user_version", &stmt);
  if (!status.ok()) return status;
  if (stmt.step()) *version = stmt.column_int64(0);
  return stmt.status();
}

SqliteStatus SqliteDb::change_counter(std::int64_t* counter) {
  SqliteStatement stmt;
  SqliteStatus status = prepare("PRAGMA data_version", &stmt);
  if (!status.ok()) return status;
  if (stmt.step()) *counter = stmt.column_int64(0) + sqlite3_total_changes64(db_);
  return stmt.status();
}

SqliteStatus SqliteDb::quick_check() {
  SqliteStatement stmt;
  SqliteStatus status = prepare("PRAGMA quick_check(1)", &stmt);
  if (!status.ok()) return status;
  std::string finding = stmt.step() ? std::string(stmt.column_text(0)) : "";
  if (!stmt.status().ok()) return stmt.status();
  if (finding == "ok") return {};
  return make_status(SQLITE_CORRUPT, path_, ("quick_check found: " + finding).c_str());
}

// --- SqliteTransaction -----------------------------------------------------

SqliteTransaction::~SqliteTransaction() { rollback(); }

SqliteStatus SqliteTransaction::begin() {
  SqliteStatus status = db_.exec("BEGIN IMMEDIATE");
  active_ = status.ok();
  return status;
}

SqliteStatus SqliteTransaction::commit() {
  SqliteStatus status = db_.exec("COMMIT");
  if (status.ok()) active_ = false;
  return status;
}

void SqliteTransaction::rollback() {
  if (!active_) return;
  db_.exec("ROLLBACK");
  active_ = false;
}

}  // namespace herald
