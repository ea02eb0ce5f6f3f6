// Approval before posting in the outbox: deliveries awaiting approval are
// never claimed, each decision is made once and audited, deadlines apply
// their default, and an outbox of schema 5 is migrated with its deliveries.
#include "daemon/outbox/outbox.h"
#include "daemon/outbox/retry_dead.h"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include "daemon/base/sqlite_db.h"
#include "tests/support/postgres/outbox_engines.h"
#include "tests/support/test_support.h"

namespace herald {

using test::TempDir;

namespace {

constexpr std::int64_t kNow = 1'700'000'000'000;
constexpr std::int64_t kLease = 30'000;

std::unique_ptr<Outbox> open_at(const std::string& path) {
  Result<std::unique_ptr<Outbox>> outbox = Outbox::open(path, Outbox::Mode::read_write);
  BOOST_REQUIRE_MESSAGE(outbox.ok(), outbox.error());
  return *std::move(outbox);
}

NewDelivery held(const std::string& post_id, const std::string& target, std::int64_t deadline_ms = 0,
                 bool approve_on_timeout = false) {
  NewDelivery d;
  d.post_id = post_id;
  d.target = target;
  d.event = "post.published";
  d.message_id = "msg_" + post_id + "_" + target;
  d.payload = "{\"id\":\"" + post_id + "\"}";
  d.post_date_ms = 1000;
  d.not_before_ms = kNow;
  d.awaiting_approval = true;
  d.approval_deadline_ms = deadline_ms;
  d.approve_on_timeout = approve_on_timeout;
  return d;
}

void record_held(Outbox& outbox, const std::vector<NewDelivery>& deliveries) {
  std::vector<OutboxPost> posts;
  for (const NewDelivery& d : deliveries) {
    posts.push_back(OutboxPost{d.post_id, "Aviso " + d.post_id, "https://example.org/" + d.post_id + "/",
                               "posts/" + d.post_id + ".md", 1000});
  }
  Status s = outbox.record(posts, deliveries);
  BOOST_REQUIRE_MESSAGE(s.ok(), s.message);
}

std::vector<Delivery> claim(Outbox& outbox, const std::string& target, std::int64_t now = kNow) {
  std::vector<Delivery> out;
  Status s = outbox.claim(target, now, kLease, 10, &out);
  BOOST_REQUIRE_MESSAGE(s.ok(), s.message);
  return out;
}

AuditEntry by(const std::string& actor, const char* action, const Delivery& d, std::string detail = "") {
  return AuditEntry{kNow, actor, action, d.post_id, d.target, d.id, std::move(detail)};
}

Delivery the_one(Outbox& outbox, const std::string& post_id) {
  std::vector<Delivery> waiting = outbox.awaiting_approval(post_id, "");
  BOOST_REQUIRE_EQUAL(waiting.size(), 1u);
  return waiting.front();
}

bool decided(const Result<bool>& r) {
  BOOST_REQUIRE_MESSAGE(r.ok(), r.error());
  return *r;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(outbox_approval)

BOOST_DATA_TEST_CASE(awaiting_deliveries_are_never_claimed_until_approved, test::outbox_engines(), engine) {
  test::TestOutbox outbox(engine);
  record_held(*outbox, {held("1", "masto")});
  BOOST_TEST(claim(*outbox, "masto", kNow + 86'400'000).empty());
  BOOST_TEST(!outbox->next_due("masto").has_value());
  BOOST_TEST(outbox->counts().at(0).awaiting_approval == 1);
  BOOST_TEST(outbox->counts().at(0).pending == 0);
  BOOST_TEST(outbox->stop_target("masto", "refused", kNow) == 0);  // a stopped target keeps them waiting

  Delivery d = the_one(*outbox, "1");
  BOOST_TEST((d.state == DeliveryState::awaiting_approval));
  BOOST_TEST(decided(outbox->approve(d.id, std::nullopt, by("alice", "approve", d))));
  std::vector<Delivery> claimed = claim(*outbox, "masto");
  BOOST_REQUIRE_EQUAL(claimed.size(), 1u);
  BOOST_TEST(claimed[0].payload == "{\"id\":\"1\"}");
  BOOST_TEST(outbox->audit("1", 10) == std::vector<AuditEntry>{by("alice", "approve", d)});
}

BOOST_DATA_TEST_CASE(approving_twice_makes_one_delivery_and_one_audit_line, test::outbox_engines(), engine) {
  test::TestOutbox outbox(engine);
  record_held(*outbox, {held("1", "masto")});
  Delivery d = the_one(*outbox, "1");
  BOOST_TEST(decided(outbox->approve(d.id, std::nullopt, by("alice", "approve", d))));
  BOOST_TEST(!decided(outbox->approve(d.id, std::nullopt, by("bob", "approve", d))));
  BOOST_TEST(!decided(outbox->reject(d.id, by("bob", "reject", d))));
  BOOST_TEST(claim(*outbox, "masto").size() == 1u);
  BOOST_TEST(!decided(outbox->approve(d.id, std::nullopt, by("bob", "approve", d))));  // in flight
  BOOST_TEST(claim(*outbox, "masto").empty());
  BOOST_TEST(outbox->audit("", 10).size() == 1u);
}

BOOST_DATA_TEST_CASE(an_approval_with_the_editors_payload_is_sent_with_it, test::outbox_engines(), engine) {
  test::TestOutbox outbox(engine);
  record_held(*outbox, {held("1", "masto")});
  Delivery d = the_one(*outbox, "1");
  BOOST_TEST(decided(outbox->approve(d.id, std::string("{\"text\":\"Hola\"}"),
                                     by("alice", "approve", d, "with the editor's text: Hola"))));
  BOOST_TEST(claim(*outbox, "masto").at(0).payload == "{\"text\":\"Hola\"}");
  BOOST_TEST(outbox->audit("1", 1).at(0).detail == "with the editor's text: Hola");
}

BOOST_DATA_TEST_CASE(a_rejected_delivery_is_never_sent_nor_retried, test::outbox_engines(), engine) {
  test::TestOutbox outbox(engine);
  record_held(*outbox, {held("1", "masto")});
  Delivery d = the_one(*outbox, "1");
  BOOST_TEST(decided(outbox->reject(d.id, by("bob", "reject", d))));
  Result<std::int64_t> retried = retry_dead(*outbox, "", "", kNow);
  BOOST_REQUIRE(retried.ok());
  BOOST_TEST(*retried == 0);
  BOOST_TEST(claim(*outbox, "masto", kNow + 86'400'000).empty());
  std::optional<Delivery> after = outbox->delivery(d.id);
  BOOST_REQUIRE(after);
  BOOST_TEST((after->state == DeliveryState::rejected));
  BOOST_TEST(after->last_error == "rejected by bob");
  BOOST_TEST(after->finished_ms == kNow);
  BOOST_TEST(outbox->counts().at(0).rejected == 1);
  BOOST_TEST(!decided(outbox->approve(d.id, std::nullopt, by("alice", "approve", d))));
}

BOOST_DATA_TEST_CASE(an_expired_approval_takes_its_default, test::outbox_engines(), engine) {
  test::TestOutbox outbox(engine);
  record_held(*outbox, {held("1", "masto", kNow + 10, false), held("2", "sky", kNow + 10, true),
                        held("3", "masto", kNow + 100, true), held("4", "masto", 0, true)});
  Result<Outbox::ExpiredApprovals> early = outbox->expire_approvals(kNow + 9);
  BOOST_REQUIRE(early.ok());
  BOOST_TEST(early->decided == 0u);
  BOOST_TEST(early->approved.empty());
  Result<Outbox::ExpiredApprovals> due = outbox->expire_approvals(kNow + 10);
  BOOST_REQUIRE_MESSAGE(due.ok(), due.error());
  BOOST_TEST(due->decided == 2u);  // "1" rejected, "2" approved
  BOOST_TEST(due->approved == std::vector<std::string>{"sky"});
  BOOST_TEST((outbox->delivery(the_one(*outbox, "3").id)->state == DeliveryState::awaiting_approval));
  BOOST_TEST(outbox->awaiting_approval("1", "").empty());
  BOOST_TEST(claim(*outbox, "sky", kNow + 10).size() == 1u);
  BOOST_TEST(claim(*outbox, "masto", kNow + 10).empty());
  std::vector<AuditEntry> audit = outbox->audit("", 10);
  BOOST_REQUIRE_EQUAL(audit.size(), 2u);
  BOOST_TEST(audit[0].actor == "timeout");
  BOOST_TEST(audit[0].action == "approve");
  BOOST_TEST(audit[1].action == "reject");
  BOOST_TEST(outbox->expire_approvals(kNow + 1'000'000'000)->approved == std::vector<std::string>{"masto"});  // 3 approved now
  BOOST_TEST(outbox->awaiting_approval("4", "").size() == 1u);  // no deadline: waits for an editor
}

BOOST_AUTO_TEST_CASE(awaiting_deliveries_and_resends_survive_a_restart) {
  TempDir dir;
  const std::string path = dir / "outbox.db";
  {
    auto outbox = open_at(path);
    record_held(*outbox, {held("1", "masto", kNow + 60'000)});
    NewDelivery resend = held("2", "masto");
    resend.awaiting_approval = false;
    resend.resent_by = "alice";
    record_held(*outbox, {resend});
  }
  auto outbox = open_at(path);
  BOOST_TEST(outbox->recover_in_flight(kNow) == 0);
  Delivery d = the_one(*outbox, "1");
  BOOST_TEST(d.approval_deadline_ms == kNow + 60'000);
  std::vector<Delivery> claimed = claim(*outbox, "masto");
  BOOST_REQUIRE_EQUAL(claimed.size(), 1u);
  BOOST_TEST(claimed[0].post_id == "2");
  BOOST_TEST(claimed[0].resent_by == "alice");
}

// A schema 5 outbox (before approval) as herald 0.x left it: its
// deliveries keep their ids, states and payloads, and take the new states.
BOOST_AUTO_TEST_CASE(migrates_a_version_5_outbox_and_keeps_its_deliveries) {
  TempDir dir;
  const std::string path = dir / "outbox.db";
  {
    auto outbox = open_at(path);
    NewDelivery plain = held("1", "masto");
    plain.awaiting_approval = false;
    record_held(*outbox, {plain});
  }
  {
    SqliteDb db;
    BOOST_REQUIRE(db.open(path).ok());
    Status s = db.exec(
        "DROP TABLE audit; DROP TABLE announced_changes; DROP TABLE pinged_feeds;"
        "CREATE TABLE v5(id INTEGER PRIMARY KEY, post_id TEXT NOT NULL, target TEXT NOT NULL,"
        " event TEXT NOT NULL, message_id TEXT NOT NULL UNIQUE, payload BLOB NOT NULL, check_url TEXT NOT NULL,"
        " state TEXT NOT NULL CHECK (state IN ('pending', 'in_flight', 'sent', 'dead')),"
        " attempts INTEGER NOT NULL, created_ms INTEGER NOT NULL, post_date_ms INTEGER NOT NULL,"
        " not_before_ms INTEGER NOT NULL, lease_until_ms INTEGER NOT NULL, finished_ms INTEGER NOT NULL,"
        " last_status INTEGER NOT NULL, last_error TEXT NOT NULL, last_error_ms INTEGER NOT NULL,"
        " remote_id TEXT NOT NULL, remote_url TEXT NOT NULL, jump_queue INTEGER NOT NULL DEFAULT 0);"
        "INSERT INTO v5 SELECT id, post_id, target, event, message_id, payload, check_url, state, attempts,"
        " created_ms, post_date_ms, not_before_ms, lease_until_ms, finished_ms, last_status, last_error,"
        " last_error_ms, remote_id, remote_url, jump_queue FROM deliveries;"
        "DROP TABLE deliveries; ALTER TABLE v5 RENAME TO deliveries;"
        "CREATE INDEX deliveries_claim ON deliveries(target, state, post_date_ms);"
        "CREATE INDEX deliveries_due ON deliveries(target, state, not_before_ms);"
        "CREATE INDEX deliveries_by_state ON deliveries(state, not_before_ms);"
        "CREATE INDEX deliveries_by_post ON deliveries(post_id);"
        "PRAGMA user_version=5").as_status();
    BOOST_REQUIRE_MESSAGE(s.ok(), s.message);
  }
  auto outbox = open_at(path);
  std::int64_t version = 0;
  {
    SqliteDb db;
    BOOST_REQUIRE(db.open(path).ok());
    BOOST_REQUIRE(db.user_version(&version).ok());
  }
  BOOST_TEST(version == Outbox::kSchemaVersion);
  std::vector<Delivery> claimed = claim(*outbox, "masto");
  BOOST_REQUIRE_EQUAL(claimed.size(), 1u);
  BOOST_TEST(claimed[0].id == 1);
  BOOST_TEST(claimed[0].payload == "{\"id\":\"1\"}");
  BOOST_TEST(claimed[0].resent_by.empty());
  record_held(*outbox, {held("2", "masto")});
  BOOST_TEST(outbox->counts().at(0).awaiting_approval == 1);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
