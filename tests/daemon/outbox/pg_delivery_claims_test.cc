// Claims on the outbox in PostgreSQL: due deliveries in post order with a
// lease and an attempt counted, a live lease respected and an expired one
// taken over with the same message_id, rows another instance is claiming
// passed over without waiting, and instances claiming together each taking
// different deliveries, every one exactly once; leases timed by the
// database's clock whatever the claiming instance's clock says.
#include "daemon/outbox/pg_delivery_claims.h"

#include <atomic>
#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "daemon/outbox/outbox.h"
#include "daemon/outbox/outbox_pg_schema.h"
#include "daemon/base/wall_clock.h"
#include "daemon/outbox/state_copy.h"
#include "tests/support/postgres/postgres_server.h"

namespace herald {
namespace {

constexpr std::int64_t kNow = 1'700'000'000'000;
constexpr std::int64_t kLease = 30'000;

NewDelivery delivery(int n, const std::string& target, std::int64_t not_before_ms = 0) {
  NewDelivery d;
  d.post_id = "post-" + std::to_string(n);
  d.target = target;
  d.event = "post.published";
  d.message_id = "msg_" + std::to_string(n) + "_" + target;
  d.payload = "{\"n\":" + std::to_string(n) + "}";
  d.post_date_ms = kNow - 1'000'000 + n;  // post order is n's order
  d.not_before_ms = not_before_ms;
  return d;
}

// A PostgreSQL outbox holding `deliveries`: recorded through the SQLite
// Outbox, then copied (state_copy.h), as herald migrate-state does.
DatabaseConfig pg_outbox(const std::vector<NewDelivery>& deliveries) {
  test::TempDir dir;
  {
    Result<std::unique_ptr<Outbox>> outbox = Outbox::open(dir / "outbox.db", Outbox::Mode::read_write);
    BOOST_TEST_REQUIRE(outbox.ok(), outbox.error());
    std::vector<OutboxPost> posts;
    for (const NewDelivery& d : deliveries) posts.push_back({d.post_id, "T", "https://e/" + d.post_id, "p.md", 1});
    BOOST_TEST_REQUIRE((*outbox)->record(posts, deliveries).ok());
  }
  DatabaseConfig db = test::PostgresServer::shared().create_database();
  PgConnection pg = test::connected(db);
  BOOST_TEST_REQUIRE(migrate_outbox_pg(pg).status.ok());
  SqliteDb sqlite;
  BOOST_TEST_REQUIRE(sqlite.open(dir / "outbox.db", SqliteOptions{.read_only = true}).ok());
  Result<std::vector<TableCopy>> copied = copy_outbox(sqlite, pg);
  BOOST_TEST_REQUIRE(copied.ok(), copied.error());
  return db;
}


// A claim whose lease is timed by `now` (the instance's clock), as the
// SQLite outbox's: the tests drive time.
std::vector<Delivery> claim(PgConnection& pg, const std::string& target, std::int64_t now, int limit) {
  Result<std::vector<Delivery>> claimed =
      claim_pg_deliveries(pg, target, now, kLease, limit, PgClaimBy{"", PgClaimKind::any, PgLeaseClock::instance});
  BOOST_TEST_REQUIRE(claimed.ok(), claimed.error());
  return *std::move(claimed);
}

std::vector<std::string> messages(const std::vector<Delivery>& deliveries) {
  std::vector<std::string> out;
  for (const Delivery& d : deliveries) out.push_back(d.message_id);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pg_delivery_claims, *boost::unit_test::precondition(test::postgres_installed))

BOOST_AUTO_TEST_CASE(due_deliveries_in_post_order_with_a_lease) {
  std::vector<NewDelivery> recorded = {delivery(3, "hook"), delivery(1, "hook"), delivery(2, "hook", kNow + 10'000),
                                       delivery(4, "other"), delivery(5, "hook")};
  recorded[4].awaiting_approval = true;
  recorded[1].image = DeliveryImage{"image/png", std::string("\x89PNG\0", 5), 2, 3, "alt", "", "https://i/1.png"};
  PgConnection pg = test::connected(pg_outbox(recorded));
  std::vector<Delivery> claimed = claim(pg, "hook", kNow, 10);
  BOOST_TEST(messages(claimed) == (std::vector<std::string>{"msg_1_hook", "msg_3_hook"}),
             boost::test_tools::per_element());
  for (const Delivery& d : claimed) {
    BOOST_TEST((d.state == DeliveryState::in_flight));
    BOOST_TEST(d.lease_until_ms == kNow + kLease);
    BOOST_TEST(d.attempts == 1);
    BOOST_TEST(first_attempt(d));
  }
  BOOST_TEST_REQUIRE(claimed[0].image.has_value());
  BOOST_TEST(claimed[0].image->bytes == std::string("\x89PNG\0", 5));
  BOOST_TEST(claimed[0].image->url == "https://i/1.png");
  BOOST_TEST(!claimed[1].image.has_value());
  BOOST_TEST(claimed[1].payload == "{\"n\":3}");
  // Nothing more is due now; the delayed one is at its time.
  BOOST_TEST(claim(pg, "hook", kNow + 1, 10).empty());
  BOOST_TEST(messages(claim(pg, "hook", kNow + 10'000, 10)) == std::vector<std::string>{"msg_2_hook"});
}

BOOST_AUTO_TEST_CASE(an_expired_lease_is_taken_over_with_the_same_message_id) {
  PgConnection pg = test::connected(pg_outbox({delivery(1, "hook")}));
  std::vector<Delivery> first = claim(pg, "hook", kNow, 1);
  BOOST_TEST_REQUIRE(first.size() == 1u);
  BOOST_TEST(claim(pg, "hook", kNow + kLease - 1, 1).empty());  // its instance still holds it
  std::vector<Delivery> again = claim(pg, "hook", kNow + kLease, 1);  // it died: the lease ran out
  BOOST_TEST_REQUIRE(again.size() == 1u);
  BOOST_TEST(again[0].id == first[0].id);
  BOOST_TEST(again[0].message_id == first[0].message_id);
  BOOST_TEST(again[0].attempts == 2);
  BOOST_TEST(again[0].lease_until_ms == kNow + 2 * kLease);
}

BOOST_AUTO_TEST_CASE(rows_another_instance_is_claiming_are_passed_over_not_waited_for) {
  std::vector<NewDelivery> recorded;
  for (int n = 1; n <= 4; ++n) recorded.push_back(delivery(n, "hook"));
  DatabaseConfig db = pg_outbox(recorded);
  PgConnection busy = test::connected(db), pg = test::connected(db);
  PgTransaction held(busy);  // an instance in the middle of claiming the two oldest
  BOOST_TEST_REQUIRE(held.begin().ok());
  BOOST_TEST_REQUIRE(busy.exec("SELECT id FROM deliveries WHERE message_id IN ('msg_1_hook', 'msg_2_hook') FOR UPDATE")
                         .ok());
  BOOST_TEST_REQUIRE(pg.exec("SET lock_timeout = '2s'").ok());  // waiting would fail the claim
  auto started = std::chrono::steady_clock::now();
  std::vector<Delivery> claimed = claim(pg, "hook", kNow, 10);
  BOOST_TEST(messages(claimed) == (std::vector<std::string>{"msg_3_hook", "msg_4_hook"}),
             boost::test_tools::per_element());
  BOOST_TEST((std::chrono::steady_clock::now() - started < std::chrono::seconds(1)));
}

BOOST_AUTO_TEST_CASE(instances_claiming_together_take_each_delivery_once) {
  constexpr int kDeliveries = 300, kInstances = 4;
  std::vector<NewDelivery> recorded;
  for (int n = 0; n < kDeliveries; ++n) recorded.push_back(delivery(n, "hook"));
  DatabaseConfig db = pg_outbox(recorded);
  std::vector<std::vector<Delivery>> taken(kInstances);
  std::vector<std::string> errors(kInstances);
  std::vector<std::thread> instances;
  for (int i = 0; i < kInstances; ++i) {
    instances.emplace_back([&, i] {
      PgConnection pg;
      if (PgStatus s = pg.connect(db); !s.ok()) return void(errors[i] = s.message);
      for (;;) {
        Result<std::vector<Delivery>> batch = claim_pg_deliveries(pg, "hook", kNow, kLease, 7);
        if (!batch.ok()) return void(errors[i] = batch.error());
        if (batch->empty()) return;
        taken[i].insert(taken[i].end(), batch->begin(), batch->end());
      }
    });
  }
  for (std::thread& t : instances) t.join();
  std::set<std::string> once;
  std::size_t total = 0;
  int busy_instances = 0;
  for (int i = 0; i < kInstances; ++i) {
    BOOST_TEST(errors[i] == "");
    for (const Delivery& d : taken[i]) {
      BOOST_TEST(d.attempts == 1, d.message_id);
      once.insert(d.message_id);
    }
    total += taken[i].size();
    busy_instances += taken[i].empty() ? 0 : 1;
  }
  BOOST_TEST(total == static_cast<std::size_t>(kDeliveries));        // none taken twice...
  BOOST_TEST(once.size() == static_cast<std::size_t>(kDeliveries));  // ...and none left
  BOOST_TEST_MESSAGE(busy_instances << " of " << kInstances << " instances claimed deliveries");
}

// Issue 20: an instance whose clock is a day ahead neither takes a lease
// another instance holds nor makes its own longer; one whose clock is
// years behind takes over a lease that ran out by the database's clock.
BOOST_AUTO_TEST_CASE(leases_are_timed_by_the_database_clock_not_the_instances) {
  constexpr std::int64_t kDay = 86'400'000;
  constexpr std::int64_t kShortLease = 400;
  PgConnection pg = test::connected(pg_outbox({delivery(1, "hook"), delivery(2, "hook")}));
  const std::int64_t before = wall_clock_ms();
  Result<std::vector<Delivery>> ahead = claim_pg_deliveries(pg, "hook", before + kDay, kLease, 1, PgClaimBy{"web1"});
  BOOST_TEST_REQUIRE(ahead.ok(), ahead.error());
  BOOST_TEST_REQUIRE(ahead->size() == 1u);
  BOOST_TEST(ahead->at(0).lease_until_ms >= before + kLease);  // the database's now + the lease,
  BOOST_TEST(ahead->at(0).lease_until_ms <= wall_clock_ms() + kLease);  // not the instance's
  // Another instance a day ahead: web1's lease has not run out by the database's clock.
  std::vector<std::pair<std::string, int>> wanted = {{"hook", 5}};
  Result<std::vector<Delivery>> taken = claim_pg_deliveries(pg, wanted, before + kDay, kLease, "web2");
  BOOST_TEST_REQUIRE(taken.ok(), taken.error());
  BOOST_TEST(messages(*taken) == std::vector<std::string>{"msg_2_hook"});  // only the free one

  // A short lease runs out by the database's clock: an instance years behind takes it over.
  Result<std::vector<Delivery>> brief = claim_pg_deliveries(pg, "hook", kNow, kShortLease, 5, PgClaimBy{"web3"});
  BOOST_TEST_REQUIRE(brief.ok(), brief.error());
  BOOST_TEST(brief->empty());  // both leased for 30 s
  PgRows shortened;
  BOOST_TEST_REQUIRE(pg.exec("UPDATE deliveries SET lease_until_ms = " + std::string(kPgDatabaseNowMs) +
                                 " + $1::bigint WHERE message_id = 'msg_1_hook'",
                             PgParams().integer(kShortLease), &shortened)
                         .ok());
  BOOST_TEST(claim_pg_deliveries(pg, "hook", kNow, kLease, 5, PgClaimBy{"web3"})->empty());  // not yet
  std::this_thread::sleep_for(std::chrono::milliseconds(kShortLease + 200));
  Result<std::vector<Delivery>> over = claim_pg_deliveries(pg, "hook", kNow, kLease, 5, PgClaimBy{"web3"});
  BOOST_TEST_REQUIRE(over.ok(), over.error());
  BOOST_TEST(messages(*over) == std::vector<std::string>{"msg_1_hook"});
  BOOST_TEST(over->at(0).attempts == 2);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
