#include "daemon/outbox/outbox.h"
#include "daemon/outbox/retry_dead.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "daemon/base/corrupt_file.h"
#include "daemon/base/sqlite_db.h"
#include "daemon/base/wall_clock.h"
#include "tests/support/postgres/outbox_engines.h"
#include "tests/support/test_support.h"

namespace herald {

using test::TempDir;

namespace {

constexpr std::int64_t kNow = 1'700'000'000'000;
constexpr std::int64_t kLease = 30'000;

std::unique_ptr<Outbox> open_outbox(const std::string& path, Outbox::Mode mode = Outbox::Mode::read_write) {
  Result<std::unique_ptr<Outbox>> outbox = Outbox::open(path, mode);
  BOOST_REQUIRE_MESSAGE(outbox.ok(), outbox.error());
  BOOST_TEST(*outbox != nullptr);
  return *std::move(outbox);
}

std::string open_error(const std::string& path, Outbox::Mode mode = Outbox::Mode::read_write) {
  Result<std::unique_ptr<Outbox>> outbox = Outbox::open(path, mode);
  BOOST_TEST(!outbox.ok());
  return outbox.error();
}

OutboxPost post(const std::string& id, std::int64_t date_ms) {
  return OutboxPost{id, "Título " + id, "https://example.org/noticias/" + id + "/", "posts/" + id + ".md",
                    date_ms};
}

NewDelivery delivery(const std::string& post_id, const std::string& target, std::int64_t post_date_ms,
                     std::int64_t not_before_ms = 0) {
  NewDelivery d;
  d.post_id = post_id;
  d.target = target;
  d.event = "post.published";
  d.message_id = "msg_" + post_id + "_" + target;
  d.payload = "{\"id\":\"" + post_id + "\"}";
  d.post_date_ms = post_date_ms;
  d.not_before_ms = not_before_ms;
  return d;
}

void record(Outbox& outbox, const std::vector<OutboxPost>& posts, const std::vector<NewDelivery>& deliveries,
            bool baseline = false) {
  Status s = outbox.record(posts, deliveries, baseline);
  BOOST_REQUIRE_MESSAGE(s.ok(), s.message);
}

// One post per (id, date) with a delivery to each target.
void record_posts(Outbox& outbox, const std::vector<std::pair<std::string, std::int64_t>>& posts,
                  const std::vector<std::string>& targets) {
  std::vector<OutboxPost> rows;
  std::vector<NewDelivery> deliveries;
  for (const auto& [id, date] : posts) {
    rows.push_back(post(id, date));
    for (const std::string& target : targets) deliveries.push_back(delivery(id, target, date));
  }
  record(outbox, rows, deliveries);
}

std::vector<Delivery> claim(Outbox& outbox, const std::string& target, std::int64_t now, int limit) {
  std::vector<Delivery> out;
  Status s = outbox.claim(target, now, kLease, limit, &out);
  BOOST_REQUIRE_MESSAGE(s.ok(), s.message);
  return out;
}

std::vector<std::string> post_ids(const std::vector<Delivery>& deliveries) {
  std::vector<std::string> ids;
  for (const Delivery& d : deliveries) ids.push_back(d.post_id);
  return ids;
}

void finish(Outbox& outbox, const std::vector<DeliveryOutcome>& outcomes) {
  Status s = outbox.finish(outcomes);
  BOOST_REQUIRE_MESSAGE(s.ok(), s.message);
}

DeliveryOutcome outcome(std::int64_t id, DeliveryOutcome::Kind kind, std::int64_t at_ms) {
  DeliveryOutcome o;
  o.id = id;
  o.kind = kind;
  o.at_ms = at_ms;
  return o;
}

ListFilter filter(const std::string& target, std::optional<DeliveryState> state = std::nullopt,
                  int limit = 20) {
  ListFilter f;
  f.target = target;
  f.state = state;
  f.limit = limit;
  return f;
}

// The one delivery of `post_id` (through list()).
Delivery only_delivery(Outbox& outbox, const std::string& post_id) {
  for (const PostDeliveries& pd : outbox.list(filter("", std::nullopt, 0))) {
    if (pd.post.id == post_id) {
      BOOST_REQUIRE_EQUAL(pd.deliveries.size(), 1u);
      return pd.deliveries.front();
    }
  }
  BOOST_FAIL("no post " + post_id);
  return {};
}

std::int64_t user_version(const std::string& path) {
  SqliteDb db;
  BOOST_REQUIRE(db.open(path).ok());
  std::int64_t version = -1;
  BOOST_REQUIRE(db.user_version(&version).ok());
  return version;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(outbox)

BOOST_AUTO_TEST_CASE(the_wall_mark_survives_a_reopen) {
  TempDir dir;
  const std::string path = dir / "outbox.db";
  {
    std::unique_ptr<Outbox> outbox = open_outbox(path);
    BOOST_TEST(!outbox->wall_mark().has_value());
    BOOST_TEST(outbox->set_wall_mark(kNow).ok());
    BOOST_TEST(outbox->set_wall_mark(kNow - 3'600'000).ok());  // a step back is noted too
  }
  BOOST_TEST(open_outbox(path)->wall_mark().value_or(0) == kNow - 3'600'000);
}

BOOST_AUTO_TEST_CASE(state_names_round_trip) {
  for (DeliveryState s : {DeliveryState::pending, DeliveryState::in_flight, DeliveryState::sent,
                          DeliveryState::dead}) {
    BOOST_TEST((parse_delivery_state(delivery_state_name(s)) == s));
  }
  BOOST_TEST(std::string(delivery_state_name(DeliveryState::in_flight)) == "in_flight");
  BOOST_TEST(!parse_delivery_state("inflight"));
}

BOOST_AUTO_TEST_CASE(records_posts_and_tells_unseen_ids_in_the_given_order) {
  TempDir dir;
  auto outbox = open_outbox(dir / "state/outbox.db");
  BOOST_TEST(outbox->path() == dir / "state/outbox.db");
  BOOST_TEST(std::filesystem::exists(dir / "state/outbox.db"));
  BOOST_TEST(!outbox->has_baseline());

  std::vector<std::string> out;
  BOOST_TEST(outbox->unseen({"c", "a", "b"}, &out).ok());
  BOOST_TEST(out == (std::vector<std::string>{"c", "a", "b"}));

  record(*outbox, {post("a", 100), post("b", 200)}, {});
  BOOST_TEST(outbox->unseen({"c", "a", "b", "d"}, &out).ok());
  BOOST_TEST(out == (std::vector<std::string>{"c", "d"}));
  BOOST_TEST(!outbox->has_baseline());

  record(*outbox, {post("c", 300)}, {}, /*baseline=*/true);
  BOOST_TEST(outbox->has_baseline());
  BOOST_TEST(outbox->unseen({"c", "a", "b", "d"}, &out).ok());
  BOOST_TEST(out == (std::vector<std::string>{"d"}));

  // A known id is refreshed, not duplicated.
  OutboxPost renamed = post("a", 150);
  renamed.title = "Nuevo título";
  renamed.source_path = "posts/renamed.md";
  record(*outbox, {renamed}, {});
  std::optional<OutboxPost> found = outbox->find_post("a");
  BOOST_REQUIRE(found);
  BOOST_TEST(found->title == "Nuevo título");
  BOOST_TEST(found->source_path == "posts/renamed.md");
  BOOST_TEST(found->date_ms == 150);
  BOOST_TEST(outbox->list(filter("", std::nullopt, 0)).size() == 3u);
}

BOOST_DATA_TEST_CASE(unseen_handles_200000_ids, test::outbox_engines(), engine) {
  test::TestOutbox outbox(engine);
  std::vector<OutboxPost> posts;
  std::vector<std::string> ids;
  for (int i = 0; i < 200'000; ++i) {
    std::string id = std::to_string(1'000'000 + i);
    if (i % 4 != 0) posts.push_back(post(id, i));
    ids.push_back(std::move(id));
  }
  record(*outbox, posts, {}, true);
  // The bulk path (one pass over the stored ids).
  std::vector<std::string> out;
  BOOST_TEST(outbox->unseen(ids, &out).ok());
  BOOST_REQUIRE_EQUAL(out.size(), 50'000u);
  BOOST_TEST(out.front() == "1000000");
  BOOST_TEST(out.back() == "1199996");
  // The lookup path agrees.
  std::vector<std::string> few(ids.begin(), ids.begin() + 8);
  BOOST_TEST(outbox->unseen(few, &out).ok());
  BOOST_TEST(out == (std::vector<std::string>{"1000000", "1000004"}));
}

BOOST_AUTO_TEST_CASE(record_is_one_transaction) {
  TempDir dir;
  auto outbox = open_outbox(dir / "outbox.db");
  record(*outbox, {post("a", 1)}, {delivery("a", "hook", 1)});
  // A second delivery with the same message_id fails the whole record.
  Status s = outbox->record({post("b", 2)}, {delivery("b", "hook", 2), delivery("a", "hook", 1)}, true);
  BOOST_TEST(s.message == dir / "outbox.db: UNIQUE constraint failed: deliveries.message_id");
  std::vector<std::string> out;
  BOOST_TEST(outbox->unseen({"a", "b"}, &out).ok());
  BOOST_TEST(out == (std::vector<std::string>{"b"}));
  BOOST_TEST(!outbox->has_baseline());
  BOOST_TEST(outbox->counts().at(0).pending == 1);
}

BOOST_DATA_TEST_CASE(claims_the_oldest_posts_first_within_the_limit, test::outbox_engines(), engine) {
  test::TestOutbox outbox(engine);
  record_posts(*outbox, {{"p300", 300}, {"p100", 100}, {"p200", 200}, {"q200", 200}}, {"hook", "other"});

  std::vector<Delivery> got = claim(*outbox, "hook", kNow, 2);
  BOOST_TEST(post_ids(got) == (std::vector<std::string>{"p100", "p200"}));
  const Delivery& first = got.front();
  BOOST_TEST(first.target == "hook");
  BOOST_TEST(first.event == "post.published");
  BOOST_TEST(first.message_id == "msg_p100_hook");
  BOOST_TEST(first.payload == "{\"id\":\"p100\"}");
  BOOST_TEST((first.state == DeliveryState::in_flight));
  BOOST_TEST(first.attempts == 1);
  BOOST_TEST(first.lease_until_ms == kNow + kLease);
  BOOST_TEST(first.post_date_ms == 100);
  BOOST_TEST(first.created_ms > 0);

  // Same date: by id (q200 was recorded after p200).
  BOOST_TEST(post_ids(claim(*outbox, "hook", kNow, 10)) == (std::vector<std::string>{"q200", "p300"}));
  BOOST_TEST(claim(*outbox, "hook", kNow, 10).empty());
  BOOST_TEST(claim(*outbox, "hook", kNow, 0).empty());
  // Other targets are untouched.
  BOOST_TEST(claim(*outbox, "other", kNow, 10).size() == 4u);
  BOOST_TEST(claim(*outbox, "nobody", kNow, 10).empty());
}

BOOST_DATA_TEST_CASE(claims_only_deliveries_that_are_due, test::outbox_engines(), engine) {
  test::TestOutbox outbox(engine);
  record(*outbox, {post("old", 1), post("new", 2)},
         {delivery("old", "hook", 1, kNow + 20'000), delivery("new", "hook", 2, kNow)});
  BOOST_TEST(post_ids(claim(*outbox, "hook", kNow, 10)) == (std::vector<std::string>{"new"}));
  BOOST_TEST(claim(*outbox, "hook", kNow + 19'999, 10).empty());
  BOOST_TEST(post_ids(claim(*outbox, "hook", kNow + 20'000, 10)) == (std::vector<std::string>{"old"}));
}

BOOST_DATA_TEST_CASE(a_delivery_replaces_the_payload_of_one_not_attempted_yet, test::outbox_engines(), engine) {
  test::TestOutbox outbox(engine);
  NewDelivery first = delivery("u1", "search", 1, kNow);
  first.event = "indexnow.submit";
  record(*outbox, {}, {first});
  auto waiting = outbox->unattempted_of("search", "indexnow.submit");
  BOOST_TEST_REQUIRE(waiting.has_value());
  BOOST_TEST(waiting->second == first.payload);
  BOOST_TEST(!outbox->unattempted_of("search", "post.published").has_value());
  NewDelivery merged = first;
  merged.message_id = "msg_merged";
  merged.payload = "[\"u1\",\"u2\"]";
  merged.replaces = waiting->first;
  record(*outbox, {}, {merged});
  std::vector<Delivery> claimed = claim(*outbox, "search", kNow, 10);
  BOOST_TEST_REQUIRE(claimed.size() == 1u);
  BOOST_TEST(claimed[0].payload == merged.payload);
  BOOST_TEST(claimed[0].message_id == first.message_id);
  BOOST_TEST(!outbox->unattempted_of("search", "indexnow.submit").has_value());
  // Claimed meanwhile: the replacement becomes a delivery of its own.
  merged.message_id = "msg_late";
  merged.payload = "[\"u3\"]";
  record(*outbox, {}, {merged});
  std::vector<Delivery> later = claim(*outbox, "search", kNow, 10);
  BOOST_TEST_REQUIRE(later.size() == 1u);
  BOOST_TEST(later[0].payload == "[\"u3\"]");
}

BOOST_DATA_TEST_CASE(an_expired_lease_is_claimed_again_with_the_same_message_id, test::outbox_engines(), engine) {
  test::TestOutbox outbox(engine);
  record_posts(*outbox, {{"a", 1}, {"b", 2}}, {"hook"});
  std::vector<Delivery> got = claim(*outbox, "hook", kNow, 1);
  BOOST_REQUIRE_EQUAL(got.size(), 1u);
  BOOST_TEST(claim(*outbox, "hook", kNow + kLease - 1, 1).front().post_id == "b");  // a is leased
  std::vector<Delivery> again = claim(*outbox, "hook", kNow + kLease, 5);
  BOOST_REQUIRE_EQUAL(again.size(), 1u);
  BOOST_TEST(again[0].id == got[0].id);
  BOOST_TEST(again[0].message_id == got[0].message_id);
  BOOST_TEST(again[0].payload == got[0].payload);
  BOOST_TEST(again[0].attempts == 2);
  BOOST_TEST(again[0].lease_until_ms == kNow + 2 * kLease);
}

BOOST_DATA_TEST_CASE(expired_leases_and_due_deliveries_merge_in_post_order, test::outbox_engines(), engine) {
  test::TestOutbox outbox(engine);
  record_posts(*outbox, {{"b", 2}}, {"hook"});
  claim(*outbox, "hook", kNow, 1);                  // b: in_flight until kNow + kLease
  record_posts(*outbox, {{"a", 1}, {"c", 3}}, {"hook"});
  BOOST_TEST(post_ids(claim(*outbox, "hook", kNow + kLease, 2)) == (std::vector<std::string>{"a", "b"}));
}

BOOST_DATA_TEST_CASE(finish_records_each_kind_of_outcome, test::outbox_engines(), engine) {
  test::TestOutbox outbox(engine);
  record_posts(*outbox, {{"sent", 1}, {"retry", 2}, {"dead", 3}, {"probe", 4}}, {"hook"});
  std::vector<Delivery> got = claim(*outbox, "hook", kNow, 10);
  BOOST_REQUIRE_EQUAL(got.size(), 4u);

  DeliveryOutcome sent = outcome(got[0].id, DeliveryOutcome::Kind::sent, kNow + 10);
  sent.http_status = 201;
  sent.remote_id = "109876";
  sent.remote_url = "https://social.example/@ayto/109876";
  DeliveryOutcome retry = outcome(got[1].id, DeliveryOutcome::Kind::retry, kNow + 20);
  retry.retry_at_ms = kNow + 5'000;
  retry.http_status = 503;
  retry.error = "HTTP 503";
  DeliveryOutcome dead = outcome(got[2].id, DeliveryOutcome::Kind::dead, kNow + 30);
  dead.http_status = 410;
  dead.error = "HTTP 410: gone";
  DeliveryOutcome probe = outcome(got[3].id, DeliveryOutcome::Kind::url_pending, kNow + 40);
  probe.retry_at_ms = kNow + 60'000;
  probe.http_status = 404;
  probe.error = "waiting for the post's URL to answer 200 (it answers HTTP 404)";
  finish(*outbox, {sent, retry, dead, probe});

  Delivery d = only_delivery(*outbox, "sent");
  BOOST_TEST((d.state == DeliveryState::sent));
  BOOST_TEST(d.finished_ms == kNow + 10);
  BOOST_TEST(d.last_status == 201);
  BOOST_TEST(d.remote_id == "109876");
  BOOST_TEST(d.remote_url == "https://social.example/@ayto/109876");
  BOOST_TEST(d.attempts == 1);
  BOOST_TEST(d.lease_until_ms == 0);
  BOOST_TEST(d.payload.empty());  // list() leaves it out

  d = only_delivery(*outbox, "retry");
  BOOST_TEST((d.state == DeliveryState::pending));
  BOOST_TEST(d.not_before_ms == kNow + 5'000);
  BOOST_TEST(d.last_status == 503);
  BOOST_TEST(d.last_error == "HTTP 503");
  BOOST_TEST(d.attempts == 1);
  BOOST_TEST(d.finished_ms == 0);

  d = only_delivery(*outbox, "dead");
  BOOST_TEST((d.state == DeliveryState::dead));
  BOOST_TEST(d.finished_ms == kNow + 30);
  BOOST_TEST(d.last_status == 410);
  BOOST_TEST(d.last_error == "HTTP 410: gone");

  d = only_delivery(*outbox, "probe");
  BOOST_TEST((d.state == DeliveryState::pending));
  BOOST_TEST(d.not_before_ms == kNow + 60'000);
  BOOST_TEST(d.attempts == 0);  // a URL probe is not an attempt
  BOOST_TEST(d.last_status == 404);
  BOOST_TEST(d.last_error == "waiting for the post's URL to answer 200 (it answers HTTP 404)");
  // ... nor a failed one: the last failure is still the dead delivery's.
  BOOST_TEST(outbox->counts().at(0).last_error == "HTTP 410: gone");
  BOOST_TEST(outbox->counts().at(0).last_error_ms == kNow + 30);

  // The retry and the probe come back when due; the probe's claim counts as
  // the first attempt.
  std::vector<Delivery> retried = claim(*outbox, "hook", kNow + 5'000, 10);
  BOOST_TEST(post_ids(retried) == (std::vector<std::string>{"retry"}));
  BOOST_TEST(retried.at(0).attempts == 2);
  finish(*outbox, {outcome(retried[0].id, DeliveryOutcome::Kind::sent, kNow + 5'001)});
  std::vector<Delivery> later = claim(*outbox, "hook", kNow + 60'000, 10);
  BOOST_REQUIRE_EQUAL(later.size(), 1u);
  BOOST_TEST(later[0].post_id == "probe");
  BOOST_TEST(later[0].attempts == 1);
}

BOOST_DATA_TEST_CASE(url_pending_keeps_the_check_url, test::outbox_engines(), engine) {
  test::TestOutbox outbox(engine);
  NewDelivery d = delivery("a", "hook", 1);
  d.check_url = "https://example.org/noticias/a/";
  record(*outbox, {post("a", 1)}, {d});
  for (int i = 0; i < 3; ++i) {
    std::vector<Delivery> got = claim(*outbox, "hook", kNow + i, 1);
    BOOST_REQUIRE_EQUAL(got.size(), 1u);
    BOOST_TEST(got[0].check_url == "https://example.org/noticias/a/");
    BOOST_TEST(got[0].attempts == 1);
    DeliveryOutcome probe = outcome(got[0].id, DeliveryOutcome::Kind::url_pending, kNow + i);
    probe.retry_at_ms = kNow + i + 1;
    finish(*outbox, {probe});
  }
  BOOST_TEST(only_delivery(*outbox, "a").attempts == 0);
}

BOOST_DATA_TEST_CASE(stale_outcomes_never_move_a_delivery_back, test::outbox_engines(), engine) {
  test::TestOutbox outbox(engine);
  record_posts(*outbox, {{"a", 1}, {"b", 2}}, {"hook"});
  std::vector<Delivery> got = claim(*outbox, "hook", kNow, 1);
  const std::int64_t a = got[0].id;
  DeliveryOutcome sent = outcome(a, DeliveryOutcome::Kind::sent, kNow + 1);
  sent.remote_id = "r1";
  finish(*outbox, {sent});

  DeliveryOutcome retry = outcome(a, DeliveryOutcome::Kind::retry, kNow + 2);
  retry.error = "late timeout";
  DeliveryOutcome dead = outcome(a, DeliveryOutcome::Kind::dead, kNow + 3);
  DeliveryOutcome resent = outcome(a, DeliveryOutcome::Kind::sent, kNow + 4);
  resent.remote_id = "r2";
  finish(*outbox, {retry, dead, resent, outcome(a, DeliveryOutcome::Kind::url_pending, kNow + 5)});
  Delivery d = only_delivery(*outbox, "a");
  BOOST_TEST((d.state == DeliveryState::sent));
  BOOST_TEST(d.remote_id == "r1");
  BOOST_TEST(d.finished_ms == kNow + 1);
  BOOST_TEST(d.last_error == "");

  // b was never claimed: an outcome for it is ignored too, as is an unknown id.
  const std::int64_t b = only_delivery(*outbox, "b").id;
  finish(*outbox, {outcome(b, DeliveryOutcome::Kind::dead, kNow), outcome(9999, DeliveryOutcome::Kind::sent, kNow)});
  BOOST_TEST((only_delivery(*outbox, "b").state == DeliveryState::pending));
}

BOOST_DATA_TEST_CASE(a_stopped_target_has_its_pending_deliveries_dead_and_retry_brings_them_back, test::outbox_engines(), engine) {
  test::TestOutbox outbox(engine);
  record_posts(*outbox, {{"a", 1}, {"b", 2}, {"c", 3}}, {"hook", "other"});
  std::vector<Delivery> first = claim(*outbox, "hook", kNow, 1);  // a, in flight
  BOOST_TEST(outbox->stop_target("hook", "not sent: the token was refused", kNow + 5) == 2);
  BOOST_TEST(outbox->stop_target("hook", "again", kNow + 6) == 0);
  std::vector<TargetCounts> counts = outbox->counts();
  BOOST_REQUIRE(counts.size() == 2u);
  BOOST_TEST(counts[0].target == "hook");
  BOOST_TEST(counts[0].in_flight == 1);  // finishes on its own
  BOOST_TEST(counts[0].dead == 2);
  BOOST_TEST(counts[0].last_error == "not sent: the token was refused");
  BOOST_TEST(counts[1].pending == 3);  // other targets are untouched
  BOOST_TEST(claim(*outbox, "hook", kNow + 10, 10).empty());
  BOOST_TEST(outbox->requeue_dead("hook", "", kNow + 20) == 2);
  BOOST_TEST(claim(*outbox, "hook", kNow + 20, 10).size() == 2u);
}

BOOST_DATA_TEST_CASE(requeue_dead_by_target_and_post, test::outbox_engines(), engine) {
  test::TestOutbox outbox(engine);
  record_posts(*outbox, {{"a", 1}, {"b", 2}}, {"hook", "other"});
  std::vector<DeliveryOutcome> deaths;
  for (const std::string target : {"hook", "other"}) {
    for (const Delivery& d : claim(*outbox, target, kNow, 10)) {
      DeliveryOutcome o = outcome(d.id, DeliveryOutcome::Kind::dead, kNow);
      o.error = "HTTP 401";
      deaths.push_back(o);
    }
  }
  finish(*outbox, deaths);
  BOOST_TEST(outbox->requeue_dead("hook", "a", kNow + 1) == 1);
  BOOST_TEST(outbox->requeue_dead("hook", "a", kNow + 1) == 0);
  BOOST_TEST(outbox->requeue_dead("other", "", kNow + 2) == 2);
  BOOST_TEST(outbox->requeue_dead("", "", kNow + 3) == 1);  // hook's b

  std::vector<Delivery> again = claim(*outbox, "hook", kNow + 3, 10);
  BOOST_REQUIRE_EQUAL(again.size(), 2u);
  BOOST_TEST(again[0].attempts == 1);  // reset to 0, then this claim
  BOOST_TEST(again[0].finished_ms == 0);
  BOOST_TEST(again[0].message_id == "msg_a_hook");
  BOOST_TEST(claim(*outbox, "other", kNow + 1, 10).empty());  // due at kNow + 2
  BOOST_TEST(claim(*outbox, "other", kNow + 2, 10).size() == 2u);
}

BOOST_DATA_TEST_CASE(retry_dead_names_the_post_by_id_file_or_url, test::outbox_engines(), engine) {
  test::TestOutbox outbox(engine);
  record_posts(*outbox, {{"a", 1}, {"b", 2}}, {"hook"});
  std::vector<DeliveryOutcome> deaths;
  for (const Delivery& d : claim(*outbox, "hook", kNow, 10)) {
    deaths.push_back(outcome(d.id, DeliveryOutcome::Kind::dead, kNow));
  }
  finish(*outbox, deaths);
  auto requeued = [&](const std::string& target, const std::string& post_ref) {
    Result<std::int64_t> n = retry_dead(*outbox, target, post_ref, kNow + 1);
    BOOST_TEST(n.ok(), n.error());
    return n.ok() ? *n : -1;
  };
  BOOST_TEST(requeued("hook", "posts/a.md") == 1);
  BOOST_TEST(requeued("", "https://example.org/noticias/b/") == 1);
  BOOST_TEST(requeued("", "") == 0);  // none dead now
  Result<std::int64_t> unknown = retry_dead(*outbox, "hook", "posts/zzz.md", kNow + 1);
  BOOST_TEST(!unknown.ok());
  BOOST_TEST(unknown.error() == "no announced post matches \"posts/zzz.md\" (give its id, file or URL)");
  BOOST_TEST(claim(*outbox, "hook", kNow + 1, 10).size() == 2u);
}

BOOST_DATA_TEST_CASE(backlog_counts_unfinished_deliveries_per_target, test::outbox_engines(), engine) {
  test::TestOutbox outbox(engine);
  BOOST_TEST(outbox->backlog().empty());
  record_posts(*outbox, {{"a", 1}, {"b", 2}, {"c", 3}}, {"zeta", "alpha"});
  std::vector<Delivery> got = claim(*outbox, "alpha", kNow, 3);  // all three in flight
  finish(*outbox, {outcome(got[0].id, DeliveryOutcome::Kind::sent, kNow + 1),
                   outcome(got[1].id, DeliveryOutcome::Kind::dead, kNow + 2)});
  std::vector<TargetBacklog> backlog = outbox->backlog();
  BOOST_REQUIRE_EQUAL(backlog.size(), 2u);
  BOOST_TEST(backlog[0].target == "alpha");
  BOOST_TEST(backlog[0].waiting == 1);  // the one still in flight
  BOOST_TEST(backlog[0].oldest_created_ms == got[2].created_ms);
  BOOST_TEST(backlog[1].target == "zeta");
  BOOST_TEST(backlog[1].waiting == 3);
  finish(*outbox, {outcome(got[2].id, DeliveryOutcome::Kind::sent, kNow + 3)});
  BOOST_TEST(outbox->backlog().size() == 1u);  // alpha has nothing left
}

BOOST_DATA_TEST_CASE(counts_per_target_with_next_attempt_and_last_error, test::outbox_engines(), engine) {
  test::TestOutbox outbox(engine);
  BOOST_TEST(outbox->counts().empty());
  record_posts(*outbox, {{"a", 1}, {"b", 2}, {"c", 3}, {"d", 4}}, {"zeta", "alpha"});
  std::vector<Delivery> got = claim(*outbox, "alpha", kNow, 3);
  DeliveryOutcome retry = outcome(got[0].id, DeliveryOutcome::Kind::retry, kNow + 5);
  retry.retry_at_ms = kNow + 100;
  retry.error = "connection refused";
  DeliveryOutcome dead = outcome(got[1].id, DeliveryOutcome::Kind::dead, kNow + 7);
  dead.error = "HTTP 422";
  finish(*outbox, {retry, dead});

  std::vector<TargetCounts> counts = outbox->counts();
  BOOST_REQUIRE_EQUAL(counts.size(), 2u);
  const TargetCounts& alpha = counts[0];
  BOOST_TEST(alpha.target == "alpha");
  BOOST_TEST(alpha.pending == 2);
  BOOST_TEST(alpha.in_flight == 1);
  BOOST_TEST(alpha.sent == 0);
  BOOST_TEST(alpha.dead == 1);
  BOOST_TEST((alpha.next_attempt_ms == 0));  // d was due from the start
  BOOST_TEST(alpha.last_error == "HTTP 422");
  BOOST_TEST(alpha.last_error_ms == kNow + 7);
  const TargetCounts& zeta = counts[1];
  BOOST_TEST(zeta.target == "zeta");
  BOOST_TEST(zeta.pending == 4);
  BOOST_TEST(zeta.last_error == "");
  BOOST_TEST(zeta.last_error_ms == 0);

  BOOST_TEST((outbox->next_due("alpha") == 0));
  finish(*outbox, {outcome(got[2].id, DeliveryOutcome::Kind::sent, kNow + 8)});
  BOOST_TEST(claim(*outbox, "alpha", kNow, 5).size() == 1u);  // d
  BOOST_TEST((outbox->next_due("alpha") == kNow + 100));
  BOOST_TEST((outbox->counts()[0].next_attempt_ms == kNow + 100));
  BOOST_TEST(outbox->counts()[0].sent == 1);
  BOOST_TEST((outbox->next_due("zeta") == 0));
  BOOST_TEST((outbox->next_due() == 0));
  BOOST_TEST(!outbox->next_due("nobody"));
}

BOOST_DATA_TEST_CASE(list_shows_recent_posts_filtered_by_target_and_state, test::outbox_engines(), engine) {
  test::TestOutbox outbox(engine);
  record(*outbox, {post("quiet", 5)}, {}, true);  // baseline: no deliveries
  record_posts(*outbox, {{"a", 1}, {"b", 2}, {"c", 3}}, {"hook", "other"});
  std::vector<Delivery> got = claim(*outbox, "hook", kNow, 1);  // a
  finish(*outbox, {outcome(got[0].id, DeliveryOutcome::Kind::dead, kNow)});

  auto ids = [](const std::vector<PostDeliveries>& list) {
    std::vector<std::string> out;
    for (const PostDeliveries& pd : list) out.push_back(pd.post.id);
    return out;
  };
  std::vector<PostDeliveries> all = outbox->list(ListFilter{});
  BOOST_TEST(ids(all) == (std::vector<std::string>{"quiet", "c", "b", "a"}));
  BOOST_TEST(all[0].deliveries.empty());
  BOOST_REQUIRE_EQUAL(all[3].deliveries.size(), 2u);
  BOOST_TEST(all[3].deliveries[0].target == "hook");  // oldest first
  BOOST_TEST((all[3].deliveries[0].state == DeliveryState::dead));
  BOOST_TEST(all[3].deliveries[1].target == "other");
  BOOST_TEST(all[3].post.title == "Título a");
  BOOST_TEST(all[3].post.url == "https://example.org/noticias/a/");

  BOOST_TEST(ids(outbox->list(filter("", std::nullopt, 2))) == (std::vector<std::string>{"quiet", "c"}));
  std::vector<PostDeliveries> hook = outbox->list(filter("hook"));
  BOOST_TEST(ids(hook) == (std::vector<std::string>{"c", "b", "a"}));
  BOOST_TEST(hook[2].deliveries.size() == 1u);
  BOOST_TEST(ids(outbox->list(filter("", DeliveryState::dead))) == (std::vector<std::string>{"a"}));
  BOOST_TEST(ids(outbox->list(filter("other", DeliveryState::dead))).empty());
  BOOST_TEST(ids(outbox->list(filter("other", DeliveryState::pending, 1))) ==
             (std::vector<std::string>{"c"}));
}

BOOST_DATA_TEST_CASE(finds_a_post_by_id_path_or_url, test::outbox_engines(), engine) {
  test::TestOutbox outbox(engine);
  OutboxPost no_slash = post("2", 2);
  no_slash.url = "https://example.org/noticias/dos";
  record(*outbox, {post("1", 1), no_slash}, {});
  auto id_of = [&](std::string_view q) {
    std::optional<OutboxPost> p = outbox->find_post(q);
    return p ? p->id : "(none)";
  };
  BOOST_TEST(id_of("1") == "1");
  BOOST_TEST(id_of("posts/1.md") == "1");
  BOOST_TEST(id_of("https://example.org/noticias/1/") == "1");
  BOOST_TEST(id_of("https://example.org/noticias/1") == "1");
  BOOST_TEST(id_of("https://example.org/noticias/dos") == "2");
  BOOST_TEST(id_of("https://example.org/noticias/dos/") == "2");
  BOOST_TEST(id_of("https://example.org/noticias/") == "(none)");
  BOOST_TEST(id_of("3") == "(none)");
  BOOST_TEST(id_of("") == "(none)");
  std::optional<OutboxPost> p = outbox->find_post("posts/2.md");
  BOOST_REQUIRE(p);
  BOOST_TEST(p->title == "Título 2");
  BOOST_TEST(p->date_ms == 2);
}

// One instance: a change (NewDelivery::change) seen again, an edit back to
// a version announced before, is announced again (pg_outbox.h: a shared
// outbox leaves out what another instance recorded).
BOOST_AUTO_TEST_CASE(sqlite_announces_every_change_it_is_given) {
  TempDir dir;
  auto outbox = open_outbox(dir / "outbox.db");
  NewDelivery edit = delivery("a", "hook", 1000);
  edit.event = "post.updated";
  edit.change = "v2";
  NewDelivery again = edit;
  again.message_id += "-again";
  RecordOutcome left_out;
  BOOST_TEST(outbox->record({post("a", 1000)}, {edit}).ok());
  BOOST_TEST(outbox->record({post("a", 1000)}, {again}, false, &left_out).ok());
  BOOST_TEST(left_out.changes_taken == 0u);
  BOOST_TEST(left_out.deliveries_dropped == 0u);
  BOOST_TEST(claim(*outbox, "hook", kNow, 10).size() == 2u);
}

BOOST_AUTO_TEST_CASE(reopening_keeps_everything_and_changes_no_schema) {
  TempDir dir;
  const std::string path = dir / "outbox.db";
  std::int64_t id = 0;
  {
    auto outbox = open_outbox(path);
    record_posts(*outbox, {{"a", 1}, {"b", 2}}, {"hook"});
    record(*outbox, {}, {}, true);
    id = claim(*outbox, "hook", kNow, 1).at(0).id;
    finish(*outbox, {outcome(id, DeliveryOutcome::Kind::sent, kNow)});
  }
  BOOST_TEST(user_version(path) == Outbox::kSchemaVersion);
  for (int i = 0; i < 2; ++i) {
    auto outbox = open_outbox(path);
    BOOST_TEST(outbox->has_baseline());
    BOOST_TEST((only_delivery(*outbox, "a").state == DeliveryState::sent));
    BOOST_TEST(outbox->counts().at(0).pending == 1);
  }
  BOOST_TEST(user_version(path) == Outbox::kSchemaVersion);
}

BOOST_AUTO_TEST_CASE(refuses_a_newer_schema_and_leaves_it_alone) {
  TempDir dir;
  const std::string path = dir / "outbox.db";
  { open_outbox(path); }
  {
    SqliteDb db;
    BOOST_REQUIRE(db.open(path).ok());
    BOOST_REQUIRE(db.exec("PRAGMA user_version=9").ok());
  }
  const std::string expected = path + ": schema version 9 is newer than this herald's (8)";
  BOOST_TEST(open_error(path) == expected);
  BOOST_TEST(open_error(path, Outbox::Mode::read_only) == expected);
  BOOST_TEST(user_version(path) == 9);
}

BOOST_AUTO_TEST_CASE(migrates_a_version_1_outbox_and_keeps_its_deliveries) {
  TempDir dir;
  const std::string path = dir / "outbox.db";
  {
    std::unique_ptr<Outbox> outbox = open_outbox(path);
    BOOST_REQUIRE(outbox->record({post("1", 1000)}, {delivery("1", "hook", 1000)}).ok());
  }
  {
    SqliteDb db;
    BOOST_REQUIRE(db.open(path).ok());
    BOOST_REQUIRE(db.exec("DROP TABLE target_state; DROP TABLE delivery_images; DROP TABLE pace_state;"
                          " DROP TABLE delivery_progress; DROP TABLE audit;"
                          " DROP TABLE announced_changes; DROP TABLE pinged_feeds;"
                          " ALTER TABLE deliveries DROP COLUMN jump_queue;"
                          " ALTER TABLE deliveries DROP COLUMN approval_deadline_ms;"
                          " ALTER TABLE deliveries DROP COLUMN approve_on_timeout;"
                          " ALTER TABLE deliveries DROP COLUMN resent_by; PRAGMA user_version=1").ok());
  }
  std::unique_ptr<Outbox> outbox = open_outbox(path);
  BOOST_TEST(user_version(path) == Outbox::kSchemaVersion);
  BOOST_TEST(outbox->counts().at(0).pending == 1);
  Result<std::optional<std::string>> state = outbox->target_state("sky");
  BOOST_REQUIRE_MESSAGE(state.ok(), state.error());
  BOOST_TEST(!state->has_value());
}

BOOST_AUTO_TEST_CASE(keeps_each_targets_state_across_reopening) {
  TempDir dir;
  const std::string path = dir / "outbox.db";
  {
    std::unique_ptr<Outbox> outbox = open_outbox(path);
    BOOST_REQUIRE(outbox->save_target_state("sky", "{\"session\":1}", 10).ok());
    BOOST_REQUIRE(outbox->save_target_state("sky", std::string("v2\0bytes", 8), 20).ok());
    BOOST_REQUIRE(outbox->save_target_state("toot", "t", 30).ok());
  }
  std::unique_ptr<Outbox> outbox = open_outbox(path);
  auto saved = [&](const std::string& target) {
    Result<std::optional<std::string>> state = outbox->target_state(target);
    BOOST_TEST(state.ok());
    return state.ok() ? *state : std::optional<std::string>("unreadable");
  };
  BOOST_TEST(saved("sky").value_or("") == std::string("v2\0bytes", 8));
  BOOST_TEST(saved("toot").value_or("") == "t");
  BOOST_TEST(!saved("other").has_value());
}

BOOST_AUTO_TEST_CASE(refuses_a_file_that_is_not_an_outbox) {
  TempDir dir;
  test::write_file(dir / "junk.db", std::string(4096, 'x'));
  // Refused, and kept whole for the operator, moved aside (outbox_faults_test.cc).
  std::string junk = open_error(dir / "junk.db");
  BOOST_TEST(junk.rfind(dir / "junk.db: file is not a database; moved it to " + dir / "junk.db.corrupt-", 0) == 0u,
             junk);
  BOOST_TEST(test::read_file(find_moved_aside(dir / "junk.db")) == std::string(4096, 'x'));
  {
    SqliteDb db;
    BOOST_REQUIRE(db.open(dir / "other.db").ok());
    BOOST_REQUIRE(db.exec("CREATE TABLE t(x)").ok());
  }
  BOOST_TEST(open_error(dir / "other.db") == dir / "other.db: tables of an unknown schema");
}

BOOST_AUTO_TEST_CASE(a_second_writer_is_refused_while_the_first_lives) {
  TempDir dir;
  const std::string path = dir / "state/outbox.db";
  {
    auto first = open_outbox(path);
    BOOST_TEST(open_error(path) == path + ": another herald owns " + dir / "state" + " (pid " +
                                       std::to_string(getpid()) + ")");
  }
  open_outbox(path);  // released with the first
}

BOOST_AUTO_TEST_CASE(a_second_writer_is_refused_while_another_process_holds_it) {
  TempDir dir;
  const std::string path = dir / "outbox.db";
  int ready[2];
  int done[2];
  BOOST_REQUIRE(pipe(ready) == 0 && pipe(done) == 0);
  pid_t child = fork();
  BOOST_REQUIRE(child >= 0);
  if (child == 0) {
    auto outbox = Outbox::open(path, Outbox::Mode::read_write);
    char c = outbox.ok() ? 'y' : 'n';
    (void)!write(ready[1], &c, 1);
    (void)!read(done[0], &c, 1);  // until the parent closes it
    _exit(0);
  }
  close(ready[1]);
  close(done[0]);
  char c = 0;
  BOOST_REQUIRE(read(ready[0], &c, 1) == 1);
  BOOST_TEST(c == 'y');
  BOOST_TEST(open_error(path) == path + ": another herald owns " + dir.path() + " (pid " + std::to_string(child) + ")");
  // Readers do not need the lock.
  auto reader = open_outbox(path, Outbox::Mode::read_only);
  BOOST_TEST(reader->counts().empty());
  kill(child, SIGKILL);  // the kernel releases the lock of a killed owner
  int status = 0;
  waitpid(child, &status, 0);
  close(ready[0]);
  close(done[1]);
  open_outbox(path);
}

BOOST_AUTO_TEST_CASE(a_reader_sees_a_running_writer_and_cannot_write) {
  TempDir dir;
  const std::string path = dir / "outbox.db";
  BOOST_TEST(open_error(path, Outbox::Mode::read_only) == path + ": no such file");
  BOOST_TEST(!std::filesystem::exists(path));

  auto writer = open_outbox(path);
  record_posts(*writer, {{"a", 1}}, {"hook"});
  auto reader = open_outbox(path, Outbox::Mode::read_only);
  BOOST_TEST(reader->counts().at(0).pending == 1);
  record_posts(*writer, {{"b", 2}}, {"hook"});
  BOOST_TEST(reader->counts().at(0).pending == 2);
  BOOST_TEST(reader->find_post("b").has_value());
  std::vector<std::string> out;
  BOOST_TEST(reader->unseen({"a", "c"}, &out).ok());
  BOOST_TEST(out == (std::vector<std::string>{"c"}));

  Status s = reader->record({post("c", 3)}, {});
  BOOST_TEST(s.message == path + ": attempt to write a readonly database");
  BOOST_TEST(reader->requeue_dead("", "", kNow) == 0);
  std::vector<Delivery> claimed;
  BOOST_TEST(!reader->claim("hook", kNow, kLease, 5, &claimed).ok());
  BOOST_TEST(claimed.empty());
  BOOST_TEST(writer->unseen({"c"}, &out).ok());
  BOOST_TEST(out.size() == 1u);

  // After the writer is gone (its WAL checkpointed and removed), too.
  reader.reset();
  writer.reset();
  reader = open_outbox(path, Outbox::Mode::read_only);
  BOOST_TEST(reader->counts().at(0).pending == 2);
  BOOST_TEST(reader->has_baseline() == false);
  open_outbox(path);  // a writer can start while a reader is open
}

BOOST_AUTO_TEST_CASE(the_change_counter_moves_only_when_the_outbox_changes) {
  TempDir dir;
  const std::string path = dir / "outbox.db";
  auto writer = open_outbox(path);
  auto reader = open_outbox(path, Outbox::Mode::read_only);
  auto counters = [&] { return std::pair{*writer->change_counter(), *reader->change_counter()}; };
  auto before = counters();
  BOOST_TEST((counters() == before));  // read twice, nothing changed
  record_posts(*writer, {{"a", 1}}, {"hook"});
  auto after_record = counters();
  BOOST_TEST(after_record.first != before.first);
  BOOST_TEST(after_record.second != before.second);
  claim(*writer, "hook", kNow, 5);
  BOOST_TEST(counters().second != after_record.second);  // a claim is a change too
}

BOOST_AUTO_TEST_CASE(a_killed_daemon_s_claims_are_recovered_with_the_same_message_ids) {
  TempDir dir;
  const std::string path = dir / "outbox.db";
  pid_t child = fork();
  BOOST_REQUIRE(child >= 0);
  if (child == 0) {
    auto opened = Outbox::open(path, Outbox::Mode::read_write);
    if (!opened.ok()) _exit(2);
    std::unique_ptr<Outbox> outbox = *std::move(opened);
    std::vector<OutboxPost> posts;
    std::vector<NewDelivery> deliveries;
    for (int i = 0; i < 50; ++i) {
      posts.push_back(post("p" + std::to_string(100 + i), i));
      deliveries.push_back(delivery(posts.back().id, "hook", i));
    }
    if (!outbox->record(posts, deliveries).ok()) _exit(3);
    std::vector<Delivery> claimed;
    if (!outbox->claim("hook", kNow, kLease, 20, &claimed).ok() || claimed.size() != 20) _exit(4);
    if (!outbox->finish({outcome(claimed[0].id, DeliveryOutcome::Kind::sent, kNow)}).ok()) _exit(5);
    kill(getpid(), SIGKILL);  // mid-delivery, nothing closed
    _exit(6);
  }
  int status = 0;
  BOOST_REQUIRE(waitpid(child, &status, 0) == child);
  BOOST_REQUIRE(WIFSIGNALED(status));
  BOOST_TEST(WTERMSIG(status) == SIGKILL);

  auto outbox = open_outbox(path);  // the dead child's lock is gone
  BOOST_TEST(outbox->recover_in_flight(kNow + 1) == 19);
  BOOST_TEST(outbox->recover_in_flight(kNow + 1) == 0);
  std::vector<Delivery> all = claim(*outbox, "hook", kNow + 1, 100);  // long before the lease expires
  BOOST_REQUIRE_EQUAL(all.size(), 49u);
  for (int i = 0; i < 49; ++i) {
    const Delivery& d = all[static_cast<std::size_t>(i)];
    BOOST_TEST(d.post_id == "p" + std::to_string(101 + i));
    BOOST_TEST(d.message_id == "msg_" + d.post_id + "_hook");
    BOOST_TEST(d.attempts == (i < 19 ? 2 : 1));
  }
  BOOST_TEST((only_delivery(*outbox, "p100").state == DeliveryState::sent));
}

BOOST_AUTO_TEST_CASE(a_clock_step_moves_retries_leases_and_due_deliveries_not_later_first_attempts) {
  TempDir dir;
  auto outbox = open_outbox(dir / "outbox.db");
  // due: a first attempt due now; later: one delayed past the step; retry
  // and leased: claimed, then one failed (retry in 20 s) and one in flight.
  record(*outbox, {post("due", 1), post("later", 2), post("retry", 3), post("leased", 4)},
         {delivery("due", "hook", 1, kNow - 5'000), delivery("later", "hook", 2, kNow + 600'000),
          delivery("retry", "other", 3, kNow), delivery("leased", "other", 4, kNow)});
  std::vector<Delivery> got = claim(*outbox, "other", kNow, 2);
  BOOST_REQUIRE_EQUAL(got.size(), 2u);
  DeliveryOutcome retry = outcome(got[0].id, DeliveryOutcome::Kind::retry, kNow);
  retry.retry_at_ms = kNow + 20'000;
  retry.error = "HTTP 500";
  finish(*outbox, {retry});

  const std::int64_t leased_created = only_delivery(*outbox, "leased").created_ms;
  constexpr std::int64_t kHour = 3'600'000;
  Result<std::int64_t> moved = outbox->shift_waits(kHour, kNow, kNow + kHour);
  BOOST_REQUIRE_MESSAGE(moved.ok(), moved.error());
  BOOST_TEST(*moved == 3);
  // In flight with its creation time (a wait_for_url probe's url_check_max).
  BOOST_TEST(only_delivery(*outbox, "leased").created_ms == leased_created + kHour);
  BOOST_TEST(only_delivery(*outbox, "due").not_before_ms == kNow - 5'000 + kHour);
  BOOST_TEST(only_delivery(*outbox, "later").not_before_ms == kNow + 600'000);
  BOOST_TEST(only_delivery(*outbox, "retry").not_before_ms == kNow + 20'000 + kHour);
  BOOST_TEST(only_delivery(*outbox, "leased").lease_until_ms == kNow + kLease + kHour);
  using Lease = std::pair<std::int64_t, std::int64_t>;
  BOOST_TEST((outbox->leases("other") == std::vector<Lease>{{got[1].id, kNow + kLease + kHour}}));
  BOOST_TEST(outbox->leases("hook").empty());

  BOOST_REQUIRE(outbox->shift_waits(-2 * kHour, kNow + kHour, kNow - kHour).ok());
  BOOST_TEST(only_delivery(*outbox, "retry").not_before_ms == kNow + 20'000 - kHour);
  // Due by then (kNow + 1 h): it moves too, and stays due.
  BOOST_TEST(only_delivery(*outbox, "later").not_before_ms == kNow + 600'000 - 2 * kHour);
}

// The chaos test's stall: a first attempt recorded after the engine's last
// reading of the clock, then the clock stepped back an hour. Due later than
// that reading, it used to keep its time and wait an hour. Recorded on the
// clock before the step (created after the first reading past it), it moves
// with its creation time, so the next step back moves it once more, and a
// step forward does not move it.
BOOST_AUTO_TEST_CASE(a_first_attempt_recorded_just_before_a_step_back_moves_with_it) {
  TempDir dir;
  auto outbox = open_outbox(dir / "outbox.db");
  constexpr std::int64_t kHour = 3'600'000;
  const std::int64_t read_before = wall_clock_ms() - 1'000;  // the engine's last reading
  record(*outbox, {post("due", 1), post("delayed", 2)},
         {delivery("due", "hook", 1, read_before + 500), delivery("delayed", "hook", 2, read_before + 600'000)});
  const std::int64_t created = only_delivery(*outbox, "due").created_ms;
  BOOST_REQUIRE(created > read_before);

  const std::int64_t read_after = read_before + 2'000 - kHour;
  Result<std::int64_t> moved = outbox->shift_waits(-kHour, read_before, read_after);
  BOOST_REQUIRE_MESSAGE(moved.ok(), moved.error());
  BOOST_TEST(*moved == 2);
  BOOST_TEST(only_delivery(*outbox, "due").not_before_ms == read_before + 500 - kHour);
  BOOST_TEST(only_delivery(*outbox, "delayed").not_before_ms == read_before + 600'000 - kHour);
  BOOST_TEST(only_delivery(*outbox, "due").created_ms == created - kHour);

  // Another step back a moment later moves them once more; the first
  // attempt due in ten minutes still is.
  BOOST_REQUIRE(outbox->shift_waits(-kHour, read_after + 1'000, read_after + 2'000 - kHour).ok());
  BOOST_TEST(only_delivery(*outbox, "delayed").not_before_ms == read_before + 600'000 - 2 * kHour);
  // A step forward leaves a first attempt due later where it is.
  BOOST_REQUIRE(outbox->shift_waits(kHour, read_after + 2'000 - kHour, read_after + 3'000).ok());
  BOOST_TEST(only_delivery(*outbox, "delayed").not_before_ms == read_before + 600'000 - 2 * kHour);
}

// Pacing (outbox.cc Pacing): a paced claim takes first attempts apart from
// the rest, in either order; next_due tells them apart; max_age skips; the
// pace is kept.
BOOST_DATA_TEST_CASE(a_paced_claim_takes_first_attempts_apart, test::outbox_engines(), engine) {
  test::TestOutbox outbox(engine);
  record_posts(*outbox, {{"a", 1}, {"b", 2}, {"c", 3}}, {"hook"});
  // a failed once: a retry, claimed whatever the pace says.
  std::int64_t a = claim(*outbox, "hook", kNow, 1).at(0).id;
  DeliveryOutcome retry = outcome(a, DeliveryOutcome::Kind::retry, kNow);
  retry.error = "HTTP 500";
  retry.retry_at_ms = kNow;
  finish(*outbox, {retry});
  BOOST_TEST(*outbox->next_due("hook", DueKind::others) == kNow);
  BOOST_TEST(*outbox->next_due("hook", DueKind::first_attempts) == 0);

  std::vector<Delivery> out;
  BOOST_REQUIRE(outbox->claim_many({ClaimRequest{"hook", 4, 0}}, kNow, kLease, &out).ok());
  BOOST_TEST(post_ids(out) == (std::vector<std::string>{"a"}), boost::test_tools::per_element());
  BOOST_REQUIRE(outbox->claim_many({ClaimRequest{"hook", 4, 1, true}}, kNow, kLease, &out).ok());
  BOOST_TEST(post_ids(out) == (std::vector<std::string>{"c"}), boost::test_tools::per_element());
  BOOST_TEST(first_attempt(out.at(0)));
  BOOST_REQUIRE(outbox->claim_many({ClaimRequest{"hook", 4, 1}}, kNow, kLease, &out).ok());
  BOOST_TEST(post_ids(out) == (std::vector<std::string>{"b"}), boost::test_tools::per_element());
  BOOST_TEST(!outbox->next_due("hook", DueKind::first_attempts));
}

BOOST_DATA_TEST_CASE(a_delivery_that_jumps_the_queue_is_not_a_paced_first_attempt, test::outbox_engines(), engine) {
  test::TestOutbox outbox(engine);
  NewDelivery now = delivery("a", "hook", 1);
  now.jump_queue = true;
  record(*outbox, {post("a", 1)}, {now});
  BOOST_TEST(only_delivery(*outbox, "a").jump_queue);
  std::vector<Delivery> out;
  BOOST_REQUIRE(outbox->claim_many({ClaimRequest{"hook", 1, 0}}, kNow, kLease, &out).ok());
  BOOST_TEST(post_ids(out) == (std::vector<std::string>{"a"}), boost::test_tools::per_element());
}

BOOST_DATA_TEST_CASE(stale_posts_are_skipped_as_dead_with_the_reason, test::outbox_engines(), engine) {
  test::TestOutbox outbox(engine);
  record_posts(*outbox, {{"old", 1000}, {"new", 5000}}, {"hook", "other"});
  BOOST_TEST(outbox->skip_stale("hook", 2000, "skipped: too old", kNow) == 1);
  std::vector<PostDeliveries> list = outbox->list(filter("hook"));
  Delivery old = list.at(1).deliveries.at(0);
  BOOST_TEST((old.state == DeliveryState::dead));
  BOOST_TEST(old.last_error == "skipped: too old");
  BOOST_TEST(old.finished_ms == kNow);
  BOOST_TEST((list.at(0).deliveries.at(0).state == DeliveryState::pending));
  BOOST_TEST(outbox->counts().at(0).dead == 1);  // "hook"
  BOOST_TEST(outbox->counts().at(1).dead == 0);  // "other"
}

BOOST_AUTO_TEST_CASE(keeps_each_targets_pace_across_reopening) {
  TempDir dir;
  const std::string path = dir / "outbox.db";
  TargetPace pace{PaceState{kNow, 19675, 3, kNow + 5}, kNow + 600'000, "interval"};
  {
    auto outbox = open_outbox(path);
    BOOST_TEST((*outbox->pace("hook") == TargetPace{}));
    BOOST_REQUIRE(outbox->save_pace("hook", pace).ok());
    record_posts(*outbox, {{"a", 1}}, {"hook"});
  }
  auto outbox = open_outbox(path);
  BOOST_TEST((*outbox->pace("hook") == pace));
  BOOST_TEST(outbox->paces().size() == 1u);
  TargetCounts counts = outbox->counts().at(0);
  BOOST_TEST(counts.paced == 1);
  BOOST_TEST(counts.scheduled_ms == kNow + 600'000);
  BOOST_TEST(counts.pace_reason == "interval");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
