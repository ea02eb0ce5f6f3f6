// The PostgreSQL outbox where it differs from SQLite (pg_outbox.h): several
// instances on one database announce a new post once, an outcome counts
// only from the lease's holder, a restart recovers only its own leases, a
// sent delivery names its sender, and a database that cannot be reached
// refuses to record while saying so. What both engines share is tested
// on both in outbox_test.cc and outbox_approval_test.cc.
#include "daemon/outbox/pg_outbox.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include <boost/test/unit_test.hpp>

#include "daemon/base/wall_clock.h"
#include "tests/support/postgres/outbox_engines.h"
#include "tests/support/postgres/postgres_server.h"

namespace herald {
namespace {

constexpr std::int64_t kNow = 1'700'000'000'000;
constexpr std::int64_t kLease = 30'000;

OutboxPost post(const std::string& id) {
  return OutboxPost{id, "Aviso " + id, "https://example.org/" + id + "/", "posts/" + id + ".md", 1000};
}

// A new post's delivery as instance `by` makes it: its own message id.
NewDelivery announced(const std::string& post_id, const std::string& by, const std::string& event = "post.published") {
  NewDelivery d;
  d.post_id = post_id;
  d.target = "hook";
  d.event = event;
  d.message_id = "msg_" + post_id + "_" + by + "_" + event;
  d.payload = "{\"by\":\"" + by + "\"}";
  d.post_date_ms = 1000;
  return d;
}

// An edit's (or deletion's) delivery of version `version` as instance `by` makes it.
NewDelivery change(const std::string& post_id, const std::string& by, const std::string& event,
                   const std::string& version) {
  NewDelivery d = announced(post_id, by, event);
  d.message_id += "_" + version;
  d.change = version;
  return d;
}

// A WebSub ping of `topic` at the feed's `version` to hub `hub`, as instance `by` makes it.
NewDelivery ping(const std::string& topic, const std::string& hub, const std::string& by,
                 const std::string& version) {
  NewDelivery d = change(topic, by, "websub.publish", version);
  d.target = hub;
  d.message_id += "_" + hub;
  return d;
}

std::vector<Delivery> claim(Outbox& outbox, std::int64_t now) {
  std::vector<Delivery> out;
  Status s = outbox.claim("hook", now, kLease, 10, &out);
  BOOST_REQUIRE_MESSAGE(s.ok(), s.message);
  return out;
}

DeliveryOutcome sent(std::int64_t id, const std::string& remote_id) {
  DeliveryOutcome o;
  o.id = id;
  o.at_ms = kNow;
  o.http_status = 200;
  o.remote_id = remote_id;
  return o;
}

std::vector<Delivery> deliveries_of(Outbox& outbox, const std::string& post_id) {
  std::optional<PostDeliveries> pd = outbox.post_deliveries(post_id);
  BOOST_REQUIRE(pd);
  return pd->deliveries;
}

std::vector<std::string> message_ids(Outbox& outbox, const std::string& post_id) {
  std::vector<std::string> ids;
  for (const Delivery& d : deliveries_of(outbox, post_id)) ids.push_back(d.message_id);
  return ids;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pg_outbox, *boost::unit_test::precondition(test::postgres_installed))

BOOST_AUTO_TEST_CASE(a_post_two_instances_record_is_announced_by_the_first_only) {
  test::TestOutbox a(test::OutboxEngine::postgres, "web1");
  std::unique_ptr<Outbox> b = a.another("web2");
  BOOST_TEST(a->record({post("p")}, {announced("p", "web1")}).ok());
  // web2 saw it too, a moment later: its post.published is dropped, its
  // other events and an editor's resend are recorded.
  NewDelivery resend = announced("p", "web2");
  resend.message_id = "msg_resend";
  resend.resent_by = "ana";
  RecordOutcome left_out;
  BOOST_TEST(b->record({post("p")}, {announced("p", "web2"), announced("p", "web2", "post.updated"), resend}, false,
                       &left_out).ok());
  BOOST_TEST(left_out.posts_taken == 1u);
  BOOST_TEST(left_out.deliveries_dropped == 1u);
  std::vector<Delivery> got = deliveries_of(*b, "p");
  BOOST_REQUIRE_EQUAL(got.size(), 3u);
  BOOST_TEST(got[0].message_id == "msg_p_web1_post.published");
  BOOST_TEST(got[1].message_id == "msg_p_web2_post.updated");
  BOOST_TEST(got[2].message_id == "msg_resend");
}

BOOST_AUTO_TEST_CASE(instances_recording_the_same_posts_at_once_announce_each_once) {
  test::TestOutbox a(test::OutboxEngine::postgres, "web1");
  std::vector<std::unique_ptr<Outbox>> instances;
  for (int i = 0; i < 4; ++i) instances.push_back(a.another("web" + std::to_string(i + 2)));
  std::vector<std::thread> threads;
  std::vector<Status> results(instances.size());
  for (std::size_t i = 0; i < instances.size(); ++i) {
    threads.emplace_back([&, i] {
      std::vector<OutboxPost> posts;
      std::vector<NewDelivery> deliveries;
      for (int k = 0; k < 50; ++k) {
        int n = i % 2 == 0 ? k : 49 - k;  // in two orders: no deadlock either way
        posts.push_back(post("p" + std::to_string(n)));
        deliveries.push_back(announced("p" + std::to_string(n), "web" + std::to_string(i + 2)));
      }
      results[i] = instances[i]->record(posts, deliveries);
    });
  }
  for (std::thread& t : threads) t.join();
  for (const Status& s : results) BOOST_TEST(s.ok(), s.message);
  BOOST_TEST(a->counts().at(0).pending == 50);
  for (int n = 0; n < 50; ++n) BOOST_TEST(deliveries_of(*a, "p" + std::to_string(n)).size() == 1u);
}

BOOST_AUTO_TEST_CASE(an_edit_or_deletion_two_instances_record_is_announced_by_the_first_only) {
  test::TestOutbox a(test::OutboxEngine::postgres, "web1");
  std::unique_ptr<Outbox> b = a.another("web2");
  BOOST_TEST(a->record({post("p")}, {}).ok());
  BOOST_TEST(a->record({post("p")}, {change("p", "web1", "post.updated", "v2")}).ok());
  // web2 saw the same edit (the same version): left out, and says so.
  RecordOutcome left_out;
  BOOST_TEST(b->record({post("p")}, {change("p", "web2", "post.updated", "v2")}, false, &left_out).ok());
  BOOST_TEST(left_out.changes_taken == 1u);
  BOOST_TEST(left_out.posts_taken == 0u);
  BOOST_TEST(left_out.deliveries_dropped == 1u);
  // A later edit is another change, whoever sees it first; so is the deletion.
  BOOST_TEST(b->record({post("p")}, {change("p", "web2", "post.updated", "v3")}, false, &left_out).ok());
  BOOST_TEST(left_out.changes_taken == 0u);
  BOOST_TEST(a->record({post("p")}, {change("p", "web1", "post.updated", "v3")}, false, &left_out).ok());
  BOOST_TEST(left_out.changes_taken == 1u);
  BOOST_TEST(a->record({}, {change("p", "web1", "post.deleted", "v3")}).ok());
  BOOST_TEST(b->record({}, {change("p", "web2", "post.deleted", "v3")}, false, &left_out).ok());
  BOOST_TEST(left_out.changes_taken == 1u);
  // web2 lagging behind, an edit late: nothing new to announce.
  BOOST_TEST(b->record({post("p")}, {change("p", "web2", "post.updated", "v2")}, false, &left_out).ok());
  BOOST_TEST(left_out.changes_taken == 1u);
  BOOST_TEST(message_ids(*a, "p") == (std::vector<std::string>{"msg_p_web1_post.updated_v2",
                                                               "msg_p_web2_post.updated_v3",
                                                               "msg_p_web1_post.deleted_v3"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(instances_recording_the_same_edits_at_once_announce_each_once) {
  test::TestOutbox a(test::OutboxEngine::postgres, "web1");
  std::vector<std::unique_ptr<Outbox>> instances;
  for (int i = 0; i < 4; ++i) instances.push_back(a.another("web" + std::to_string(i + 2)));
  std::vector<OutboxPost> posts;
  for (int n = 0; n < 50; ++n) posts.push_back(post("p" + std::to_string(n)));
  BOOST_TEST(a->record(posts, {}).ok());
  std::vector<std::thread> threads;
  std::vector<Status> results(instances.size());
  for (std::size_t i = 0; i < instances.size(); ++i) {
    threads.emplace_back([&, i] {
      std::vector<NewDelivery> edits;
      for (int k = 0; k < 50; ++k) {
        int n = i % 2 == 0 ? k : 49 - k;  // in two orders: no deadlock either way
        edits.push_back(change("p" + std::to_string(n), "web" + std::to_string(i + 2), "post.updated", "v2"));
      }
      results[i] = instances[i]->record(posts, edits);
    });
  }
  for (std::thread& t : threads) t.join();
  for (const Status& s : results) BOOST_TEST(s.ok(), s.message);
  BOOST_TEST(a->counts().at(0).pending == 50);
}

// An IndexNow batch names the changes its URLs come from: left out when
// another instance recorded every one of them (its batch holds the URLs),
// recorded when one of them is this instance's.
BOOST_AUTO_TEST_CASE(an_indexnow_batch_of_changes_another_instance_recorded_is_left_out) {
  test::TestOutbox a(test::OutboxEngine::postgres, "web1");
  std::unique_ptr<Outbox> b = a.another("web2");
  auto batch = [](const std::string& by, std::vector<ChangeRef> changes) {
    NewDelivery d = announced("https://example.org/p/", by, "indexnow.submit");
    d.target = "indexnow";
    d.message_id += "_" + std::to_string(changes.size());
    d.changes = std::move(changes);
    return d;
  };
  const ChangeRef published{"p", "post.published", ""}, edited{"q", "post.updated", "v2"};
  BOOST_TEST(a->record({post("p"), post("q")}, {}).ok());  // q recorded before: its edit is the change
  BOOST_TEST(a->record({post("r")}, {batch("web1", {{"r", "post.published", ""}, edited})}).ok());
  RecordOutcome left_out;
  BOOST_TEST(b->record({post("r"), post("q")}, {batch("web2", {{"r", "post.published", ""}, edited})}, false,
                       &left_out).ok());
  BOOST_TEST(left_out.deliveries_dropped == 1u);
  BOOST_TEST(left_out.changes_taken == 1u);
  // web2 saw a change web1 did not (s is new to it): its batch is kept.
  BOOST_TEST(b->record({post("s"), post("q")}, {batch("web2", {{"s", "post.published", ""}, edited, published})},
                       false, &left_out).ok());
  BOOST_TEST(left_out.deliveries_dropped == 0u);
  std::vector<Delivery> out;
  BOOST_TEST(a->claim("indexnow", kNow, kLease, 10, &out).ok());
  BOOST_TEST(out.size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_feed_is_pinged_once_per_version_it_reaches) {
  test::TestOutbox a(test::OutboxEngine::postgres, "web1");
  std::unique_ptr<Outbox> b = a.another("web2");
  const std::string rss = "https://example.org/rss.xml";
  // Both hubs of web1's ping share its version: both recorded.
  BOOST_TEST(a->record({}, {ping(rss, "hub1", "web1", "x"), ping(rss, "hub2", "web1", "x")}).ok());
  RecordOutcome left_out;
  BOOST_TEST(b->record({}, {ping(rss, "hub1", "web2", "x"), ping(rss, "hub2", "web2", "x")}, false, &left_out).ok());
  BOOST_TEST(left_out.changes_taken == 1u);
  BOOST_TEST(left_out.deliveries_dropped == 2u);
  // The feed changes, then comes back to version x: each is pinged, once.
  BOOST_TEST(b->record({}, {ping(rss, "hub1", "web2", "y")}).ok());
  BOOST_TEST(a->record({}, {ping(rss, "hub1", "web1", "y")}, false, &left_out).ok());
  BOOST_TEST(left_out.changes_taken == 1u);
  NewDelivery back = ping(rss, "hub1", "web1", "x");
  back.message_id += "_back";
  BOOST_TEST(a->record({}, {back}, false, &left_out).ok());
  BOOST_TEST(left_out.changes_taken == 0u);
  std::vector<std::string> sent;
  for (const std::string hub : {"hub1", "hub2"}) {
    std::vector<Delivery> out;
    BOOST_TEST(a->claim(hub, kNow, kLease, 10, &out).ok());
    for (const Delivery& d : out) sent.push_back(d.target + " " + d.message_id.substr(d.message_id.rfind("publish_")));
  }
  BOOST_TEST(sent == (std::vector<std::string>{"hub1 publish_x_hub1", "hub1 publish_y_hub1", "hub1 publish_x_hub1_back",
                                               "hub2 publish_x_hub2"}),
             boost::test_tools::per_element());
}

// The console's counter on PostgreSQL: every transaction of any instance
// that changes the outbox counts once as it reaches the reader (a few
// milliseconds after the commit: polled here), and a statement that
// changes nothing (a claim with nothing due) does not count.
BOOST_AUTO_TEST_CASE(the_change_counter_counts_each_change_of_any_instance) {
  test::TestOutbox a(test::OutboxEngine::postgres, "web1");
  std::unique_ptr<Outbox> b = a.another("web2");
  auto counter = [&] {
    Result<std::int64_t> c = a->change_counter();
    BOOST_REQUIRE_MESSAGE(c.ok(), c.error());
    return *c;
  };
  auto moves_from = [&](std::int64_t before) {
    for (int poll = 0; poll < 2000 && counter() == before; ++poll) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return counter() - before;
  };
  const std::int64_t idle = counter();
  BOOST_TEST(counter() == idle);
  std::vector<NewDelivery> due_now = {announced("p", "web2"), announced("q", "web2")};
  for (NewDelivery& d : due_now) d.not_before_ms = kNow;
  BOOST_TEST(b->record({post("p"), post("q")}, due_now).ok());
  BOOST_TEST(moves_from(idle) == 1);  // one transaction, however many rows
  const std::int64_t recorded = counter();
  BOOST_TEST(claim(*b, kNow - 1).empty());  // nothing due yet: no change
  BOOST_TEST(claim(*b, kNow).size() == 2u);
  BOOST_TEST(moves_from(recorded) == 1);
}

// The control socket's reader after the database restarted: its broken
// connection is noticed by the first statement, which is asked again on a
// new one, so `herald status` shows the counts, not zeros.
BOOST_AUTO_TEST_CASE(a_reader_answers_the_first_question_after_a_database_restart) {
  test::PostgresServer server;  // its own: restarted here
  const DatabaseConfig db = server.create_database();
  Result<std::unique_ptr<Outbox>> writer = open_pg_outbox(db, PgOutboxOptions{"web1"});
  BOOST_TEST_REQUIRE(writer.ok(), writer.error());
  BOOST_TEST((*writer)->record({post("p")}, {announced("p", "web1")}).ok());
  Result<std::unique_ptr<Outbox>> reader = open_pg_outbox(db, PgOutboxOptions{"web1", Outbox::Mode::read_only});
  BOOST_TEST_REQUIRE(reader.ok(), reader.error());
  BOOST_TEST((*reader)->counts().at(0).pending == 1);
  server.restart();
  std::vector<TargetCounts> counts = (*reader)->counts();
  BOOST_TEST_REQUIRE(counts.size() == 1u);
  BOOST_TEST(counts[0].pending == 1);
  BOOST_TEST((*reader)->check_file().ok());
  Result<std::int64_t> changes = (*reader)->change_counter();
  BOOST_TEST(changes.ok(), changes.error());
}

// A database host that went silent (it takes the TCP connection and never
// answers) holds a connection attempt until connect_timeout: the attempt
// runs on a thread of its own, so calls meanwhile fail at once, saying
// so, and the first call after the database is back takes the connection.
BOOST_AUTO_TEST_CASE(connecting_again_never_holds_the_caller) {
  test::PostgresServer server;  // its own: stopped and replaced by a silent listener
  DatabaseConfig db = server.create_database();
  db.options.emplace_back("connect_timeout", "30");  // the attempt outlasts the test's calls by far
  PgOutboxOptions options{"web1"};
  options.first_backoff = std::chrono::milliseconds(0);
  Result<std::unique_ptr<Outbox>> opened = open_pg_outbox(db, options);
  BOOST_TEST_REQUIRE(opened.ok(), opened.error());
  Outbox& outbox = **opened;
  server.stop_now();
  int silent = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int yes = 1;
  ::setsockopt(silent, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(server.port()));
  BOOST_TEST_REQUIRE(::bind(silent, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  BOOST_TEST_REQUIRE(::listen(silent, 16) == 0);

  BOOST_TEST(!outbox.record({post("p")}, {}).ok());  // the broken connection, noticed
  BOOST_TEST(!outbox.has_baseline());                // starts connecting again, in the background
  Status meanwhile = outbox.record({post("p")}, {});
  BOOST_TEST(meanwhile.message.ends_with(" (connecting again)"), meanwhile.message);
  BOOST_TEST(outbox.check_file().message.starts_with("the state database is unreachable: "));

  ::close(silent);  // the attempt fails (reset); the database comes back
  server.start_again();
  Status recorded = Status::failed("not tried");
  for (int call = 0; call < 2000 && !recorded.ok(); ++call) {
    recorded = outbox.record({post("p")}, {announced("p", "web1")});
    if (!recorded.ok()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  BOOST_TEST(recorded.ok(), recorded.message);
  BOOST_TEST(outbox.check_file().ok());
  BOOST_TEST(deliveries_of(outbox, "p").size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_taken_over_lease_keeps_the_new_holders_outcome_and_names_the_sender) {
  test::TestOutbox a(test::OutboxEngine::postgres, "web1");
  std::unique_ptr<Outbox> b = a.another("web2");
  BOOST_TEST(a->record({post("p")}, {announced("p", "web1")}).ok());
  std::vector<Delivery> by_a = claim(*a, kNow);
  BOOST_REQUIRE_EQUAL(by_a.size(), 1u);
  BOOST_TEST(claim(*b, kNow + kLease - 1).empty());  // web1's lease holds
  std::vector<Delivery> by_b = claim(*b, kNow + kLease);  // web1 hung: taken over
  BOOST_REQUIRE_EQUAL(by_b.size(), 1u);
  BOOST_TEST(by_b[0].message_id == by_a[0].message_id);
  BOOST_TEST(by_b[0].attempts == 2);
  // web1 comes back with its late outcome: not recorded; web2's is.
  BOOST_TEST(a->finish({sent(by_a[0].id, "from-web1")}).ok());
  BOOST_TEST((deliveries_of(*a, "p")[0].state == DeliveryState::in_flight));
  BOOST_TEST(b->finish({sent(by_b[0].id, "from-web2")}).ok());
  Delivery done = deliveries_of(*a, "p")[0];
  BOOST_TEST((done.state == DeliveryState::sent));
  BOOST_TEST(done.remote_id == "from-web2");
  BOOST_TEST(done.sent_by == "web2");
}

BOOST_AUTO_TEST_CASE(a_restart_recovers_its_own_leases_only) {
  test::TestOutbox a(test::OutboxEngine::postgres, "web1");
  std::unique_ptr<Outbox> b = a.another("web2");
  BOOST_TEST(a->record({post("p"), post("q")}, {announced("p", "web1"), announced("q", "web1")}).ok());
  std::vector<Delivery> out;
  BOOST_TEST(a->claim("hook", kNow, kLease, 1, &out).ok());
  BOOST_TEST(b->claim("hook", kNow, kLease, 1, &out).ok());
  // web1 restarts (same instance name): its lease is pending again, web2's holds.
  a.close();
  std::unique_ptr<Outbox> restarted = a.another("web1");
  BOOST_TEST(restarted->recover_in_flight(kNow) == 1);
  std::vector<Delivery> again = claim(*restarted, kNow);
  BOOST_REQUIRE_EQUAL(again.size(), 1u);
  BOOST_TEST(again[0].post_id == "p");
}

// herald run's outbox times leases by the database's clock: a claim by an
// instance whose clock is a day ahead leases for kLease from the
// database's now, leases() gives its end in this machine's clock, and a
// step of this machine's clock (shift_waits) moves no lease.
BOOST_AUTO_TEST_CASE(leases_by_the_database_clock_ignore_this_machines_clock) {
  constexpr std::int64_t kDay = 86'400'000;
  DatabaseConfig db = test::PostgresServer::shared().create_database();
  Result<std::unique_ptr<Outbox>> opened = open_pg_outbox(db, PgOutboxOptions{"web1"});
  BOOST_TEST_REQUIRE(opened.ok(), opened.error());
  Outbox& outbox = **opened;
  BOOST_TEST(outbox.record({post("p")}, {announced("p", "web1")}).ok());
  const std::int64_t before = wall_clock_ms();
  std::vector<Delivery> out;
  BOOST_TEST_REQUIRE(outbox.claim("hook", before + kDay, kLease, 1, &out).ok());
  BOOST_TEST_REQUIRE(out.size() == 1u);
  auto lease_end = [&] { return outbox.leases("hook").at(0).second; };
  BOOST_TEST(lease_end() >= before + kLease - 1);
  BOOST_TEST(lease_end() <= wall_clock_ms() + kLease + 1);
  Result<std::int64_t> moved = outbox.shift_waits(kDay, before, before + kDay);
  BOOST_TEST_REQUIRE(moved.ok(), moved.error());
  BOOST_TEST(*moved == 0);
  BOOST_TEST(lease_end() <= wall_clock_ms() + kLease + 1);
  BOOST_TEST(claim(outbox, before + 2 * kDay).empty());  // still leased by the database's clock
}

BOOST_AUTO_TEST_CASE(an_unreachable_database_records_nothing_and_says_so) {
  DatabaseConfig gone = test::PostgresServer::shared().create_database();
  gone.port = 1;  // nothing listens there
  gone.shown = "postgresql://herald:***@127.0.0.1:1/gone";
  Result<std::unique_ptr<Outbox>> refused = open_pg_outbox(gone, PgOutboxOptions{"web1"});
  BOOST_TEST(!refused.ok());
  BOOST_TEST(refused.error().starts_with("postgresql://herald:***@127.0.0.1:1/gone: "));
  Result<std::unique_ptr<Outbox>> waiting =
      open_pg_outbox(gone, PgOutboxOptions{"web1", Outbox::Mode::read_write, true});
  BOOST_TEST_REQUIRE(waiting.ok(), waiting.error());
  Outbox& outbox = **waiting;
  BOOST_TEST(outbox.check_file().message.starts_with(
      "the state database is unreachable: postgresql://herald:***@127.0.0.1:1/gone: "));
  BOOST_TEST(!outbox.record({post("p")}, {announced("p", "web1")}).ok());
  std::vector<std::string> unseen;
  BOOST_TEST(!outbox.unseen({"p"}, &unseen).ok());
  BOOST_TEST(!outbox.has_baseline());
}

BOOST_AUTO_TEST_CASE(a_name_belongs_to_one_live_instance_at_a_time) {
  DatabaseConfig db = test::PostgresServer::shared().create_database();
  Result<std::unique_ptr<Outbox>> first = open_pg_outbox(db, PgOutboxOptions{"web1"});
  BOOST_TEST_REQUIRE(first.ok(), first.error());
  Result<std::unique_ptr<Outbox>> twin = open_pg_outbox(db, PgOutboxOptions{"web1"});
  BOOST_TEST(!twin.ok());
  BOOST_TEST(twin.error() == db.shown + ": another herald instance named \"web1\" is connected to it; give each "
                                        "instance its own state.instance");
  // Waiting for the database, it starts but does no outbox work, saying why.
  Result<std::unique_ptr<Outbox>> waiting = open_pg_outbox(db, PgOutboxOptions{"web1", Outbox::Mode::read_write, true});
  BOOST_TEST_REQUIRE(waiting.ok(), waiting.error());
  BOOST_TEST((*waiting)->check_file().message ==
             "the state database is unreachable: " + twin.error());
  // Readers (the control socket's) and other names are welcome.
  BOOST_TEST(open_pg_outbox(db, PgOutboxOptions{"web1", Outbox::Mode::read_only}).ok());
  BOOST_TEST(open_pg_outbox(db, PgOutboxOptions{"web2"}).ok());
  first->reset();  // web1 stopped: its name is free again
  BOOST_TEST(open_pg_outbox(db, PgOutboxOptions{"web1"}).ok());
}

BOOST_AUTO_TEST_CASE(an_instance_name_is_required) {
  DatabaseConfig db = test::PostgresServer::shared().create_database();
  Result<std::unique_ptr<Outbox>> opened = open_pg_outbox(db, PgOutboxOptions{""});
  BOOST_TEST(!opened.ok());
  BOOST_TEST(opened.error() == db.shown + ": no instance name (state.instance)");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
