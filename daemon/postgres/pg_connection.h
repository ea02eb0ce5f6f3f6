// PgConnection: one connection to the PostgreSQL database of
// `state.database` (config/database_url.h), over libpq. Every statement goes
// through PQexecParams with its values in PgParams (never in the SQL text),
// one statement per call; results come back as PgRows. Errors are PgStatus
// values (pg_status.h): the SQLSTATE kept, the message naming the database
// by its masked URL, never the password. Nothing here throws.
//
// connect() waits at most `connect_timeout` (the URL's connect_timeout
// wins) and turns TCP keepalives on, so a server that vanished is noticed.
// A connection belongs to one thread at a time.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "config/database_url.h"
#include "daemon/postgres/pg_params.h"
#include "daemon/postgres/pg_rows.h"
#include "daemon/postgres/pg_status.h"

struct pg_conn;

namespace herald {

struct PgConnectOptions {
  std::chrono::seconds connect_timeout{10};
  std::string application_name = "herald";  // the URL's application_name wins
};

class PgConnection {
 public:
  PgConnection() = default;
  ~PgConnection();
  PgConnection(PgConnection&&) noexcept = default;
  PgConnection& operator=(PgConnection&&) noexcept = default;

  // Connects to `database`; closes any connection held before. On failure
  // the object stays closed and the status has SQLSTATE 08001.
  PgStatus connect(const DatabaseConfig& database, const PgConnectOptions& options = {});
  bool is_open() const { return conn_ != nullptr; }
  void close();
  // The database's URL with the password masked (for messages).
  const std::string& shown() const { return shown_; }

  // Runs one statement with `params`; its rows into *rows when given.
  PgStatus exec(std::string_view sql, const PgParams& params = {}, PgRows* rows = nullptr);

  // How many notifications (NOTIFY, to a channel this connection LISTENs
  // on) arrived since the last call, into *count: what the socket holds is
  // read without a statement (PQconsumeInput, PQnotifies), so an idle call
  // costs no round trip. Fails when the connection broke.
  PgStatus take_notifications(std::int64_t* count);

  pg_conn* handle() { return conn_.get(); }

 private:
  struct Finish {
    void operator()(pg_conn* conn) const;
  };
  PgStatus failure(std::string_view sqlstate, std::string_view what) const;

  std::unique_ptr<pg_conn, Finish> conn_;
  std::string shown_;
};

// A transaction (BEGIN ... COMMIT), rolled back on destruction unless
// committed. PostgreSQL's DDL is transactional: a migration in one either
// applies whole or not at all.
class PgTransaction {
 public:
  explicit PgTransaction(PgConnection& connection) : connection_(connection) {}
  ~PgTransaction();
  PgTransaction(const PgTransaction&) = delete;
  PgTransaction& operator=(const PgTransaction&) = delete;

  PgStatus begin();
  PgStatus commit();
  void rollback();

 private:
  PgConnection& connection_;
  bool active_ = false;
};

}  // namespace herald
