#include "daemon/postgres/pg_connection.h"

#include <string>
#include <utility>
#include <vector>

#include <libpq-fe.h>
#include <spdlog/spdlog.h>

namespace herald {
namespace {

// libpq's messages end in newlines and continue on tab-indented lines
// ("...failed: Connection refused\n\tIs the server running...?\n"): one line.
std::string one_line(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n' || c == '\t' || c == '\r') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// The keywords and values PQconnectdbParams takes, from the configuration.
struct ConnectParams {
  std::vector<std::string> keys, values;

  void add(std::string key, std::string value) {
    keys.push_back(std::move(key));
    values.push_back(std::move(value));
  }
  bool has(std::string_view key) const {
    for (const std::string& k : keys) {
      if (k == key) return true;
    }
    return false;
  }
  std::vector<const char*> pointers(const std::vector<std::string>& strings) const {
    std::vector<const char*> out;
    for (const std::string& s : strings) out.push_back(s.c_str());
    out.push_back(nullptr);
    return out;
  }
};

ConnectParams connect_params(const DatabaseConfig& db, const PgConnectOptions& options) {
  ConnectParams p;
  p.add("host", db.host);
  p.add("port", std::to_string(db.port));
  p.add("dbname", db.dbname);
  if (!db.user.empty()) p.add("user", db.user);
  if (!db.password.empty()) p.add("password", db.password);
  for (const auto& [key, value] : db.options) p.add(key, value);
  if (!p.has("connect_timeout")) p.add("connect_timeout", std::to_string(options.connect_timeout.count()));
  if (!p.has("application_name")) p.add("application_name", options.application_name);
  p.add("keepalives", "1");
  p.add("keepalives_idle", "30");
  p.add("client_encoding", "UTF8");
  return p;
}

// The server's notices ("relation ... already exists, skipping") go to the
// debug log, not to stderr as libpq's default does.
void log_notice(void*, const char* message) { spdlog::debug("postgresql: {}", one_line(message)); }

}  // namespace

void PgConnection::Finish::operator()(pg_conn* conn) const { PQfinish(conn); }

PgConnection::~PgConnection() = default;

void PgConnection::close() { conn_.reset(); }

PgStatus PgConnection::failure(std::string_view sqlstate, std::string_view what) const {
  return PgStatus{std::string(sqlstate), shown_ + ": " + one_line(what)};
}

PgStatus PgConnection::connect(const DatabaseConfig& database, const PgConnectOptions& options) {
  close();
  shown_ = database.shown;
  ConnectParams params = connect_params(database, options);
  std::vector<const char*> keys = params.pointers(params.keys);
  std::vector<const char*> values = params.pointers(params.values);
  std::unique_ptr<pg_conn, Finish> conn(PQconnectdbParams(keys.data(), values.data(), 0));
  if (!conn) return failure(kSqlstateCannotConnect, "out of memory");
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    return failure(kSqlstateCannotConnect, PQerrorMessage(conn.get()));
  }
  PQsetNoticeProcessor(conn.get(), log_notice, nullptr);
  conn_ = std::move(conn);
  return {};
}

PgStatus PgConnection::exec(std::string_view sql, const PgParams& params, PgRows* rows) {
  if (!conn_) return failure(kSqlstateConnectionLost, "not connected");
  std::vector<const char*> values = params.values();
  std::vector<int> lengths = params.lengths();
  PGresult* raw = PQexecParams(conn_.get(), std::string(sql).c_str(), params.size(), nullptr, values.data(),
                               lengths.data(), params.formats().data(), 0);
  PgRows result(raw);  // owns it from here
  ExecStatusType status = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
    if (rows) *rows = std::move(result);
    return {};
  }
  const char* state = raw ? PQresultErrorField(raw, PG_DIAG_SQLSTATE) : nullptr;
  const char* primary = raw ? PQresultErrorField(raw, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string what = primary ? primary : PQerrorMessage(conn_.get());
  std::string sqlstate = state ? state : "";
  if (PQstatus(conn_.get()) == CONNECTION_BAD) {
    if (sqlstate.empty()) sqlstate = kSqlstateConnectionLost;
    what = "the connection was lost: " + what;
  }
  if (!sqlstate.empty()) what += " (SQLSTATE " + sqlstate + ")";
  return failure(sqlstate, what);
}

PgStatus PgConnection::take_notifications(std::int64_t* count) {
  *count = 0;
  if (!conn_) return failure(kSqlstateConnectionLost, "not connected");
  if (PQconsumeInput(conn_.get()) == 0) {
    return failure(kSqlstateConnectionLost, std::string("the connection was lost: ") + PQerrorMessage(conn_.get()) +
                                                " (SQLSTATE " + std::string(kSqlstateConnectionLost) + ")");
  }
  while (PGnotify* notify = PQnotifies(conn_.get())) {
    ++*count;
    PQfreemem(notify);
  }
  return {};
}

PgTransaction::~PgTransaction() { rollback(); }

PgStatus PgTransaction::begin() {
  PgStatus s = connection_.exec("BEGIN");
  active_ = s.ok();
  return s;
}

// COMMIT of a transaction a statement failed in answers "ROLLBACK", not an error.
PgStatus PgTransaction::commit() {
  active_ = false;
  PgRows rows;
  PgStatus s = connection_.exec("COMMIT", {}, &rows);
  if (s.ok() && rows.command() == "ROLLBACK") {
    return PgStatus{"25P02", connection_.shown() + ": the transaction failed and was rolled back"};
  }
  return s;
}

void PgTransaction::rollback() {
  if (!active_) return;
  active_ = false;
  connection_.exec("ROLLBACK");
}

}  // namespace herald
