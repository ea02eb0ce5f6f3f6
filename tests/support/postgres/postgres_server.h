// A private PostgreSQL 15 server for the tests (Debian's postgresql-15, in
// .ci/packages-test): initdb in a TempDir, then `postgres` on a free
// loopback port with its unix socket in that directory, fsync off (nothing
// here needs to survive a power cut), password authentication
// (scram-sha-256) for the superuser "herald", so the password path of
// state.database is the one tested.
//
// PostgreSQL refuses to run as root, and CI runs as root: then initdb and
// postgres run as the system user herald-pgtest (created with useradd when
// missing; `nobody` when that fails), which owns the TempDir. The server is
// told to stop when the process that started it dies (PR_SET_PDEATHSIG), so
// a killed test binary leaves no server behind.
//
// One server per test binary (shared(), started on first use, stopped and
// deleted at exit); each test takes a database of its own
// (create_database()), so tests never see each other's rows. A test suite
// that needs it declares `* boost::unit_test::precondition(postgres_installed)`:
// where the binaries are absent its tests are skipped, saying so. A server
// that is installed but does not start is a failure (std::runtime_error
// with its log), never a skip.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include <boost/test/unit_test.hpp>

#include "config/database_url.h"
#include "daemon/postgres/pg_connection.h"
#include "tests/support/test_support.h"

namespace herald::test {

// /usr/lib/postgresql/15/bin, or $HERALD_PG_BIN.
std::string postgres_bin_dir();

// Boost.Test precondition: the server's binaries are installed.
boost::test_tools::assertion_result postgres_installed(boost::unit_test::test_unit_id);

// A connection to `db`; the test stops (BOOST_TEST_REQUIRE) when it fails.
PgConnection connected(const DatabaseConfig& db);

// A server that takes TLS connections (ssl=on) with this certificate and
// key (PEM files, copied into the server's directory).
struct PostgresTls {
  std::string cert_file;
  std::string key_file;
};

class PostgresServer {
 public:
  // Starts the server now (with TLS when `tls` is given: plain connections
  // are still taken); throws std::runtime_error when it cannot.
  explicit PostgresServer(std::optional<PostgresTls> tls = std::nullopt);
  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  // The binary's one server, started on first use. Call it first from the
  // test's own thread (Boost.Test's main thread): the server is told to stop
  // when the thread that started it ends.
  static PostgresServer& shared();

  // A new, empty database ("test_<n>") and how to reach it as "herald".
  DatabaseConfig create_database();
  // How to reach database `name` (it must exist).
  DatabaseConfig database(const std::string& name) const;

  // Stops the server (fast shutdown: clients cut off, what was committed
  // kept) and starts it again on the same port, as an operator's restart.
  void restart();
  // The same in two steps, the database away in between.
  void stop_now() { stop(); }
  void start_again();

  int port() const { return port_; }
  double start_seconds() const { return start_seconds_; }  // initdb + start, for the report

 private:
  void init();
  bool start(int port);  // false: the port was taken; try another
  void stop();

  TempDir dir_;
  std::optional<PostgresTls> tls_;
  std::string password_;
  int port_ = 0;
  int pid_ = -1;
  int next_database_ = 0;
  double start_seconds_ = 0;
};

}  // namespace herald::test
