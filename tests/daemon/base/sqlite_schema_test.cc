#include "daemon/base/sqlite_schema.h"

#include <boost/test/unit_test.hpp>
#include <vector>

#include "tests/support/test_support.h"

namespace herald {

using test::TempDir;

namespace {

std::int64_t version_of(SqliteDb& db) {
  std::int64_t version = -1;
  BOOST_REQUIRE(db.user_version(&version).ok());
  return version;
}

std::vector<std::string> tables(SqliteDb& db) {
  SqliteStatement stmt;
  BOOST_REQUIRE(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", &stmt).ok());
  std::vector<std::string> names;
  while (stmt.step()) names.emplace_back(stmt.column_text(0));
  return names;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sqlite_schema)

BOOST_AUTO_TEST_CASE(applies_only_the_steps_a_database_lacks) {
  TempDir dir;
  SqliteDb db;
  BOOST_REQUIRE(db.open(dir / "t.db").ok());
  const char* const v1[] = {"CREATE TABLE a(x)"};
  BOOST_TEST(migrate_schema(db, v1).ok());
  BOOST_TEST(version_of(db) == 1);
  BOOST_TEST(migrate_schema(db, v1).ok());  // idempotent
  BOOST_TEST(version_of(db) == 1);

  // A later herald appends a step; the first is not run again.
  const char* const v3[] = {"CREATE TABLE a(x)", "ALTER TABLE a ADD COLUMN y", "CREATE TABLE b(z)"};
  BOOST_TEST(migrate_schema(db, v3).ok());
  BOOST_TEST(version_of(db) == 3);
  BOOST_TEST(tables(db) == (std::vector<std::string>{"a", "b"}));
  SqliteStatus s;
  BOOST_TEST(unusable_schema(db, 3, &s) == "");
  BOOST_TEST(unusable_schema(db, 1, &s) == dir / "t.db: schema version 3 is newer than this herald's (1)");
  BOOST_TEST(s.ok());
}

BOOST_AUTO_TEST_CASE(a_failed_step_keeps_the_steps_before_it_and_nothing_of_its_own) {
  TempDir dir;
  SqliteDb db;
  BOOST_REQUIRE(db.open(dir / "t.db").ok());
  const char* const steps[] = {"CREATE TABLE a(x)", "CREATE TABLE b(y); CREATE TABLE a(x)"};
  SqliteStatus s = migrate_schema(db, steps);
  BOOST_TEST(s.message == dir / "t.db: table a already exists");
  BOOST_TEST(version_of(db) == 1);
  BOOST_TEST(tables(db) == (std::vector<std::string>{"a"}));
  BOOST_TEST(!db.exec("SELECT 1").code);  // no transaction left open
  BOOST_TEST(db.exec("BEGIN IMMEDIATE").ok());
  BOOST_TEST(db.exec("ROLLBACK").ok());
}

BOOST_AUTO_TEST_CASE(an_unversioned_file_with_tables_is_unusable) {
  TempDir dir;
  SqliteDb db;
  BOOST_REQUIRE(db.open(dir / "t.db").ok());
  SqliteStatus s;
  BOOST_TEST(unusable_schema(db, 1, &s) == "");  // empty: fine
  BOOST_REQUIRE(db.exec("CREATE TABLE t(x)").ok());
  BOOST_TEST(unusable_schema(db, 1, &s) == dir / "t.db: tables of an unknown schema");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
