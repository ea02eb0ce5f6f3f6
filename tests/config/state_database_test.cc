// state.database: the PostgreSQL URL (database_url.h), its password from
// ${ENV} or state.database_password_file, each error's exact text, and the
// password never in a message.
#include <cstdlib>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "config/config.h"
#include "tests/config/daemon_config_text.h"
#include "tests/support/test_support.h"

namespace herald {
namespace {

std::vector<std::string> errors_of(const std::string& state, TargetKeys keys = TargetKeys::everything) {
  return test::daemon_config_errors(test::kDaemonMinimal + state, keys);
}

std::optional<DatabaseConfig> database_of(const std::string& state,
                                          TargetKeys keys = TargetKeys::everything) {
  return test::daemon_config(test::kDaemonMinimal + state, keys).state.database;
}

using Errors = std::vector<std::string>;
using Options = std::vector<std::pair<std::string, std::string>>;

}  // namespace

BOOST_AUTO_TEST_SUITE(state_database)

BOOST_AUTO_TEST_CASE(absent_means_sqlite_in_the_state_directory) {
  BOOST_TEST(!database_of("").has_value());
  BOOST_TEST(!database_of("state: {dir: /var/lib/h}\n").has_value());
}

// state.instance: this instance's name in a shared outbox (pg_outbox.h).
BOOST_AUTO_TEST_CASE(an_instance_name_of_letters_digits_and_dashes) {
  BOOST_TEST(test::daemon_config(test::kDaemonMinimal + "state: {dir: /var/lib/h}\n").state.instance == "");
  BOOST_TEST(test::daemon_config(test::kDaemonMinimal + "state: {database: 'postgresql://h@db/h', instance: web-1.a_b}\n")
                 .state.instance == "web-1.a_b");
  BOOST_TEST(errors_of("state: {instance: 'web 1'}\n") ==
             Errors{"/srv/h.yaml:4:19: error: 'state.instance' may hold only letters, digits, '-', '_' and '.'"});
  BOOST_TEST(errors_of("state: {instance: ''}\n") ==
             Errors{"/srv/h.yaml:4:19: error: 'state.instance' must be 1 to 64 characters, e.g. the host's name"});
}

BOOST_AUTO_TEST_CASE(a_url_with_every_part) {
  std::optional<DatabaseConfig> db = database_of(
      "state: {database: 'postgresql://herald:pa%40ss@db.example:6432/herald_state"
      "?sslmode=verify-full&connect_timeout=5&application_name=herald-a'}\n");
  BOOST_TEST_REQUIRE(db.has_value());
  BOOST_TEST(db->host == "db.example");
  BOOST_TEST(db->port == 6432);
  BOOST_TEST(db->dbname == "herald_state");
  BOOST_TEST(db->user == "herald");
  BOOST_TEST(db->password == "pa@ss");  // percent-decoded
  BOOST_TEST((db->options ==
              Options{{"sslmode", "verify-full"}, {"connect_timeout", "5"}, {"application_name", "herald-a"}}));
  BOOST_TEST(db->shown == "postgresql://herald:***@db.example:6432/herald_state");
}

BOOST_AUTO_TEST_CASE(postgres_scheme_addresses_and_socket_directories) {
  std::optional<DatabaseConfig> db = database_of("state: {database: 'postgres://[::1]/h'}\n");
  BOOST_TEST(db->host == "::1");
  BOOST_TEST(db->port == 5432);
  BOOST_TEST(db->user == "");
  BOOST_TEST(db->shown == "postgres://[::1]/h");
  BOOST_TEST(database_of("state: {database: 'postgresql://u@127.0.0.1/h'}\n")->host == "127.0.0.1");
  db = database_of("state: {database: 'postgresql://herald@%2Frun%2Fpostgresql/h'}\n");
  BOOST_TEST(db->host == "/run/postgresql");
  BOOST_TEST(db->shown == "postgresql://herald@%2Frun%2Fpostgresql/h");
}

BOOST_AUTO_TEST_CASE(the_password_from_the_environment) {
  ::setenv("HERALD_TEST_DB_PASSWORD", "s3cret", 1);
  std::optional<DatabaseConfig> db =
      database_of("state: {database: 'postgresql://herald:${HERALD_TEST_DB_PASSWORD}@db/h'}\n");
  BOOST_TEST(db->password == "s3cret");
  BOOST_TEST(db->shown == "postgresql://herald:***@db/h");
  ::unsetenv("HERALD_TEST_DB_PASSWORD");
  BOOST_TEST(errors_of("state: {database: 'postgresql://herald:${HERALD_TEST_DB_PASSWORD}@db/h'}\n") ==
             Errors{"/srv/h.yaml:4:19: error: 'state.database' uses ${HERALD_TEST_DB_PASSWORD}, but the environment "
                    "variable HERALD_TEST_DB_PASSWORD is not set; set it, or write $${ for a literal '${'"});
}

BOOST_AUTO_TEST_CASE(the_password_from_a_file_verbatim) {
  test::TempDir dir;
  test::write_file(dir / "db-password", "p@ss:/word%\n");
  std::optional<DatabaseConfig> db = database_of("state: {database: 'postgresql://herald@db/h', "
                                                 "database_password_file: " + dir / "db-password" + "}\n");
  BOOST_TEST(db->password == "p@ss:/word%");
  BOOST_TEST(db->shown == "postgresql://herald@db/h");
}

BOOST_AUTO_TEST_CASE(password_file_errors) {
  test::TempDir dir;
  BOOST_TEST(errors_of("state: {database: 'postgresql://herald@db/h', database_password_file: " + dir / "none" +
                       "}\n") ==
             Errors{"/srv/h.yaml:4:71: error: 'state.database_password_file' names " + dir / "none" +
                    ", which cannot be read (No such file or directory); put the secret in that file"});
  test::write_file(dir / "pw", "x\n");
  BOOST_TEST(errors_of("state: {database: 'postgresql://herald:in-url@db/h', database_password_file: " +
                       dir / "pw" + "}\n") ==
             Errors{"/srv/h.yaml:4:78: error: 'state.database_password_file' is set, and the URL of 'state.database' "
                    "holds a password too; give it in one place (remove the password from the URL, or this "
                    "key)"});
  BOOST_TEST(errors_of("state: {database_password_file: " + dir / "pw" + "}\n") ==
             Errors{"/srv/h.yaml:4:33: error: 'state.database_password_file' is set, but 'state.database' is not; "
                    "give the database's URL, or remove it"});
}

// Each URL, and the message after "/srv/h.yaml:4:19: error: 'state.database' ".
const std::pair<const char*, const char*> kUrlErrors[] = {
    {"mysql://herald:s3cret@db/h",
     "must start with postgresql:// or postgres://, got 'mysql://herald:***@db/h'; without 'state.database' "
     "herald keeps its state in SQLite in state.dir"},
    {"postgresql://herald:s3cret@/h",
     "names no host in 'postgresql://herald:***@/h'; write postgresql://USER@HOST:PORT/DATABASE (a host name, "
     "an address, or %2Frun%2Fpostgresql for a unix socket directory)"},
    {"postgresql://herald:s3cret@db",
     "names no database in 'postgresql://herald:***@db'; write postgresql://USER@HOST:PORT/DATABASE"},
    {"postgresql://db:99999/h", "has the port '99999' in 'postgresql://db:99999/h'; give 1 to 65535 (default 5432)"},
    {"postgresql://herald:s3c@ret@db/h",
     "is not a URL: 'postgresql://herald:***@db/h'; write postgresql://USER@HOST:PORT/DATABASE (a password "
     "from ${ENV} with @ : / ? # or % in it must be percent-encoded, or given in 'state.database_password_file')"},
    {"postgresql://db/h?sslmode=always",
     "has sslmode=always; use disable, allow, prefer, require, verify-ca or verify-full"},
    {"postgresql://db/h?connect_timeout=soon", "has connect_timeout=soon; give whole seconds, e.g. connect_timeout=10"},
    {"postgresql://db/h?options=-c%20x",
     "has the setting 'options', which herald does not pass to PostgreSQL; use sslmode, sslrootcert, sslcert, "
     "sslkey, connect_timeout, application_name, target_session_attrs"},
    {"postgresql://u@db/h?password=s3cret",
     "has the password as a query setting; give it in the user part "
     "(postgresql://USER:${PASSWORD}@HOST/DATABASE) or in 'state.database_password_file'"},
};

BOOST_AUTO_TEST_CASE(url_errors_name_the_fix_and_never_the_password) {
  for (const auto& [url, message] : kUrlErrors) {
    BOOST_TEST(errors_of(std::string("state: {database: '") + url + "'}\n") ==
                   Errors{std::string("/srv/h.yaml:4:19: error: 'state.database' ") + message},
               url);
  }
}

BOOST_AUTO_TEST_CASE(editor_commands_read_no_database_secret) {
  ::unsetenv("HERALD_TEST_DB_PASSWORD");
  const std::string state = "state: {database: 'postgresql://h:${HERALD_TEST_DB_PASSWORD}@db/h', "
                            "database_password_file: /nonexistent}\n";
  BOOST_TEST(!database_of(state, TargetKeys::names_and_types).has_value());
  // Known to be there, though: status and list read it when the daemon is down (cli_control.h).
  BOOST_TEST(test::daemon_config(test::kDaemonMinimal + state, TargetKeys::names_and_types).state.has_database);
  BOOST_TEST(!test::daemon_config(test::kDaemonMinimal + "state: {dir: /var/lib/h}\n", TargetKeys::names_and_types)
                  .state.has_database);
}

BOOST_AUTO_TEST_CASE(migrate_state_reads_the_database_and_no_target_secret) {
  ::unsetenv("HERALD_TEST_HOOK_SECRET");
  ::setenv("HERALD_TEST_DB_PASSWORD", "s3cret", 1);
  const std::string text = "state: {database: 'postgresql://h:${HERALD_TEST_DB_PASSWORD}@db/h'}\n"
                           "targets:\n- {name: hook, type: webhook, url: 'https://h.example/', "
                           "secret: '${HERALD_TEST_HOOK_SECRET}'}\n";
  BOOST_TEST(errors_of(text).size() == 1u);  // herald run needs the hook's secret
  std::optional<DatabaseConfig> db = database_of(text, TargetKeys::names_types_and_database);
  BOOST_TEST_REQUIRE(db.has_value());
  BOOST_TEST(db->password == "s3cret");
  ::unsetenv("HERALD_TEST_DB_PASSWORD");
}

BOOST_AUTO_TEST_CASE(mask_by_text) {
  BOOST_TEST(mask_database_password("postgresql://a:b@c/d") == "postgresql://a:***@c/d");
  BOOST_TEST(mask_database_password("postgresql://a:b@c@d/e?x=y@z") == "postgresql://a:***@d/e?x=y@z");
  BOOST_TEST(mask_database_password("postgresql://a@c/d") == "postgresql://a@c/d");
  BOOST_TEST(mask_database_password("postgresql://c:5432/d") == "postgresql://c:5432/d");
  BOOST_TEST(mask_database_password("a:b@c") == "a:***@c");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
