#include "daemon/base/sqlite_db.h"

#include <boost/test/unit_test.hpp>

#include "tests/support/test_support.h"

namespace herald {

using test::TempDir;

BOOST_AUTO_TEST_SUITE(sqlite_db)

BOOST_AUTO_TEST_CASE(opens_in_wal_mode_and_round_trips_values) {
  TempDir dir;
  SqliteDb db;
  BOOST_TEST(db.open(dir / "t.db").ok());
  BOOST_TEST(db.is_open());
  SqliteStatement mode;
  BOOST_TEST(db.prepare("PRAGMA journal_mode", &mode).ok());
  BOOST_TEST(mode.step());
  BOOST_TEST(mode.column_text(0) == "wal");

  BOOST_TEST(db.exec("CREATE TABLE t(i INTEGER, s TEXT, b BLOB)").ok());
  SqliteStatement insert;
  BOOST_TEST(db.prepare("INSERT INTO t VALUES (?1, ?2, ?3)", &insert).ok());
  BOOST_TEST(insert.bind(1, std::int64_t{-9007199254740993}).bind(2, "ñandú 🎉").bind_blob(3, std::string("a\0b", 3)).run().ok());
  BOOST_TEST(insert.bind(1, std::int64_t{2}).bind_null(2).bind_blob(3, "").run().ok());

  SqliteStatement select;
  BOOST_TEST(db.prepare("SELECT i, s, b FROM t ORDER BY i", &select).ok());
  BOOST_TEST(select.step());
  BOOST_TEST(select.column_int64(0) == -9007199254740993);
  BOOST_TEST(select.column_text(1) == "ñandú 🎉");
  BOOST_TEST(select.column_blob(2) == std::string_view("a\0b", 3));
  BOOST_TEST(select.step());
  BOOST_TEST(select.column_is_null(1));
  BOOST_TEST(!select.column_is_null(2));  // an empty blob is not NULL
  BOOST_TEST(select.column_blob(2).empty());
  BOOST_TEST(!select.step());
  BOOST_TEST(select.status().ok());
}

BOOST_AUTO_TEST_CASE(transactions_commit_or_roll_back) {
  TempDir dir;
  SqliteDb db;
  BOOST_TEST(db.open(dir / "t.db").ok());
  BOOST_TEST(db.exec("CREATE TABLE t(i INTEGER)").ok());
  {
    SqliteTransaction txn(db);
    BOOST_TEST(txn.begin().ok());
    BOOST_TEST(db.exec("INSERT INTO t VALUES (1)").ok());
  }  // destroyed uncommitted: rolled back
  {
    SqliteTransaction txn(db);
    BOOST_TEST(txn.begin().ok());
    BOOST_TEST(db.exec("INSERT INTO t VALUES (2)").ok());
    BOOST_TEST(txn.commit().ok());
    BOOST_TEST(!txn.active());
  }
  SqliteStatement sum;
  BOOST_TEST(db.prepare("SELECT count(*), sum(i) FROM t", &sum).ok());
  BOOST_TEST(sum.step());
  BOOST_TEST(sum.column_int64(0) == 1);
  BOOST_TEST(sum.column_int64(1) == 2);
}

BOOST_AUTO_TEST_CASE(errors_name_the_file) {
  TempDir dir;
  SqliteDb db;
  SqliteStatus s = db.exec("SELECT 1");
  BOOST_TEST(s.message == ": the database is not open");

  BOOST_TEST(db.open(dir / "t.db").ok());
  SqliteStatement bad;
  s = db.prepare("SELECT nope FROM nowhere", &bad);
  BOOST_TEST(!s.ok());
  BOOST_TEST(s.message == dir / "t.db: no such table: nowhere");

  BOOST_TEST(db.exec("CREATE TABLE u(k TEXT PRIMARY KEY)").ok());
  SqliteStatement insert;
  BOOST_TEST(db.prepare("INSERT INTO u VALUES (?1)", &insert).ok());
  BOOST_TEST(insert.bind(1, "a").run().ok());
  s = insert.bind(1, "a").run();
  BOOST_TEST(s.message == dir / "t.db: UNIQUE constraint failed: u.k");
  BOOST_TEST(insert.bind(1, "b").run().ok());  // usable again after the failure

  s = insert.bind(7, "x").run();  // a bad bind is reported by run()
  BOOST_TEST(s.message == dir / "t.db: column index out of range");
}

BOOST_AUTO_TEST_CASE(reports_files_that_are_not_databases) {
  TempDir dir;
  test::write_file(dir / "junk.db", std::string(4096, 'x'));
  SqliteDb db;
  SqliteStatus s = db.open(dir / "junk.db");
  BOOST_TEST(s.not_a_database());
  BOOST_TEST(s.message == dir / "junk.db: file is not a database");
  BOOST_TEST(!db.is_open());

  test::write_file(dir / "blocker", "x");
  s = db.open(dir / "blocker/t.db");
  BOOST_TEST(!s.not_a_database());
  BOOST_TEST(s.message == dir / "blocker/t.db: unable to open database file");

  SqliteOptions no_create;
  no_create.create = false;
  BOOST_TEST(db.open(dir / "missing.db", no_create).message == dir / "missing.db: unable to open database file");
}

BOOST_AUTO_TEST_CASE(user_version_reads_what_was_set) {
  TempDir dir;
  SqliteDb db;
  BOOST_TEST(db.open(dir / "t.db").ok());
  std::int64_t v = -1;
  BOOST_TEST(db.user_version(&v).ok());
  BOOST_TEST(v == 0);
  BOOST_TEST(db.exec("PRAGMA user_version=7").ok());
  SqliteDb moved = std::move(db);
  BOOST_TEST(!db.is_open());
  BOOST_TEST(moved.user_version(&v).ok());
  BOOST_TEST(v == 7);
}

BOOST_AUTO_TEST_CASE(the_change_counter_moves_with_writes_of_either_connection) {
  TempDir dir;
  SqliteDb writer;
  BOOST_REQUIRE(writer.open(dir / "t.db").ok());
  BOOST_REQUIRE(writer.exec("CREATE TABLE t(i INTEGER)").ok());
  SqliteOptions read_only;
  read_only.read_only = true;
  SqliteDb reader;
  BOOST_REQUIRE(reader.open(dir / "t.db", read_only).ok());
  std::int64_t w0 = 0, w1 = 0, r0 = 0, r1 = 0, r2 = 0;
  BOOST_TEST(writer.change_counter(&w0).ok());
  BOOST_TEST(reader.change_counter(&r0).ok());
  BOOST_TEST(reader.change_counter(&r1).ok());
  BOOST_TEST(r1 == r0);  // nothing changed: the same number
  BOOST_TEST(writer.exec("INSERT INTO t VALUES (1)").ok());
  BOOST_TEST(writer.change_counter(&w1).ok());
  BOOST_TEST(reader.change_counter(&r2).ok());
  BOOST_TEST(w1 != w0);  // its own write
  BOOST_TEST(r2 != r1);  // another connection's commit
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
