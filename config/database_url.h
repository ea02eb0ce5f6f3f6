// DatabaseUrl: `state.database`, the PostgreSQL database herald's state
// lives in, read from a URL (postgresql://user:password@host:port/dbname
// ?sslmode=...; "postgres://" too) with Boost.URL. Pure: the password file
// and ${ENV} are the section reader's (daemon_sections.cc).
//
// The password is a secret: no message of this file holds it, and
// `shown` (what logs and errors print) has it masked as "***".
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace herald {

struct DatabaseConfig {
  std::string host;      // a name, an address, or a unix socket directory (absolute)
  int port = 5432;
  std::string dbname;
  std::string user;      // empty: libpq's default, the system user's name
  std::string password;  // decoded; empty: none (trust, peer, or ~/.pgpass). Never shown.
  // The query's libpq settings, in URL order (kDatabaseUrlOptions).
  std::vector<std::pair<std::string, std::string>> options;
  std::string shown;     // the URL for messages: password masked, no query
  bool operator==(const DatabaseConfig&) const = default;
};

// The query keys a URL may carry (libpq connection settings).
inline constexpr std::string_view kDatabaseUrlOptions[] = {
    "sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout", "application_name",
    "target_session_attrs"};

struct DatabaseUrl {
  DatabaseConfig database;  // when error is empty
  // What is wrong, phrased to follow the quoted key name ("must start with
  // postgresql://, got 'mysql://herald:***@db/herald'"), password masked.
  std::string error;
};

DatabaseUrl parse_database_url(std::string_view url);

// `url` with the password of its user part replaced by "***" (by text, so
// that a URL Boost.URL refuses is masked too).
std::string mask_database_password(std::string_view url);

}  // namespace herald
