// PgStatus: how a PostgreSQL call ended, inside the PostgreSQL layer: the
// SQLSTATE kept for the callers that decide on it (a unique violation, a
// lost connection), the message naming the database by its masked URL.
// Module boundaries give it as a Status (as_status()), as SqliteStatus is.
// Never holds the password: messages are built from DatabaseConfig::shown
// and what the server or libpq said (neither repeats a password).
#pragma once

#include <string>
#include <string_view>

#include "feeds/status.h"

namespace herald {

// SQLSTATEs herald decides on (PostgreSQL's appendix A).
inline constexpr std::string_view kSqlstateUniqueViolation = "23505";
inline constexpr std::string_view kSqlstateCannotConnect = "08001";   // set by herald: libpq gives none
inline constexpr std::string_view kSqlstateConnectionLost = "08006";  // set by herald when the link broke

struct PgStatus {
  std::string sqlstate;  // five characters when known; "" on success
  std::string message;   // "<masked URL>: <what went wrong>"; "" on success

  bool ok() const { return message.empty(); }
  bool is(std::string_view state) const { return sqlstate == state; }
  Status as_status() const { return ok() ? Status{} : Status::failed(message); }
};

}  // namespace herald
