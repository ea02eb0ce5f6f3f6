// The PostgreSQL outbox over TLS, as state.database's URL asks for it:
// with sslmode=verify-full and sslrootcert= naming the authority that
// signed the server's certificate, herald connects and the connection is
// encrypted; with another authority it is refused, saying why, the
// password never in the message. A private server with ssl=on and
// certificates made by the openssl command at test time
// (tests/support/postgres/test_certificates.h).
#include <boost/test/unit_test.hpp>
#include <boost/url/url.hpp>

#include "config/database_url.h"
#include "daemon/outbox/pg_outbox.h"
#include "tests/support/postgres/postgres_server.h"
#include "tests/support/postgres/test_certificates.h"

namespace herald {
namespace {

// The URL an operator writes in state.database for `db`, with `query`
// (Boost.URL encodes the password and the query's values).
std::string url_of(const DatabaseConfig& db, const std::vector<std::pair<std::string, std::string>>& query) {
  boost::urls::url url;
  url.set_scheme("postgresql");
  url.set_user(db.user);
  url.set_password(db.password);
  url.set_host_address(db.host);
  url.set_port_number(static_cast<std::uint16_t>(db.port));
  url.set_path("/" + db.dbname);
  for (const auto& [key, value] : query) url.params().append({key, value});
  return std::string(url.buffer());
}

DatabaseConfig parsed(const std::string& url) {
  DatabaseUrl read = parse_database_url(url);
  BOOST_TEST_REQUIRE(read.error.empty(), read.error);
  return read.database;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pg_outbox_tls, *boost::unit_test::precondition(test::postgres_installed))

BOOST_AUTO_TEST_CASE(verify_full_connects_with_the_servers_authority_and_refuses_another) {
  test::TempDir dir;
  test::TestCertificates certificates = test::make_test_certificates(dir);
  test::PostgresServer server(test::PostgresTls{certificates.server_cert, certificates.server_key});
  const DatabaseConfig plain = server.create_database();

  const DatabaseConfig tls = parsed(url_of(plain, {{"sslmode", "verify-full"}, {"sslrootcert", certificates.ca}}));
  Result<std::unique_ptr<Outbox>> outbox = open_pg_outbox(tls, PgOutboxOptions{"web1"});
  BOOST_TEST_REQUIRE(outbox.ok(), outbox.error());
  BOOST_TEST((*outbox)->record({OutboxPost{"p", "Aviso", "https://example.org/p/", "p.md", 1000}}, {}).ok());
  PgConnection connection = test::connected(tls);
  PgRows encrypted;
  BOOST_TEST_REQUIRE(
      connection.exec("SELECT ssl::text, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()", {}, &encrypted).ok());
  BOOST_TEST_REQUIRE(encrypted.rows() == 1);
  BOOST_TEST(encrypted.text(0, 0) == "true");
  BOOST_TEST(encrypted.text(0, 1).starts_with("TLSv1."));

  const DatabaseConfig wrong =
      parsed(url_of(plain, {{"sslmode", "verify-full"}, {"sslrootcert", certificates.other_ca}}));
  Result<std::unique_ptr<Outbox>> refused = open_pg_outbox(wrong, PgOutboxOptions{"web2"});
  BOOST_TEST_REQUIRE(!refused.ok());
  BOOST_TEST(refused.error().starts_with(wrong.shown + ": "), refused.error());
  BOOST_TEST(refused.error().find("certificate verify failed") != std::string::npos, refused.error());
  BOOST_TEST(refused.error().find(plain.password) == std::string::npos, refused.error());
  BOOST_TEST(wrong.shown.find(plain.password) == std::string::npos, wrong.shown);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
