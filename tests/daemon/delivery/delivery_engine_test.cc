#include "daemon/delivery/delivery_engine.h"

#include <boost/test/unit_test.hpp>

#include <thread>
#include <chrono>
#include <string>
#include <vector>

#include "tests/daemon/delivery/engine_rig.h"

namespace herald {

using namespace std::chrono_literals;
using namespace test;

namespace {

// One X target whose access token must be renewed before it posts.
Config x_config(int concurrency) {
  Config config;
  config.site.url = "https://example.org/";
  TargetConfig target;
  target.name = "equis";
  target.type = TargetType::x;
  target.url = "https://api.x.example";
  target.settings = XSettings{};
  target.as<XSettings>().client_id = "client-1";
  target.as<XSettings>().refresh_token = "seed-refresh";
  target.concurrency = concurrency;
  config.targets.push_back(target);
  config.delivery.rate_per_second = 0;
  return config;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(delivery_engine)

// Liveness: a probe waits until the engine's loop runs it; one at a time.
BOOST_AUTO_TEST_CASE(a_probe_is_answered_when_the_loop_runs) {
  Rig rig(1, {});
  BOOST_TEST((rig.engine->waiting() == std::chrono::steady_clock::duration::zero()));
  rig.engine->probe();
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  auto first = rig.engine->waiting();
  BOOST_TEST((first > std::chrono::milliseconds(1)));
  rig.engine->probe();  // still pending: the same question, still waiting
  BOOST_TEST((rig.engine->waiting() >= first));
  rig.io.run_ready();
  BOOST_TEST((rig.engine->waiting() == std::chrono::steady_clock::duration::zero()));
}

BOOST_AUTO_TEST_CASE(claims_due_deliveries_within_the_lanes_concurrency) {
  Rig rig(2, {"p1", "p2", "p3", "p4", "p5"});

  BOOST_TEST(rig.in_flight_ids() == (Ids{"msg_p1", "msg_p2"}), boost::test_tools::per_element());
  for (const char* id : {"p1", "p2"}) {
    Delivery d = rig.delivery(id);
    BOOST_TEST((d.state == DeliveryState::in_flight));
    BOOST_TEST(d.attempts == 1);
    BOOST_TEST(d.lease_until_ms == kT0 + kLease);
  }
  for (const char* id : {"p3", "p4", "p5"}) {
    BOOST_TEST((rig.delivery(id).state == DeliveryState::pending));
    BOOST_TEST(rig.delivery(id).attempts == 0);
  }
  BOOST_TEST(rig.engine->stats().in_flight == 2u);

  // A finished request frees its slot for the next post, oldest first.
  rig.io.answer(0, answer(200));
  Delivery p1 = rig.delivery("p1");
  BOOST_TEST((p1.state == DeliveryState::sent));
  BOOST_TEST(p1.finished_ms == kT0);
  BOOST_TEST(p1.last_status == 200);
  BOOST_TEST(rig.in_flight_ids() == (Ids{"msg_p2", "msg_p3"}), boost::test_tools::per_element());

  while (!rig.io.in_flight().empty()) rig.io.answer(0, answer(200));
  BOOST_TEST(rig.sent_ids() == (Ids{"msg_p1", "msg_p2", "msg_p3", "msg_p4", "msg_p5"}),
             boost::test_tools::per_element());
  BOOST_TEST(rig.io.peak_in_flight() == 2u);
  for (const char* id : {"p1", "p2", "p3", "p4", "p5"}) {
    BOOST_TEST((rig.delivery(id).state == DeliveryState::sent));
    BOOST_TEST(rig.delivery(id).attempts == 1);
  }
  DeliveryStats stats = rig.engine->stats();
  BOOST_TEST(stats.sent == 5u);
  BOOST_TEST(stats.in_flight == 0u);
  // Nothing left: the lane looks again after its sweep interval.
  BOOST_TEST(rig.next_timer_ms() == kT0 + kSweep);
}

BOOST_AUTO_TEST_CASE(a_delivery_whose_lease_expired_is_claimed_again_with_its_message_id) {
  Rig rig(1);
  rig.record({"p1"});
  // A daemon claimed p1 100 s ago and died mid-request: its lease runs until kT0 + 20 s.
  std::vector<Delivery> claimed;
  Status status =
      rig.outbox.with([&](Outbox& o) { return o.claim(kTarget, kT0 - 100'000, kLease, 1, &claimed); });
  BOOST_REQUIRE(status.ok());
  BOOST_REQUIRE(claimed.size() == 1u);

  rig.start();
  BOOST_TEST(rig.io.sent().empty());
  // Nothing is pending: the lane looks again when the lease ends (kT0 + 20 s),
  // not at its sweep a minute later.
  constexpr std::int64_t kLeaseEnd = kT0 + 20'000;
  BOOST_TEST(rig.next_timer_ms() == kLeaseEnd);
  rig.io.advance(std::chrono::milliseconds(kLeaseEnd - kT0 - 1));
  BOOST_TEST(rig.io.sent().empty());
  BOOST_TEST((rig.delivery("p1").state == DeliveryState::in_flight));
  BOOST_TEST(rig.delivery("p1").attempts == 1);

  rig.io.advance(1ms);
  BOOST_TEST(rig.in_flight_ids() == (Ids{"msg_p1"}), boost::test_tools::per_element());
  Delivery again = rig.delivery("p1");
  BOOST_TEST(again.attempts == 2);
  BOOST_TEST(again.lease_until_ms == kLeaseEnd + kLease);

  rig.io.answer(0, answer(200));
  Delivery sent = rig.delivery("p1");
  BOOST_TEST((sent.state == DeliveryState::sent));
  BOOST_TEST(sent.attempts == 2);
  BOOST_TEST(sent.finished_ms == kLeaseEnd);
  BOOST_TEST(rig.sent_ids() == (Ids{"msg_p1"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_429_with_retry_after_pauses_the_lane_until_then) {
  Rig rig(1, {"p1", "p2"});
  BOOST_TEST(rig.in_flight_ids() == (Ids{"msg_p1"}), boost::test_tools::per_element());

  rig.io.answer(0, answer(429, {{"retry-after", "120"}}));
  Delivery p1 = rig.delivery("p1");
  BOOST_TEST((p1.state == DeliveryState::pending));
  BOOST_TEST(p1.attempts == 1);
  BOOST_TEST(p1.not_before_ms == kT0 + 120'000);
  BOOST_TEST(p1.last_status == 429);
  // p2 is due, but the lane waits for the time the target named.
  BOOST_TEST(rig.io.in_flight().empty());
  BOOST_TEST((rig.delivery("p2").state == DeliveryState::pending));
  BOOST_TEST(rig.next_timer_ms() == kT0 + 120'000);

  rig.engine->wake({kTarget});
  rig.io.run_ready();
  rig.io.advance(119'999ms);
  BOOST_TEST(rig.sent_ids() == (Ids{"msg_p1"}), boost::test_tools::per_element());
  BOOST_TEST(rig.delivery("p2").attempts == 0);

  rig.io.advance(1ms);
  BOOST_TEST(rig.in_flight_ids() == (Ids{"msg_p1"}), boost::test_tools::per_element());
  BOOST_TEST(rig.delivery("p1").attempts == 2);
  rig.io.answer(0, answer(200));
  BOOST_TEST(rig.delivery("p1").finished_ms == kT0 + 120'000);
  BOOST_TEST(rig.in_flight_ids() == (Ids{"msg_p2"}), boost::test_tools::per_element());
  rig.io.answer(0, answer(200));

  BOOST_TEST((rig.delivery("p1").state == DeliveryState::sent));
  BOOST_TEST((rig.delivery("p2").state == DeliveryState::sent));
  BOOST_TEST(rig.delivery("p2").attempts == 1);
  BOOST_TEST(rig.sent_ids() == (Ids{"msg_p1", "msg_p1", "msg_p2"}), boost::test_tools::per_element());
  BOOST_TEST(rig.engine->stats().retried == 1u);
  BOOST_TEST(rig.engine->stats().sent == 2u);
}

BOOST_AUTO_TEST_CASE(a_transport_error_schedules_a_retry_with_backoff) {
  Rig rig(1, {"p1"});

  rig.io.answer(0, refused_connection());
  Delivery p1 = rig.delivery("p1");
  BOOST_TEST((p1.state == DeliveryState::pending));
  BOOST_TEST(p1.attempts == 1);
  BOOST_TEST(p1.not_before_ms == kT0 + kFirstBackoff);
  BOOST_TEST(p1.last_status == 0);
  BOOST_TEST(p1.last_error.find("network error: Couldn't connect to server") == 0u);
  BOOST_TEST(rig.next_timer_ms() == kT0 + kFirstBackoff);

  rig.io.advance(std::chrono::milliseconds(kFirstBackoff - 1));
  BOOST_TEST(rig.io.sent().size() == 1u);
  rig.io.advance(1ms);
  BOOST_TEST(rig.in_flight_ids() == (Ids{"msg_p1"}), boost::test_tools::per_element());
  BOOST_TEST(rig.delivery("p1").attempts == 2);

  // The backoff doubles with each attempt.
  rig.io.answer(0, refused_connection());
  std::int64_t second = kT0 + kFirstBackoff + kSecondBackoff;
  BOOST_TEST(rig.delivery("p1").not_before_ms == second);
  BOOST_TEST(rig.next_timer_ms() == second);
  rig.io.advance(std::chrono::milliseconds(kSecondBackoff - 1));
  BOOST_TEST(rig.io.sent().size() == 2u);
  rig.io.advance(1ms);
  rig.io.answer(0, answer(200));

  Delivery sent = rig.delivery("p1");
  BOOST_TEST((sent.state == DeliveryState::sent));
  BOOST_TEST(sent.attempts == 3);
  BOOST_TEST(sent.finished_ms == second);
  BOOST_TEST(rig.sent_ids() == (Ids{"msg_p1", "msg_p1", "msg_p1"}), boost::test_tools::per_element());
  BOOST_TEST(rig.engine->stats().retried == 2u);
}

BOOST_AUTO_TEST_CASE(a_wall_clock_stepping_back_keeps_a_retrys_wait) {
  Rig rig(1, {"p1"});
  rig.io.answer(0, refused_connection());
  BOOST_TEST(rig.delivery("p1").not_before_ms == kT0 + kFirstBackoff);

  // NTP steps the clock back an hour: the retry still goes 22.5 s after the
  // failure, not an hour later; its time moves with the clock.
  rig.io.jump_wall_clock(std::chrono::milliseconds(-kHour));
  rig.io.advance(std::chrono::milliseconds(kFirstBackoff - 1));
  BOOST_TEST(rig.io.sent().size() == 1u);
  rig.io.advance(1ms);
  BOOST_TEST(rig.in_flight_ids() == (Ids{"msg_p1"}), boost::test_tools::per_element());
  rig.io.answer(0, answer(200));

  Delivery sent = rig.delivery("p1");
  BOOST_TEST((sent.state == DeliveryState::sent));
  BOOST_TEST(sent.attempts == 2);
  BOOST_TEST(sent.finished_ms == kT0 - kHour + kFirstBackoff);
  BOOST_TEST(rig.sent_ids() == (Ids{"msg_p1", "msg_p1"}), boost::test_tools::per_element());
}

// The step comes between a failure's answer and the write of its outcome
// (outcomes are written once per turn of the loop), and another answer
// reads the clock first: the outbox's waits move then, and so must the
// retry time waiting to be written (else it stays an hour ahead).
BOOST_AUTO_TEST_CASE(a_retry_not_written_yet_when_the_clock_steps_back_moves_with_it) {
  Rig rig(2, {"p1", "p2"});
  rig.io.queue_answer(0, refused_connection());  // p1: again at kT0 + 22.5 s
  rig.io.post([&] { rig.io.jump_wall_clock(std::chrono::milliseconds(-kHour)); });
  rig.io.queue_answer(0, answer(200));  // p2: its answer sees the step first
  rig.io.run_ready();
  BOOST_TEST((rig.delivery("p2").state == DeliveryState::sent));
  BOOST_TEST(rig.delivery("p1").not_before_ms == kT0 - kHour + kFirstBackoff);
  rig.io.advance(std::chrono::milliseconds(kFirstBackoff));
  BOOST_TEST(rig.in_flight_ids() == (Ids{"msg_p1"}), boost::test_tools::per_element());
}

// A step of the clock lands between two readings of the turn that handles
// a failure's answer, at each of them in turn (herald's e2e clock test
// caught one: the lane's wake-up was timed on the clock before the step and
// armed against the reading after it, and slept an hour): the retry still
// goes after its backoff, the same steady time in every case.
void a_step_at_each_reading_keeps_the_retrys_wait(std::int64_t step) {
  int readings = 0;
  {
    Rig rig(1, {"p1"});
    const int before = rig.io.readings();
    rig.io.answer(0, refused_connection());
    readings = rig.io.readings() - before;
  }
  BOOST_TEST_REQUIRE(readings > 1);
  for (int n = 1; n <= readings + 1; ++n) {
    BOOST_TEST_CONTEXT("a step of " << step / 1000 << " s at reading " << n << " of " << readings) {
      Rig rig(1, {"p1"});
      rig.io.jump_wall_clock_at_reading(n, std::chrono::milliseconds(step));
      rig.io.answer(0, refused_connection());
      if (!rig.io.jumped()) rig.io.jump_wall_clock(std::chrono::milliseconds(step));  // after the turn
      rig.io.advance(std::chrono::milliseconds(kFirstBackoff - 1));
      BOOST_TEST(rig.io.sent().size() == 1u);
      rig.io.advance(1ms);
      BOOST_TEST(rig.in_flight_ids() == (Ids{"msg_p1"}), boost::test_tools::per_element());
      BOOST_TEST(rig.io.sent().size() == 2u);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_step_back_at_any_reading_of_a_failures_turn_keeps_the_retrys_wait) {
  a_step_at_each_reading_keeps_the_retrys_wait(-kHour);
}

BOOST_AUTO_TEST_CASE(a_step_forward_at_any_reading_of_a_failures_turn_keeps_the_retrys_wait) {
  a_step_at_each_reading_keeps_the_retrys_wait(kHour);
}

// wait_for_url: the clock steps while a probe of the post's URL is in
// flight. The post is still announced anyway url_check_max after it was
// recorded (steady time): not an hour later for a step back, nor at the
// next probe for a step forward. Both the probe in flight and the row it
// goes back to keep the creation time on the clock after the step.
void a_step_during_a_probe_keeps_url_check_max(std::int64_t step) {
  Config config = webhook_config(1);
  config.delivery.url_check_interval = std::chrono::seconds(60);
  config.delivery.url_check_max = std::chrono::seconds(600);
  Rig rig(config);
  rig.record({"p1"}, false, true);
  // The outbox notes the creation on the real clock: the fake one starts there.
  rig.io.jump_wall_clock(std::chrono::milliseconds(rig.delivery("p1").created_ms - kT0));
  rig.start();
  auto probes = [&] {
    std::size_t n = 0;
    for (const HttpRequest& r : rig.io.sent()) n += r.url == "https://example.org/p1/" ? 1 : 0;
    return n;
  };
  BOOST_TEST_REQUIRE(probes() == 1u);
  rig.io.jump_wall_clock(std::chrono::milliseconds(step));
  rig.io.answer(0, answer(404));
  // A probe a minute, each answered 404, until ten minutes have passed.
  for (int minute = 1; minute < 10; ++minute) {
    rig.io.advance(std::chrono::seconds(60));
    BOOST_TEST_REQUIRE(rig.io.in_flight().size() == 1u);
    BOOST_TEST_REQUIRE(rig.io.in_flight()[0].request.url == "https://example.org/p1/");
    rig.io.answer(0, answer(404));
  }
  BOOST_TEST(probes() == 10u);
  BOOST_TEST(rig.sent_ids() == (Ids(10, "")), boost::test_tools::per_element());
  rig.io.advance(std::chrono::seconds(60));
  BOOST_TEST_REQUIRE(rig.io.in_flight().size() == 1u);
  rig.io.answer(0, answer(404));  // the eleventh, at ten minutes: announced anyway
  BOOST_TEST(probes() == 11u);
  BOOST_TEST(rig.in_flight_ids() == (Ids{"msg_p1"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_step_back_during_a_url_probe_keeps_url_check_max) {
  a_step_during_a_probe_keeps_url_check_max(-kHour);
}

BOOST_AUTO_TEST_CASE(a_step_forward_during_a_url_probe_keeps_url_check_max) {
  a_step_during_a_probe_keeps_url_check_max(kHour);
}

// A target refusing its credentials stops (its pending deliveries dead)
// in the turn its answer came, the clock stepped meanwhile: the reading
// that sees the step moves the outbox's waits outside the stop's use of
// the outbox (inside, the engine's thread waited for itself forever).
BOOST_AUTO_TEST_CASE(a_target_refused_as_the_clock_steps_is_stopped) {
  Rig rig(1, {"p1", "p2"});
  rig.io.queue_answer(0, answer(401));
  rig.io.post([&] { rig.io.jump_wall_clock(std::chrono::milliseconds(-kHour)); });
  rig.io.run_ready();
  BOOST_TEST((rig.delivery("p1").state == DeliveryState::dead));
  BOOST_TEST((rig.delivery("p2").state == DeliveryState::dead));
  BOOST_TEST(rig.delivery("p2").finished_ms == kT0 - kHour);
  BOOST_TEST(rig.io.in_flight().empty());
}

BOOST_AUTO_TEST_CASE(a_wall_clock_stepping_forward_keeps_the_retries_spacing) {
  Rig rig(2, {"p1", "p2"});
  rig.io.answer(0, refused_connection());  // p1: again at kT0 + 22.5 s
  rig.io.advance(10'000ms);
  rig.io.answer(0, refused_connection());  // p2: again at kT0 + 32.5 s
  BOOST_TEST(rig.delivery("p2").not_before_ms == kT0 + 10'000 + kFirstBackoff);

  // An hour forward: both retries were "due" by the wall clock; they still
  // go one at a time, each after its own wait, not in one burst.
  rig.io.jump_wall_clock(std::chrono::milliseconds(kHour));
  rig.engine->wake({kTarget});
  rig.io.run_ready();
  BOOST_TEST(rig.io.sent().size() == 2u);
  BOOST_TEST(rig.delivery("p1").not_before_ms == kT0 + kHour + kFirstBackoff);
  BOOST_TEST(rig.delivery("p2").not_before_ms == kT0 + kHour + 10'000 + kFirstBackoff);

  rig.io.advance(std::chrono::milliseconds(kFirstBackoff - 10'000 - 1));
  BOOST_TEST(rig.io.sent().size() == 2u);
  rig.io.advance(1ms);
  BOOST_TEST(rig.in_flight_ids() == (Ids{"msg_p1"}), boost::test_tools::per_element());
  rig.io.advance(10'000ms - 1ms);
  BOOST_TEST(rig.in_flight_ids() == (Ids{"msg_p1"}), boost::test_tools::per_element());
  rig.io.advance(1ms);
  BOOST_TEST(rig.in_flight_ids() == (Ids{"msg_p1", "msg_p2"}), boost::test_tools::per_element());
  rig.io.answer(0, answer(200));
  rig.io.answer(0, answer(200));
  BOOST_TEST(rig.sent_ids() == (Ids{"msg_p1", "msg_p2", "msg_p1", "msg_p2"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_wall_clock_stepping_forward_past_a_lease_sends_nothing_twice) {
  Rig rig(2, {"p1", "p2", "p3"});
  BOOST_TEST(rig.in_flight_ids() == (Ids{"msg_p1", "msg_p2"}), boost::test_tools::per_element());

  // An hour passes by the wall clock while both requests are in flight, past
  // their leases. p2's answer frees a slot: p3 takes it, not p1 again.
  rig.io.jump_wall_clock(std::chrono::milliseconds(kHour));
  rig.io.answer(1, answer(200));
  BOOST_TEST(rig.in_flight_ids() == (Ids{"msg_p1", "msg_p3"}), boost::test_tools::per_element());
  BOOST_TEST(rig.delivery("p1").lease_until_ms == kT0 + kHour + kLease);
  BOOST_TEST(rig.delivery("p1").attempts == 1);

  rig.io.answer(0, answer(200));
  rig.io.answer(0, answer(200));
  for (const char* id : {"p1", "p2", "p3"}) BOOST_TEST((rig.delivery(id).state == DeliveryState::sent));
  BOOST_TEST(rig.sent_ids() == (Ids{"msg_p1", "msg_p2", "msg_p3"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_request_outliving_its_lease_is_not_sent_again) {
  Rig rig(2, {"p1"});
  BOOST_TEST(rig.in_flight_ids() == (Ids{"msg_p1"}), boost::test_tools::per_element());
  // No answer for longer than the lease (a slow target, a long timeout): the
  // lane's sweep finds the lease expired and leaves p1 to its request.
  rig.io.advance(std::chrono::milliseconds(kLease + kSweep));
  BOOST_TEST(rig.sent_ids() == (Ids{"msg_p1"}), boost::test_tools::per_element());
  rig.io.answer(0, answer(200));
  BOOST_TEST((rig.delivery("p1").state == DeliveryState::sent));
  BOOST_TEST(rig.engine->stats().sent == 1u);
  BOOST_TEST(rig.engine->stats().in_flight == 0u);
}

BOOST_AUTO_TEST_CASE(a_429_pause_keeps_its_length_when_the_clock_steps_back) {
  Rig rig(1, {"p1"});
  rig.io.answer(0, answer(429, {{"retry-after", "120"}}));
  rig.io.jump_wall_clock(std::chrono::milliseconds(-kHour));
  rig.engine->wake({kTarget});
  rig.io.run_ready();
  rig.io.advance(119'999ms);
  BOOST_TEST(rig.io.sent().size() == 1u);
  rig.io.advance(1ms);
  BOOST_TEST(rig.in_flight_ids() == (Ids{"msg_p1"}), boost::test_tools::per_element());
  rig.io.answer(0, answer(200));
  BOOST_TEST(rig.delivery("p1").finished_ms == kT0 - kHour + 120'000);
}

BOOST_AUTO_TEST_CASE(a_wall_clock_jumping_forward_neither_loses_nor_repeats_a_delivery) {
  Rig rig(1, {"p1", "p2", "p3"});
  BOOST_TEST(rig.in_flight_ids() == (Ids{"msg_p1"}), boost::test_tools::per_element());

  // An hour passes by the wall clock while p1's request is in flight, past
  // its lease; the lane's one slot is p1's, so nothing claims it twice.
  rig.io.jump_wall_clock(std::chrono::milliseconds(kHour));
  rig.engine->wake({kTarget});
  rig.io.run_ready();
  BOOST_TEST(rig.io.sent().size() == 1u);

  rig.io.answer(0, answer(200));
  BOOST_TEST(rig.delivery("p1").finished_ms == kT0 + kHour);
  BOOST_TEST(rig.in_flight_ids() == (Ids{"msg_p2"}), boost::test_tools::per_element());
  BOOST_TEST(rig.delivery("p2").lease_until_ms == kT0 + kHour + kLease);

  // A retry scheduled before a jump: the lane's timer still waits its
  // monotonic delay, then the delivery (due long since) goes.
  rig.io.answer(0, refused_connection());
  BOOST_TEST(rig.delivery("p2").not_before_ms == kT0 + kHour + kFirstBackoff);
  BOOST_TEST(rig.in_flight_ids() == (Ids{"msg_p3"}), boost::test_tools::per_element());
  rig.io.answer(0, answer(200));
  rig.io.jump_wall_clock(std::chrono::milliseconds(kHour));
  BOOST_TEST(rig.next_timer_ms() == kT0 + 2 * kHour + kFirstBackoff);
  rig.io.advance(std::chrono::milliseconds(kFirstBackoff - 1));
  BOOST_TEST(rig.io.sent().size() == 3u);
  rig.io.advance(1ms);
  BOOST_TEST(rig.in_flight_ids() == (Ids{"msg_p2"}), boost::test_tools::per_element());
  rig.io.answer(0, answer(200));

  for (const char* id : {"p1", "p2", "p3"}) BOOST_TEST((rig.delivery(id).state == DeliveryState::sent));
  BOOST_TEST(rig.delivery("p2").attempts == 2);
  BOOST_TEST(rig.sent_ids() == (Ids{"msg_p1", "msg_p2", "msg_p3", "msg_p2"}), boost::test_tools::per_element());
  BOOST_TEST(rig.engine->stats().sent == 3u);
}

// Single-flight renewal (renewal_gate.h): two attempts of one X target
// find the access token missing; the first refreshes it, the second waits
// (AttemptStep::wait) and resumes when that renewal ends, with the new
// token. One refresh, one post per delivery, nothing sent twice.
BOOST_AUTO_TEST_CASE(an_attempt_waiting_for_a_renewal_resumes_when_it_ends) {
  Rig rig(x_config(2));
  rig.record({"p1", "p2"});
  rig.start();

  BOOST_TEST_REQUIRE(rig.io.in_flight().size() == 1u);  // p2 waits for p1's renewal
  BOOST_TEST(rig.io.in_flight()[0].request.url == "https://api.x.example/2/oauth2/token");
  HttpResponse renewed = answer(200);
  renewed.body = R"({"token_type":"bearer","expires_in":7200,"access_token":"access-2","refresh_token":"refresh-2"})";
  rig.io.answer(0, renewed);

  // Both resume with the renewed token: two posts, no second refresh.
  BOOST_TEST_REQUIRE(rig.io.in_flight().size() == 2u);
  std::vector<std::string> texts;
  for (const FakeDeliveryIo::Request& r : rig.io.in_flight()) {
    BOOST_TEST(r.request.url == "https://api.x.example/2/tweets");
    BOOST_TEST(r.request.headers.back().second == "Bearer access-2");
    texts.push_back(r.request.body);
  }
  BOOST_TEST(texts[0] != texts[1]);
  for (int i = 0; i < 2; ++i) {
    HttpResponse created = answer(201);
    created.body = "{\"data\":{\"id\":\"179000000000000000" + std::to_string(i) + "\"}}";
    rig.io.answer(0, created);
  }
  BOOST_TEST(rig.io.sent().size() == 3u);
  BOOST_TEST(rig.io.in_flight().empty());
  for (const char* id : {"p1", "p2"}) {
    BOOST_TEST((rig.delivery(id).state == DeliveryState::sent));
    BOOST_TEST(rig.delivery(id).attempts == 1);
  }
  BOOST_TEST(rig.engine->stats().sent == 2u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
