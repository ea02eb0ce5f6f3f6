// The outbox's schema in PostgreSQL against the SQLite one: the same tables
// and columns (outbox_tables.h, types mapped), the same unique keys (what
// makes an announcement once for the cluster), migrated once however many
// instances start together.
#include "daemon/outbox/outbox_pg_schema.h"

#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "daemon/base/sqlite_db.h"
#include "daemon/outbox/outbox.h"
#include "daemon/outbox/outbox_tables.h"
#include "tests/support/postgres/postgres_server.h"

namespace herald {
namespace {

using Columns = std::vector<std::pair<std::string, std::string>>;  // name, type
using Uniques = std::set<std::string>;  // "table(col, col)"

std::string sqlite_type(ColumnKind kind) {
  return kind == ColumnKind::integer ? "INTEGER" : kind == ColumnKind::text ? "TEXT" : "BLOB";
}

std::string pg_type(ColumnKind kind) {
  return kind == ColumnKind::integer ? "bigint" : kind == ColumnKind::text ? "text" : "bytea";
}

Columns listed(const OutboxTable& table, std::string (*type)(ColumnKind)) {
  Columns out;
  for (const OutboxColumn& c : table.columns) out.emplace_back(std::string(c.name), type(c.kind));
  return out;
}

std::set<std::string> listed_tables() {
  std::set<std::string> out;
  for (const OutboxTable& t : outbox_tables()) out.insert(std::string(t.name));
  return out;
}

// A fresh SQLite outbox at schema 6, opened read-only to look at.
struct SqliteOutbox {
  test::TempDir dir;
  SqliteDb db;
  SqliteOutbox() {
    BOOST_TEST_REQUIRE(Outbox::open(dir / "outbox.db", Outbox::Mode::read_write).ok());
    BOOST_TEST_REQUIRE(db.open(dir / "outbox.db", SqliteOptions{.read_only = true}).ok());
  }
  std::vector<std::vector<std::string>> rows(const std::string& sql, int columns) {
    SqliteStatement stmt;
    BOOST_TEST_REQUIRE(db.prepare(sql, &stmt).ok(), sql);
    std::vector<std::vector<std::string>> out;
    while (stmt.step()) {
      out.emplace_back();
      for (int c = 0; c < columns; ++c) out.back().emplace_back(stmt.column_text(c));
    }
    return out;
  }
  Uniques uniques() {
    Uniques out;
    for (const std::string& table : listed_tables()) {
      for (const auto& index : rows("SELECT name, \"unique\" FROM pragma_index_list('" + table + "')", 2)) {
        if (index[1] != "1") continue;
        std::string columns;
        for (const auto& c : rows("SELECT name FROM pragma_index_info('" + index[0] + "') ORDER BY seqno", 1)) {
          columns += (columns.empty() ? "" : ", ") + c[0];
        }
        out.insert(table + "(" + columns + ")");
      }
      // INTEGER PRIMARY KEY is the rowid: unique without an index.
      for (const auto& c : rows("SELECT name FROM pragma_table_info('" + table + "') WHERE pk = 1 AND type = 'INTEGER'", 1)) {
        out.insert(table + "(" + c[0] + ")");
      }
    }
    return out;
  }
};

PgConnection migrated(const DatabaseConfig& db) {
  PgConnection conn = test::connected(db);
  PgMigration m = migrate_outbox_pg(conn);
  BOOST_TEST_REQUIRE(m.status.ok(), m.status.message);
  return conn;
}

std::vector<std::vector<std::string>> pg_rows(PgConnection& conn, const std::string& sql, const PgParams& params = {}) {
  PgRows rows;
  PgStatus s = conn.exec(sql, params, &rows);
  BOOST_TEST_REQUIRE(s.ok(), s.message);
  std::vector<std::vector<std::string>> out;
  for (int r = 0; r < rows.rows(); ++r) {
    out.emplace_back();
    for (int c = 0; c < rows.columns(); ++c) out.back().emplace_back(rows.text(r, c));
  }
  return out;
}

Uniques pg_uniques(PgConnection& conn) {
  Uniques out;
  for (const auto& row : pg_rows(conn,
                                 "SELECT t.relname, string_agg(a.attname, ', ' ORDER BY k.ord)"
                                 " FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid"
                                 " JOIN pg_namespace n ON n.oid = t.relnamespace"
                                 " CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)"
                                 " JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum"
                                 " WHERE i.indisunique AND n.nspname = 'public' AND t.relname <> 'schema_version'"
                                 " GROUP BY i.indexrelid, t.relname")) {
    out.insert(row[0] + "(" + row[1] + ")");
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(outbox_pg_schema, *boost::unit_test::precondition(test::postgres_installed))

BOOST_AUTO_TEST_CASE(both_engines_hold_the_listed_tables_and_columns) {
  SqliteOutbox sqlite;
  PgConnection pg = migrated(test::PostgresServer::shared().create_database());
  std::set<std::string> sqlite_tables, pg_tables;
  for (const auto& row : sqlite.rows("SELECT name FROM sqlite_master WHERE type = 'table'", 1)) {
    sqlite_tables.insert(row[0]);
  }
  for (const auto& row : pg_rows(pg, "SELECT table_name FROM information_schema.tables"
                                     " WHERE table_schema = 'public' AND table_name <> 'schema_version'")) {
    pg_tables.insert(row[0]);
  }
  BOOST_TEST(sqlite_tables == listed_tables(), boost::test_tools::per_element());
  BOOST_TEST(pg_tables == listed_tables(), boost::test_tools::per_element());
  for (const OutboxTable& table : outbox_tables()) {
    const std::string name(table.name);
    Columns in_sqlite, in_pg;
    for (const auto& row : sqlite.rows("SELECT name, type FROM pragma_table_info('" + name + "') ORDER BY cid", 2)) {
      in_sqlite.emplace_back(row[0], row[1]);
    }
    for (const auto& row : pg_rows(pg, "SELECT column_name, data_type FROM information_schema.columns"
                                       " WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position",
                                   PgParams().text(name))) {
      in_pg.emplace_back(row[0], row[1]);
    }
    BOOST_TEST((in_sqlite == listed(table, sqlite_type)), name);
    BOOST_TEST((in_pg == listed(table, pg_type)), name);
  }
}

BOOST_AUTO_TEST_CASE(the_same_unique_keys_decide_once) {
  SqliteOutbox sqlite;
  PgConnection pg = migrated(test::PostgresServer::shared().create_database());
  const Uniques expected = sqlite.uniques();
  BOOST_TEST(expected.count("posts(id)") == 1u);
  BOOST_TEST(expected.count("deliveries(message_id)") == 1u);
  BOOST_TEST(pg_uniques(pg) == expected, boost::test_tools::per_element());
  // The decision itself: a post seen by a second instance is refused.
  const char* insert_post = "INSERT INTO posts VALUES ($1, 't', 'u', 'p', 1, 2)";
  BOOST_TEST(pg.exec(insert_post, PgParams().text("post-1")).ok());
  BOOST_TEST(pg.exec(insert_post, PgParams().text("post-1")).is(kSqlstateUniqueViolation));
}

BOOST_AUTO_TEST_CASE(fresh_idempotent_and_once_for_instances_starting_together) {
  DatabaseConfig db = test::PostgresServer::shared().create_database();
  PgConnection one, two;
  BOOST_TEST_REQUIRE(one.connect(db).ok());
  BOOST_TEST_REQUIRE(two.connect(db).ok());
  PgMigration a, b;
  std::thread first([&] { a = migrate_outbox_pg(one); });
  std::thread second([&] { b = migrate_outbox_pg(two); });
  first.join();
  second.join();
  BOOST_TEST_REQUIRE(a.status.ok(), a.status.message);
  BOOST_TEST_REQUIRE(b.status.ok(), b.status.message);
  BOOST_TEST(std::min(a.from, b.from) == 0);
  BOOST_TEST(std::max(a.from, b.from) == Outbox::kSchemaVersion);
  PgMigration again = migrate_outbox_pg(one);
  BOOST_TEST(again.status.ok());
  BOOST_TEST(again.from == Outbox::kSchemaVersion);
  BOOST_TEST(again.to == Outbox::kSchemaVersion);
  std::int64_t version = 0;
  BOOST_TEST(pg_schema_version(one, kOutboxPgSchema, &version).ok());
  BOOST_TEST(version == Outbox::kSchemaVersion);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
