// PgConnection against the private PostgreSQL server: parameters of every
// kind round-trip (bytes in binary), errors keep their SQLSTATE and name the
// database by its masked URL, a failed connection never shows the password,
// transactions roll back unless committed.
#include "daemon/postgres/pg_connection.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>

#include <boost/test/unit_test.hpp>

#include "tests/support/postgres/postgres_server.h"

namespace herald {
namespace {


std::string all_bytes() {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  return bytes;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pg_connection, *boost::unit_test::precondition(test::postgres_installed))

BOOST_AUTO_TEST_CASE(values_round_trip_through_parameters) {
  PgConnection conn = test::connected(test::PostgresServer::shared().create_database());
  BOOST_TEST_REQUIRE(conn.exec("CREATE TABLE t(i BIGINT, s TEXT, b BYTEA, n TEXT)").ok());
  const std::string quote = "it's \"quoted\"; DROP TABLE t; --";
  PgStatus s = conn.exec("INSERT INTO t VALUES ($1, $2, $3, $4)",
                         PgParams().integer(-9007199254740993).text(quote).bytes(all_bytes()).null());
  BOOST_TEST_REQUIRE(s.ok(), s.message);
  PgRows rows;
  BOOST_TEST_REQUIRE(conn.exec("SELECT i, s, b, n FROM t", {}, &rows).ok());
  BOOST_TEST(rows.rows() == 1);
  BOOST_TEST(rows.integer(0, 0) == -9007199254740993);
  BOOST_TEST(rows.text(0, 1) == quote);
  BOOST_TEST(rows.bytes(0, 2) == all_bytes());
  BOOST_TEST(rows.is_null(0, 3));
  BOOST_TEST(!rows.is_null(0, 1));
}

BOOST_AUTO_TEST_CASE(errors_keep_the_sqlstate_and_name_the_database) {
  DatabaseConfig db = test::PostgresServer::shared().create_database();
  PgConnection conn = test::connected(db);
  BOOST_TEST_REQUIRE(conn.exec("CREATE TABLE u(k TEXT PRIMARY KEY)").ok());
  BOOST_TEST_REQUIRE(conn.exec("INSERT INTO u VALUES ($1)", PgParams().text("a")).ok());
  PgRows rows;
  PgStatus s = conn.exec("INSERT INTO u VALUES ($1)", PgParams().text("a"), &rows);
  BOOST_TEST(s.is(kSqlstateUniqueViolation));
  BOOST_TEST(s.message == db.shown + ": duplicate key value violates unique constraint \"u_pkey\" (SQLSTATE 23505)");
  BOOST_TEST(s.as_status().message == s.message);
  s = conn.exec("SELECT nothing FROM nowhere");
  BOOST_TEST(s.sqlstate == "42P01");
  BOOST_TEST(s.message == db.shown + ": relation \"nowhere\" does not exist (SQLSTATE 42P01)");
  s = conn.exec("SELECT 1; SELECT 2");  // one statement a call
  BOOST_TEST(s.sqlstate == "42601");
}

BOOST_AUTO_TEST_CASE(a_refused_connection_never_shows_the_password) {
  DatabaseConfig db = test::PostgresServer::shared().database("postgres");
  db.password = "wrong-secret-" + db.password;
  PgConnection conn;
  PgStatus s = conn.connect(db);
  BOOST_TEST(!conn.is_open());
  BOOST_TEST(s.is(kSqlstateCannotConnect));
  BOOST_TEST(s.message.find("wrong-secret") == std::string::npos, s.message);
  BOOST_TEST(s.message.find(db.shown + ": connection to server at \"127.0.0.1\"") == 0, s.message);
  BOOST_TEST(s.message.find("password authentication failed for user \"herald\"") != std::string::npos, s.message);
  BOOST_TEST(s.message.find('\n') == std::string::npos);

  db.port = 1;  // nothing listens there
  s = conn.connect(db);
  BOOST_TEST(s.is(kSqlstateCannotConnect));
  BOOST_TEST(s.message.find("Connection refused") != std::string::npos, s.message);
  s = conn.exec("SELECT 1");
  BOOST_TEST(s.is(kSqlstateConnectionLost));
  BOOST_TEST(s.message == db.shown + ": not connected");
}

// A server that takes the connection and never answers: connect() gives up
// after connect_timeout instead of hanging the caller.
BOOST_AUTO_TEST_CASE(a_silent_server_times_out) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  BOOST_TEST_REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  BOOST_TEST_REQUIRE(::listen(fd, 8) == 0);  // the kernel completes handshakes; nobody reads
  BOOST_TEST_REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  DatabaseConfig db = test::PostgresServer::shared().database("postgres");
  db.port = ntohs(address.sin_port);
  PgConnection conn;
  auto started = std::chrono::steady_clock::now();
  PgStatus s = conn.connect(db, PgConnectOptions{.connect_timeout = std::chrono::seconds(2)});
  auto waited = std::chrono::steady_clock::now() - started;
  ::close(fd);
  BOOST_TEST(s.is(kSqlstateCannotConnect));
  BOOST_TEST(s.message.find("timeout expired") != std::string::npos, s.message);
  BOOST_TEST((waited >= std::chrono::milliseconds(1900) && waited < std::chrono::seconds(6)));
}

BOOST_AUTO_TEST_CASE(transactions_roll_back_unless_committed) {
  PgConnection conn = test::connected(test::PostgresServer::shared().create_database());
  BOOST_TEST_REQUIRE(conn.exec("CREATE TABLE t(k TEXT PRIMARY KEY)").ok());
  {
    PgTransaction txn(conn);
    BOOST_TEST_REQUIRE(txn.begin().ok());
    BOOST_TEST_REQUIRE(conn.exec("INSERT INTO t VALUES ('dropped')").ok());
  }
  {
    PgTransaction txn(conn);
    BOOST_TEST_REQUIRE(txn.begin().ok());
    BOOST_TEST_REQUIRE(conn.exec("INSERT INTO t VALUES ('kept')").ok());
    BOOST_TEST_REQUIRE(txn.commit().ok());
  }
  {
    PgTransaction txn(conn);  // a statement failed: COMMIT rolls back, and says so
    BOOST_TEST_REQUIRE(txn.begin().ok());
    BOOST_TEST_REQUIRE(conn.exec("INSERT INTO t VALUES ('lost')").ok());
    BOOST_TEST(!conn.exec("INSERT INTO t VALUES ('kept')").ok());
    PgStatus s = txn.commit();
    BOOST_TEST(s.sqlstate == "25P02");
    BOOST_TEST(s.message == conn.shown() + ": the transaction failed and was rolled back");
  }
  PgRows rows;
  BOOST_TEST_REQUIRE(conn.exec("SELECT k FROM t ORDER BY k", {}, &rows).ok());
  BOOST_TEST(rows.rows() == 1);
  BOOST_TEST(rows.text(0, 0) == "kept");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
