// Pacing in the engine's lanes, in virtual time: first attempts spaced by
// min_interval, held by quiet hours and the daily cap; retries not paced;
// a 429 never followed by a burst; newest_first; max_age skipping; the pace
// kept across a restart; resend --now jumping the queue; what status shows.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "tests/daemon/delivery/engine_rig.h"

namespace herald {
namespace {

using namespace std::chrono_literals;
using namespace test;

constexpr std::int64_t kMinute = 60'000;

Config paced(PaceConfig pace, const std::string& timezone = "UTC") {
  Config config = webhook_config(4);
  config.targets[0].pace = pace;
  config.site.timezone = timezone;
  return config;
}

PaceConfig every(std::chrono::milliseconds interval) {
  PaceConfig pace;
  pace.min_interval = interval;
  return pace;
}

TargetCounts counts_of(Rig& rig) {
  std::vector<TargetCounts> counts = rig.outbox.with([](Outbox& o) { return o.counts(); });
  BOOST_REQUIRE(counts.size() == 1u);
  return counts[0];
}

// Answers every request in flight with 200.
void answer_all(Rig& rig) {
  while (!rig.io.in_flight().empty()) rig.io.answer(0, answer(200));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pace_engine)

BOOST_AUTO_TEST_CASE(first_attempts_are_spaced_by_min_interval_in_order) {
  Rig rig(paced(every(10min)));
  rig.record({"p1", "p2", "p3"});
  rig.start();
  BOOST_TEST(rig.in_flight_ids() == (Ids{"msg_p1"}), boost::test_tools::per_element());
  answer_all(rig);
  BOOST_TEST(rig.next_timer_ms() == kT0 + 10 * kMinute);
  TargetCounts waiting = counts_of(rig);
  BOOST_TEST(waiting.paced == 2);
  BOOST_TEST(waiting.scheduled_ms == kT0 + 10 * kMinute);
  BOOST_TEST(waiting.pace_reason == "interval");

  rig.io.advance(std::chrono::milliseconds(10 * kMinute - 1));
  BOOST_TEST(rig.io.sent().size() == 1u);
  rig.io.advance(1ms);
  BOOST_TEST(rig.in_flight_ids() == (Ids{"msg_p2"}), boost::test_tools::per_element());
  answer_all(rig);
  rig.io.advance(std::chrono::milliseconds(10 * kMinute));
  answer_all(rig);
  BOOST_TEST(rig.sent_ids() == (Ids{"msg_p1", "msg_p2", "msg_p3"}), boost::test_tools::per_element());
  BOOST_TEST(rig.delivery("p3").finished_ms == kT0 + 20 * kMinute);
  BOOST_TEST(counts_of(rig).paced == 0);
}

BOOST_AUTO_TEST_CASE(retries_do_not_wait_for_the_pace) {
  Rig rig(paced(every(10min)));
  rig.record({"p1", "p2"});
  rig.start();
  rig.io.answer(0, refused_connection());
  BOOST_TEST(rig.next_timer_ms() == kT0 + kFirstBackoff);
  rig.io.advance(std::chrono::milliseconds(kFirstBackoff));
  BOOST_TEST(rig.in_flight_ids() == (Ids{"msg_p1"}), boost::test_tools::per_element());
  BOOST_TEST(rig.delivery("p1").attempts == 2);
  answer_all(rig);
  // p2 still waits for the interval from p1's first attempt.
  BOOST_TEST(rig.next_timer_ms() == kT0 + 10 * kMinute);
  rig.io.advance(std::chrono::milliseconds(10 * kMinute - kFirstBackoff));
  BOOST_TEST(rig.in_flight_ids() == (Ids{"msg_p2"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_429_pause_and_the_pace_combine_without_a_burst) {
  Rig rig(paced(every(1min)));
  rig.record({"p1", "p2", "p3"});
  rig.start();
  rig.io.answer(0, answer(429, {{"retry-after", "300"}}));
  // The retry goes when the pause ends; the next new one an interval later.
  rig.io.advance(std::chrono::milliseconds(5 * kMinute));
  BOOST_TEST(rig.in_flight_ids() == (Ids{"msg_p1"}), boost::test_tools::per_element());
  answer_all(rig);
  BOOST_TEST(rig.io.sent().size() == 2u);
  TargetCounts held = counts_of(rig);
  BOOST_TEST(held.scheduled_ms == kT0 + 6 * kMinute);
  BOOST_TEST(held.pace_reason == "rate limit");
  rig.io.advance(std::chrono::milliseconds(kMinute - 1));
  BOOST_TEST(rig.io.sent().size() == 2u);
  rig.io.advance(1ms);
  BOOST_TEST(rig.in_flight_ids() == (Ids{"msg_p2"}), boost::test_tools::per_element());
  answer_all(rig);
  // And it never catches up: p3 an interval after p2.
  rig.io.advance(std::chrono::milliseconds(kMinute - 1));
  BOOST_TEST(rig.io.sent().size() == 3u);
  rig.io.advance(1ms);
  BOOST_TEST(rig.in_flight_ids() == (Ids{"msg_p3"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(newest_first_takes_the_newest_of_a_backlog_first) {
  PaceConfig pace = every(1min);
  pace.order = PaceOrder::newest_first;
  Rig rig(paced(pace));
  rig.record({"p1", "p2", "p3"});
  rig.start();
  for (int i = 0; i < 3; ++i) {
    answer_all(rig);
    rig.io.advance(std::chrono::milliseconds(kMinute));
  }
  BOOST_TEST(rig.sent_ids() == (Ids{"msg_p3", "msg_p2", "msg_p1"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(newest_first_alone_orders_without_spacing) {
  PaceConfig pace;
  pace.order = PaceOrder::newest_first;
  Config config = paced(pace);
  config.targets[0].concurrency = 1;
  Rig rig(config);
  rig.record({"p1", "p2", "p3"});
  rig.start();
  answer_all(rig);
  BOOST_TEST(rig.sent_ids() == (Ids{"msg_p3", "msg_p2", "msg_p1"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(posts_older_than_max_age_are_skipped_with_the_reason) {
  PaceConfig pace;
  pace.max_age = std::chrono::hours(1);
  Rig rig(paced(pace));
  rig.record({"p1", "p2"});  // dated a day before kT0
  rig.start();
  BOOST_TEST(rig.io.sent().empty());
  Delivery p1 = rig.delivery("p1");
  BOOST_TEST((p1.state == DeliveryState::dead));
  BOOST_TEST(p1.attempts == 0);
  BOOST_TEST(p1.last_error ==
             "skipped: the post was older than pace.max_age (1h) when its turn came; not announced "
             "(herald resend --now announces it anyway)");
  BOOST_TEST(rig.engine->stats().dead == 2u);
  // Sent anyway when an editor asks for it.
  rig.record({"p9"}, true);
  rig.engine->wake({kTarget});
  rig.io.run_ready();
  BOOST_TEST(rig.in_flight_ids() == (Ids{"msg_p9"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(quiet_hours_hold_new_announcements_until_their_end) {
  // kT0 is 16:13:20 in Mexico City (UTC-6); quiet until 16:30, kT0 + 16 min 40 s.
  PaceConfig pace;
  pace.quiet_hours = QuietHours{16 * 60, 16 * 60 + 30};
  Rig rig(paced(pace, "America/Mexico_City"));
  rig.record({"p1"});
  rig.start();
  BOOST_TEST(rig.io.sent().empty());
  constexpr std::int64_t kEnd = kT0 + 1'000'000;
  BOOST_TEST(rig.next_timer_ms() == kT0 + kSweep);  // a wall-clock time: looked at every sweep
  BOOST_TEST(counts_of(rig).scheduled_ms == kEnd);
  BOOST_TEST(counts_of(rig).pace_reason == "quiet hours");
  rig.io.advance(std::chrono::milliseconds(kEnd - kT0 - 1));
  BOOST_TEST(rig.io.sent().empty());
  rig.io.advance(1ms);
  BOOST_TEST(rig.in_flight_ids() == (Ids{"msg_p1"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_clock_step_during_quiet_hours_neither_lengthens_nor_shortens_them) {
  PaceConfig pace;
  pace.quiet_hours = QuietHours{16 * 60, 16 * 60 + 30};  // kT0 is 16:13:20 local
  Rig rig(paced(pace, "America/Mexico_City"));
  rig.record({"p1"});
  rig.start();
  // NTP steps the clock ten minutes forward: 16:23:20; the period still ends at 16:30.
  rig.io.jump_wall_clock(10min);
  rig.io.advance(std::chrono::milliseconds(400'000 - 1));
  BOOST_TEST(rig.io.sent().empty());
  rig.io.advance(1ms);
  BOOST_TEST(rig.in_flight_ids() == (Ids{"msg_p1"}), boost::test_tools::per_element());
  BOOST_TEST(rig.io.now_ms() == kT0 + 1'000'000);
}

BOOST_AUTO_TEST_CASE(the_daily_cap_carries_the_rest_to_the_next_day) {
  // kT0 is 22:13:20 UTC; the next day starts 1 h 46 min 40 s later.
  PaceConfig pace;
  pace.max_per_day = 2;
  Rig rig(paced(pace));
  rig.record({"p1", "p2", "p3"});
  rig.start();
  answer_all(rig);
  answer_all(rig);
  BOOST_TEST(rig.sent_ids() == (Ids{"msg_p1", "msg_p2"}), boost::test_tools::per_element());
  constexpr std::int64_t kMidnight = kT0 + 6'400'000;
  BOOST_TEST(counts_of(rig).scheduled_ms == kMidnight);
  BOOST_TEST(counts_of(rig).pace_reason == "daily cap");
  rig.io.advance(std::chrono::milliseconds(kMidnight - kT0 - 1));
  BOOST_TEST(rig.io.sent().size() == 2u);
  rig.io.advance(1ms);
  BOOST_TEST(rig.in_flight_ids() == (Ids{"msg_p3"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_restart_keeps_the_spacing) {
  Rig rig(paced(every(10min)));
  rig.record({"p1", "p2"});
  rig.start();
  answer_all(rig);
  rig.engine.reset();
  rig.io.advance(std::chrono::milliseconds(3 * kMinute));
  rig.start();
  BOOST_TEST(rig.io.sent().size() == 1u);
  BOOST_TEST(rig.next_timer_ms() == kT0 + 10 * kMinute);
  rig.io.advance(std::chrono::milliseconds(7 * kMinute));
  BOOST_TEST(rig.in_flight_ids() == (Ids{"msg_p2"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_delivery_that_jumps_the_queue_is_not_held) {
  Rig rig(paced(every(10min)));
  rig.record({"p1", "p2"});
  rig.start();
  answer_all(rig);
  rig.record({"p3"}, true);
  rig.engine->wake({kTarget});
  rig.io.run_ready();
  BOOST_TEST(rig.in_flight_ids() == (Ids{"msg_p3"}), boost::test_tools::per_element());
  answer_all(rig);
  // It counted as an announcement: p2 keeps its distance from it.
  BOOST_TEST(rig.next_timer_ms() == kT0 + 10 * kMinute);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
