// Versioned migrations in PostgreSQL: a fresh database gets every step, a
// second run does nothing, a failed step leaves nothing behind, a newer
// database is refused, and two instances starting at once migrate once.
#include "daemon/postgres/pg_schema.h"

#include <string>
#include <thread>

#include <boost/test/unit_test.hpp>

#include "tests/support/postgres/postgres_server.h"

namespace herald {
namespace {

const char* const kV1[] = {"CREATE TABLE a(k TEXT PRIMARY KEY)", "CREATE INDEX a_k ON a(k)"};
const char* const kV2[] = {"ALTER TABLE a ADD COLUMN n BIGINT NOT NULL DEFAULT 0"};
const char* const kBroken[] = {"CREATE TABLE b(k TEXT)", "CREATE TABLE a(k TEXT)"};  // a exists
const PgSchemaStep kSteps[] = {{1, kV1}, {2, kV2}};
const PgSchemaStep kStepsBroken[] = {{1, kV1}, {2, kV2}, {3, kBroken}};


bool table_exists(PgConnection& conn, const char* name) {
  PgRows rows;
  BOOST_TEST_REQUIRE(conn.exec("SELECT to_regclass($1) IS NOT NULL", PgParams().text(name), &rows).ok());
  return rows.text(0, 0) == "t";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pg_schema, *boost::unit_test::precondition(test::postgres_installed))

BOOST_AUTO_TEST_CASE(fresh_then_idempotent) {
  PgConnection conn = test::connected(test::PostgresServer::shared().create_database());
  std::int64_t version = -1;
  BOOST_TEST(pg_schema_version(conn, "demo", &version).ok());
  BOOST_TEST(version == 0);
  PgMigration m = migrate_pg_schema(conn, "demo", kSteps);
  BOOST_TEST_REQUIRE(m.status.ok(), m.status.message);
  BOOST_TEST(m.from == 0);
  BOOST_TEST(m.to == 2);
  BOOST_TEST(conn.exec("INSERT INTO a(k, n) VALUES ('x', 1)").ok());
  m = migrate_pg_schema(conn, "demo", kSteps);
  BOOST_TEST(m.status.ok());
  BOOST_TEST(m.from == 2);
  BOOST_TEST(m.to == 2);
  BOOST_TEST(pg_schema_version(conn, "demo", &version).ok());
  BOOST_TEST(version == 2);
  BOOST_TEST(pg_schema_version(conn, "other", &version).ok());
  BOOST_TEST(version == 0);  // one row per schema
}

BOOST_AUTO_TEST_CASE(a_failed_step_leaves_the_database_as_it_was) {
  PgConnection conn = test::connected(test::PostgresServer::shared().create_database());
  BOOST_TEST_REQUIRE(migrate_pg_schema(conn, "demo", std::span(kSteps).first(1)).status.ok());
  PgMigration m = migrate_pg_schema(conn, "demo", kStepsBroken);
  BOOST_TEST(m.status.sqlstate == "42P07");
  BOOST_TEST(m.status.message == conn.shown() + ": relation \"a\" already exists (SQLSTATE 42P07)");
  BOOST_TEST(m.from == 1);
  BOOST_TEST(m.to == 1);
  std::int64_t version = 0;
  BOOST_TEST(pg_schema_version(conn, "demo", &version).ok());
  BOOST_TEST(version == 1);          // step 2, which worked, rolled back with step 3
  BOOST_TEST(!table_exists(conn, "b"));
}

BOOST_AUTO_TEST_CASE(a_newer_database_is_refused) {
  PgConnection conn = test::connected(test::PostgresServer::shared().create_database());
  BOOST_TEST_REQUIRE(migrate_pg_schema(conn, "demo", kSteps).status.ok());
  PgMigration m = migrate_pg_schema(conn, "demo", std::span(kSteps).first(1));
  BOOST_TEST(m.status.message ==
             conn.shown() + ": schema 'demo' is at version 2, newer than this herald's (1); run the herald that "
                            "migrated it");
}

// Without the lock the second would find version 0 too and fail on a
// table the first created (or on schema_version itself).
BOOST_AUTO_TEST_CASE(two_instances_starting_together_migrate_once) {
  for (int round = 0; round < 5; ++round) {
    DatabaseConfig db = test::PostgresServer::shared().create_database();
    PgConnection one = test::connected(db), two = test::connected(db);
    PgMigration a, b;
    std::thread first([&] { a = migrate_pg_schema(one, "demo", kSteps); });
    std::thread second([&] { b = migrate_pg_schema(two, "demo", kSteps); });
    first.join();
    second.join();
    BOOST_TEST_REQUIRE(a.status.ok(), a.status.message);
    BOOST_TEST_REQUIRE(b.status.ok(), b.status.message);
    BOOST_TEST(a.to == 2);
    BOOST_TEST(b.to == 2);
    BOOST_TEST(((a.from == 0) != (b.from == 0)), "exactly one applied the steps");
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
