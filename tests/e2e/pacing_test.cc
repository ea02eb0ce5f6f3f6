// Pacing end to end (docs/delivery.md "Pacing"): a real `herald run` with a
// paced webhook target and a loopback receiver. A batch arrives spaced by
// min_interval, in order; quiet hours hold a post until their end and the
// daily cap carries the rest to the next day, with herald's wall clock
// stepped to just before the boundary (tests/support/fault_shim.c, HERALD_CLOCK_OFFSET_FILE); a
// restart keeps the spacing; max_age skips with a reason, and `herald
// resend --now` sends the skipped post anyway.
#include <signal.h>

#include <chrono>
#include <string>
#include <thread>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include "feeds/time_zone.h"
#include "tests/e2e/daemon_process.h"
#include "tests/e2e/site_fixture.h"
#include "tests/support/loopback/http_receiver.h"
#include "tests/support/test_support.h"

namespace herald {
namespace {

using namespace std::chrono_literals;
using std::chrono::steady_clock;
using test::DaemonProcess;
using test::HttpReceiver;
using test::ReceivedRequest;
using test::require_started;
using test::Site;

constexpr auto kDelivery = 30s;
// A request's arrival trails its start by the loopback's latency, which
// varies by a few milliseconds from one request to the next.
constexpr auto kLatencyJitter = 50ms;
constexpr std::int64_t kDayMs = 86'400'000;

std::string paced_target(const HttpReceiver& receiver, const std::string& pace) {
  return "targets:\n"
         "  - name: hook\n"
         "    type: webhook\n"
         "    url: \"" + receiver.url("/hooks/hook") + "\"\n"
         "    secret: \"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"\n"
         "    pace:\n" + pace;
}

// Post `id`, dated `minute` minutes after 10:00 on 2024-03-01 (the order of a batch).
void add_post(const Site& site, int id, int minute = 0) {
  std::string mm = (minute < 10 ? "0" : "") + std::to_string(minute);
  test::write_file(site.content("nuevas/n" + std::to_string(id) + ".md"),
                   test::post(id, "Noticia " + std::to_string(id), "2024-03-01T10:" + mm + ":00-06:00"));
}

std::string post_id(const ReceivedRequest& request) {
  return std::string(boost::json::parse(request.body).at("data").at("id").as_string());
}

// The file shifting a daemon's wall clock (clock_shim_env), at 0 for now.
std::string clock_offset_file(const Site& site) {
  const std::string offset = site.dir / "clock-offset";
  test::write_file(offset, "0");
  return offset;
}

// Steps the wall clock of the daemon reading `offset_file` so that its time
// in the site's zone (America/Chihuahua) is about `local_seconds` after
// local midnight now; returns when, on this process's steady clock, that
// time reaches `until_seconds` after midnight (86400: the next midnight).
steady_clock::time_point step_clock_to(const std::string& offset_file, int local_seconds, int until_seconds) {
  steady_clock::time_point steady = steady_clock::now();
  std::int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch()).count();
  std::int64_t zone_ms = std::int64_t{TimeZone::load("America/Chihuahua")->offset_minutes_at(now_ms / 1000)} * 60'000;
  std::int64_t of_day_ms = ((now_ms + zone_ms) % kDayMs + kDayMs) % kDayMs;
  std::int64_t shift_s = ((local_seconds * 1000LL - of_day_ms) % kDayMs + kDayMs) % kDayMs / 1000;
  test::write_file(offset_file, std::to_string(shift_s));
  std::int64_t shown_ms = (of_day_ms + shift_s * 1000) % kDayMs;
  return steady + std::chrono::milliseconds(until_seconds * 1000LL - shown_ms);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pacing)

BOOST_AUTO_TEST_CASE(a_batch_arrives_spaced_by_min_interval_in_order) {
  HttpReceiver receiver;
  Site site(2, paced_target(receiver, "      min_interval: 2s\n"));
  DaemonProcess daemon(site.config_path());
  require_started(daemon);
  for (int i = 0; i < 5; ++i) add_post(site, 2000 + i, i);
  BOOST_TEST_REQUIRE(receiver.wait_for_count(2, kDelivery), daemon.log());
  // While the rest wait, status and list say when the next goes, and why
  // (the lane saves its schedule just after a send, so wait for it).
  BOOST_TEST_REQUIRE(test::wait_until([&] {
    auto status = test::find_target_status(site, "hook");
    return status && status->at("scheduled").is_object();
  }, 5s), daemon.log());
  boost::json::object status = test::target_status(site, "hook");
  BOOST_TEST(status.at("scheduled").at("reason").as_string() == "interval");
  test::CommandResult list = test::herald_cli(site, {"list", "--target", "hook"});
  BOOST_TEST(list.out.find("scheduled at ") != std::string::npos, list.out);
  BOOST_TEST(list.out.find(" (interval)") != std::string::npos, list.out);

  BOOST_TEST_REQUIRE(receiver.wait_for_count(5, kDelivery), daemon.log());
  std::vector<ReceivedRequest> requests = receiver.requests();
  for (int i = 0; i < 5; ++i) BOOST_TEST(post_id(requests[i]) == std::to_string(2000 + i));
  for (int i = 1; i < 5; ++i) {
    BOOST_TEST((requests[i].arrival - requests[i - 1].arrival >= 2s - kLatencyJitter));
  }
}

BOOST_AUTO_TEST_CASE(quiet_hours_hold_a_post_until_their_end) {
  HttpReceiver receiver;
  Site site(2, paced_target(receiver, "      quiet_hours: \"23:00-07:00\"\n"));
  const std::string offset = clock_offset_file(site);
  DaemonProcess daemon(site.config_path(), test::clock_shim_env(offset));
  require_started(daemon);
  // 06:59:52 in the site's zone: eight seconds of quiet left.
  steady_clock::time_point seven = step_clock_to(offset, 6 * 3600 + 59 * 60 + 52, 7 * 3600);
  add_post(site, 2000);
  BOOST_TEST_REQUIRE(test::wait_until([&] {
    auto status = test::find_target_status(site, "hook");
    return status && status->at("pending").as_int64() == 1 && status->at("scheduled").is_object();
  }, 5s), daemon.log());
  boost::json::object status = test::target_status(site, "hook");
  BOOST_TEST(status.at("scheduled").at("reason").as_string() == "quiet hours");
  BOOST_TEST(std::string(status.at("scheduled").at("at").as_string()).substr(11) == "13:00:00Z");  // 07:00 -06:00
  BOOST_TEST(receiver.count() == 0u);
  BOOST_TEST_REQUIRE(receiver.wait_for_count(1, kDelivery), daemon.log());
  BOOST_TEST((receiver.requests().at(0).arrival >= seven));
}

BOOST_AUTO_TEST_CASE(max_per_day_carries_the_rest_to_the_next_day) {
  HttpReceiver receiver;
  Site site(2, paced_target(receiver, "      max_per_day: 2\n"));
  const std::string offset = clock_offset_file(site);
  DaemonProcess daemon(site.config_path(), test::clock_shim_env(offset));
  require_started(daemon);
  // 23:59:48 in the site's zone: twelve seconds of today left.
  steady_clock::time_point midnight = step_clock_to(offset, 23 * 3600 + 59 * 60 + 48, 24 * 3600);
  for (int i = 0; i < 3; ++i) add_post(site, 2000 + i, i);
  BOOST_TEST_REQUIRE(receiver.wait_for_count(2, kDelivery), daemon.log());
  BOOST_TEST_REQUIRE(test::wait_until([&] {
    auto status = test::find_target_status(site, "hook");
    return status && status->at("scheduled").is_object();
  }, 5s), daemon.log());
  BOOST_TEST(test::target_status(site, "hook").at("scheduled").at("reason").as_string() == "daily cap");
  BOOST_TEST(receiver.count() == 2u);
  BOOST_TEST_REQUIRE(receiver.wait_for_count(3, kDelivery), daemon.log());
  std::vector<ReceivedRequest> requests = receiver.requests();
  BOOST_TEST((requests.at(1).arrival < midnight));
  BOOST_TEST((requests.at(2).arrival >= midnight));
  BOOST_TEST(post_id(requests.at(2)) == "2002");
}

BOOST_AUTO_TEST_CASE(a_restart_in_the_middle_keeps_the_spacing) {
  HttpReceiver receiver;
  Site site(2, paced_target(receiver, "      min_interval: 5s\n"));
  {
    DaemonProcess daemon(site.config_path());
    require_started(daemon);
    add_post(site, 2000, 0);
    add_post(site, 2001, 1);
    BOOST_TEST_REQUIRE(receiver.wait_for_count(1, kDelivery), daemon.log());
    // Recorded as sent before the stop (a stop abandons what is in flight,
    // and the restart would send 2000 again under its webhook-id).
    BOOST_TEST_REQUIRE(test::wait_until(
        [&] { return test::target_status(site, "hook").at("sent").as_int64() == 1; }, kDelivery));
    daemon.signal(SIGTERM);
    BOOST_TEST_REQUIRE(daemon.wait_exit(10s) == 0, daemon.log());
  }
  DaemonProcess daemon(site.config_path());
  require_started(daemon);
  BOOST_TEST_REQUIRE(receiver.wait_for_count(2, kDelivery), daemon.log());
  std::vector<ReceivedRequest> requests = receiver.requests();
  BOOST_TEST(post_id(requests.at(1)) == "2001");
  BOOST_TEST((requests.at(1).arrival - requests.at(0).arrival >= 5s - kLatencyJitter));
}

BOOST_AUTO_TEST_CASE(max_age_skips_with_a_reason_and_resend_now_sends_anyway) {
  HttpReceiver receiver;
  Site site(2, paced_target(receiver, "      min_interval: 1h\n      max_age: 24h\n"));
  DaemonProcess daemon(site.config_path());
  require_started(daemon);
  add_post(site, 2000);  // dated 2024: older than a day
  BOOST_TEST_REQUIRE(test::wait_until([&] {
    auto status = test::find_target_status(site, "hook");
    return status && status->at("dead").as_int64() == 1;
  }, kDelivery), daemon.log());
  test::CommandResult list = test::herald_cli(site, {"list", "--json", "--target", "hook"});
  BOOST_TEST_REQUIRE(list.exit_code == 0, list.err);
  boost::json::value delivery = boost::json::parse(list.out).at("posts").at(0).at("deliveries").at(0);
  BOOST_TEST(delivery.at("state").as_string() == "dead");
  BOOST_TEST(delivery.at("last_error").as_string() ==
             "skipped: the post was older than pace.max_age (24h) when its turn came; not announced "
             "(herald resend --now announces it anyway)");
  BOOST_TEST(receiver.count() == 0u);

  test::CommandResult resent = test::herald_cli(site, {"resend", "2000", "--now"});
  BOOST_TEST_REQUIRE(resent.exit_code == 0, resent.err);
  BOOST_TEST_REQUIRE(receiver.wait_for_count(1, kDelivery), daemon.log());
  BOOST_TEST(post_id(receiver.requests().at(0)) == "2000");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
