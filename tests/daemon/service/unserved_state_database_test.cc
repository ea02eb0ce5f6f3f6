// herald run with state.database set refuses to start (and a reload that
// sets it is refused) rather than keep the outbox in SQLite behind the
// operator's back: the PostgreSQL outbox is not served yet.
#include <boost/test/unit_test.hpp>

#include "daemon/service/daemon_config.h"

namespace herald {

BOOST_AUTO_TEST_SUITE(run_refuses_state_database)

BOOST_AUTO_TEST_CASE(sqlite_runs_and_a_database_is_refused_with_what_to_do) {
  Config config;
  config.state.dir = "/var/lib/herald";
  BOOST_TEST(unserved_state_database(config) == "");
  DatabaseConfig db;
  db.host = "db.example.org";
  db.dbname = "herald";
  db.user = "herald";
  db.password = "s3cret";
  db.shown = "postgresql://herald:***@db.example.org/herald";
  config.state.database = db;
  BOOST_TEST(unserved_state_database(config) ==
             "state.database is set (postgresql://herald:***@db.example.org/herald), but herald run keeps its "
             "outbox in SQLite only: the PostgreSQL outbox is not implemented yet. Remove state.database to run "
             "on /var/lib/herald/outbox.db; herald migrate-state copies that outbox into the database ahead of "
             "time (docs/operations.md)");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
