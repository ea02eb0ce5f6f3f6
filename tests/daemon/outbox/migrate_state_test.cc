// herald migrate-state below the CLI: an SQLite outbox made with the Outbox
// API (posts, deliveries in every state, an image, target state, progress,
// pace, audit, meta) copied into PostgreSQL and read back row by row; a
// database holding an outbox refused; an outbox from before schema 6
// migrated first; a herald running on state.dir refused.
#include "daemon/outbox/migrate_state.h"

#include <map>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "daemon/base/sqlite_db.h"
#include "daemon/cli/cli_migrate_state.h"
#include "daemon/outbox/outbox.h"
#include "daemon/outbox/outbox_tables.h"
#include "tests/support/postgres/postgres_server.h"

namespace herald {
namespace {

constexpr std::int64_t kNow = 1'700'000'000'000;

// Each row of a table by its first column (every table's key): the values
// as text, integers in decimal, bytes as they are.
using TableRows = std::map<std::string, std::vector<std::string>>;

Config config_for(const std::string& state_dir, const DatabaseConfig& database) {
  Config config;
  config.path = "/etc/herald/herald.yaml";
  config.state.dir = state_dir;
  config.state.database = database;
  return config;
}

NewDelivery delivery(const std::string& post, const std::string& target, int n) {
  NewDelivery d;
  d.post_id = post;
  d.target = target;
  d.event = "post.published";
  d.message_id = "msg_" + post + "_" + target;
  d.payload = "{\"n\":" + std::to_string(n) + "}" + std::string("\0\xff binary", 9);
  d.post_date_ms = kNow - n * 1000;
  d.check_url = n % 2 ? "https://example.org/" + post + "/" : "";
  return d;
}

DeliveryOutcome outcome(std::int64_t id, DeliveryOutcome::Kind kind, int status, std::string error,
                        std::string remote_id = "") {
  DeliveryOutcome o;
  o.id = id;
  o.kind = kind;
  o.at_ms = kNow;
  o.retry_at_ms = kNow + 5000;
  o.http_status = status;
  o.error = std::move(error);
  o.remote_id = remote_id;
  o.remote_url = remote_id.empty() ? "" : "https://example.social/" + remote_id;
  return o;
}

// An outbox with a row in every table and deliveries in every state.
void fill(Outbox& outbox) {
  std::vector<OutboxPost> posts;
  std::vector<NewDelivery> deliveries;
  for (int n = 0; n < 40; ++n) {
    const std::string id = "post-" + std::to_string(n);
    posts.push_back({id, "Título «" + id + "»", "https://example.org/" + id + "/", "posts/" + id + ".md", kNow - n});
    for (const char* target : {"hook", "mastodon"}) deliveries.push_back(delivery(id, target, n));
  }
  deliveries[0].image = DeliveryImage{"image/jpeg", std::string("\xff\xd8\xff\0jpeg", 8), 640, 480, "alt", "", ""};
  deliveries[1].awaiting_approval = true;
  deliveries[1].approval_deadline_ms = kNow + 60'000;
  deliveries[3].resent_by = "alice";
  deliveries[4].event = "post.updated";
  deliveries[4].change = "v2";  // announced_changes
  deliveries[5].event = "websub.publish";
  deliveries[5].change = "feed-v1";  // pinged_feeds
  BOOST_TEST_REQUIRE(outbox.record(posts, deliveries, /*baseline=*/true).ok());
  std::vector<Delivery> claimed;
  BOOST_TEST_REQUIRE(outbox.claim("hook", kNow, 30'000, 6, &claimed).ok());
  BOOST_TEST_REQUIRE(claimed.size() == 6u);
  using Kind = DeliveryOutcome::Kind;
  BOOST_TEST_REQUIRE(outbox.finish({outcome(claimed[0].id, Kind::sent, 200, "", "r1"),
                                    outcome(claimed[1].id, Kind::retry, 503, "busy"),
                                    outcome(claimed[2].id, Kind::dead, 410, "gone")})
                         .ok());
  BOOST_TEST_REQUIRE(outbox.save_target_state("mastodon", std::string("{\"s\":1}\0", 8), kNow).ok());
  BOOST_TEST_REQUIRE(outbox.save_delivery_progress(claimed[3].id, "container-7", kNow).ok());
  BOOST_TEST_REQUIRE(outbox.save_pace("hook", TargetPace{{kNow, 19000, 3, 0}, kNow + 60'000, "interval"}).ok());
  BOOST_TEST_REQUIRE(outbox.record_audit({kNow, "alice", "resend", "post-3", "hook", 0, "1 delivery"}).ok());
  BOOST_TEST_REQUIRE(outbox.set_wall_mark(kNow).ok());
}

TableRows sqlite_rows(SqliteDb& db, const OutboxTable& table) {
  TableRows out;
  SqliteStatement stmt;
  BOOST_TEST_REQUIRE(db.prepare("SELECT * FROM " + std::string(table.name), &stmt).ok());
  while (stmt.step()) {
    std::vector<std::string> row;
    for (int c = 0; c < static_cast<int>(table.columns.size()); ++c) {
      ColumnKind kind = table.columns[static_cast<std::size_t>(c)].kind;
      row.push_back(kind == ColumnKind::integer ? std::to_string(stmt.column_int64(c))
                    : kind == ColumnKind::text  ? std::string(stmt.column_text(c))
                                                : std::string(stmt.column_blob(c)));
    }
    out.emplace(row[0], row);
  }
  return out;
}

TableRows pg_rows(PgConnection& pg, const OutboxTable& table) {
  TableRows out;
  PgRows rows;
  BOOST_TEST_REQUIRE(pg.exec("SELECT * FROM " + std::string(table.name), {}, &rows).ok());
  for (int r = 0; r < rows.rows(); ++r) {
    std::vector<std::string> row;
    for (int c = 0; c < rows.columns(); ++c) {
      row.push_back(table.columns[static_cast<std::size_t>(c)].kind == ColumnKind::bytes ? rows.bytes(r, c)
                                                                                          : std::string(rows.text(r, c)));
    }
    out.emplace(row[0], row);
  }
  return out;
}


}  // namespace

BOOST_AUTO_TEST_SUITE(migrate_state_to_postgres, *boost::unit_test::precondition(test::postgres_installed))

BOOST_AUTO_TEST_CASE(every_row_of_every_table_arrives_as_it_was) {
  test::TempDir state;
  {
    Result<std::unique_ptr<Outbox>> outbox = Outbox::open(state / "outbox.db", Outbox::Mode::read_write);
    BOOST_TEST_REQUIRE(outbox.ok(), outbox.error());
    fill(**outbox);
  }
  DatabaseConfig db = test::PostgresServer::shared().create_database();
  Result<StateMigration> migrated = migrate_state(config_for(state.path(), db));
  BOOST_TEST_REQUIRE(migrated.ok(), migrated.error());
  BOOST_TEST(migrated->source == state / "outbox.db");
  BOOST_TEST(migrated->target == db.shown);

  SqliteDb sqlite;
  BOOST_TEST_REQUIRE(sqlite.open(state / "outbox.db", SqliteOptions{.read_only = true}).ok());
  PgConnection pg = test::connected(db);
  std::map<std::string, std::int64_t> counted;
  for (const TableCopy& t : migrated->tables) counted[t.table] = t.rows;
  BOOST_TEST(migrated->tables.size() == outbox_tables().size());
  for (const OutboxTable& table : outbox_tables()) {
    TableRows from = sqlite_rows(sqlite, table), to = pg_rows(pg, table);
    BOOST_TEST(from.size() > 0u, table.name);  // the fixture fills every table
    BOOST_TEST(counted[std::string(table.name)] == static_cast<std::int64_t>(from.size()));
    BOOST_TEST((from == to), table.name);
  }
  // PostgreSQL numbers new rows after the copied ones.
  PgRows next;
  BOOST_TEST_REQUIRE(pg.exec("INSERT INTO audit(at_ms, actor, action, post_id, target, delivery_id, detail)"
                             " VALUES (1, 'a', 'retry', '', '', 0, '') RETURNING id",
                             {}, &next)
                         .ok());
  BOOST_TEST(next.integer(0, 0) == 2);
  BOOST_TEST(render_state_migration(*migrated).find("herald: copied " + state / "outbox.db" + " into " + db.shown +
                                                    " in one transaction\n") == 0);
}

BOOST_AUTO_TEST_CASE(a_database_holding_an_outbox_is_refused_and_left_alone) {
  test::TempDir state;
  {
    Result<std::unique_ptr<Outbox>> outbox = Outbox::open(state / "outbox.db", Outbox::Mode::read_write);
    BOOST_TEST_REQUIRE(outbox.ok());
    fill(**outbox);
  }
  DatabaseConfig db = test::PostgresServer::shared().create_database();
  BOOST_TEST_REQUIRE(migrate_state(config_for(state.path(), db)).ok());
  Result<StateMigration> again = migrate_state(config_for(state.path(), db));
  BOOST_TEST(again.error() ==
             db.shown + " already holds an outbox (rows: 2 in meta, 40 in posts, 80 in deliveries, 1 in "
                        "target_state, 1 in delivery_images, 1 in pace_state, 1 in delivery_progress, 1 in audit, "
                        "1 in announced_changes, 1 in pinged_feeds); "
                        "herald migrate-state copies into an empty database only, and merges nothing: point "
                        "state.database at a new database, or drop this one's outbox tables yourself if it is "
                        "a copy you no longer need");
  PgConnection pg = test::connected(db);
  PgRows rows;
  BOOST_TEST_REQUIRE(pg.exec("SELECT count(*) FROM posts", {}, &rows).ok());
  BOOST_TEST(rows.integer(0, 0) == 40);
}

BOOST_AUTO_TEST_CASE(an_outbox_before_schema_6_is_migrated_first) {
  test::TempDir state;
  {
    SqliteDb empty;  // schema 0: what a herald that never recorded anything would leave
    BOOST_TEST_REQUIRE(empty.open(state / "outbox.db").ok());
  }
  Result<StateMigration> migrated =
      migrate_state(config_for(state.path(), test::PostgresServer::shared().create_database()));
  BOOST_TEST_REQUIRE(migrated.ok(), migrated.error());
  for (const TableCopy& t : migrated->tables) BOOST_TEST(t.rows == 0);
  SqliteDb sqlite;
  BOOST_TEST_REQUIRE(sqlite.open(state / "outbox.db", SqliteOptions{.read_only = true}).ok());
  std::int64_t version = 0;
  BOOST_TEST(sqlite.user_version(&version).ok());
  BOOST_TEST(version == Outbox::kSchemaVersion);
}

BOOST_AUTO_TEST_CASE(refusals_say_what_to_do) {
  test::TempDir state;
  DatabaseConfig db = test::PostgresServer::shared().database("unused");
  Config config = config_for(state.path(), db);
  BOOST_TEST(migrate_state(config).error() ==
             state / "outbox.db" + ": no outbox to copy (state.dir is " + state.path() +
                 "; herald run creates the outbox there)");
  Result<std::unique_ptr<Outbox>> running = Outbox::open(state / "outbox.db", Outbox::Mode::read_write);
  BOOST_TEST_REQUIRE(running.ok());
  BOOST_TEST(migrate_state(config).error().find(state / "outbox.db: another herald owns " + state.path()) == 0,
             migrate_state(config).error());
  running = Status::failed("closed");
  BOOST_TEST(migrate_state(config).error().find(db.shown + ": connection to server") == 0);
  config.state.database.reset();
  BOOST_TEST(migrate_state(config).error() ==
             "state.database is not set in /etc/herald/herald.yaml; herald migrate-state copies the outbox of "
             "state.dir into the PostgreSQL database it names (docs/configuration.md)");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
