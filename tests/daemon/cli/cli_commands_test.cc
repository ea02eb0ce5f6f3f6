#include "daemon/cli/cli_commands.h"

#include <boost/test/unit_test.hpp>

#include "daemon/control/control_commands.h"

#include <boost/json/serialize.hpp>

namespace herald {

namespace {

// 2026-11-29T12:00:00Z
constexpr std::int64_t kNoon = 1795953600000;
const ShownTime kUtc(TimeZone::utc());
// Chihuahua has been on UTC-6 all year since October 2022.
const ShownTime kChihuahua(*TimeZone::load("America/Chihuahua"));

// A post of kNoon with one pending delivery to "hook", next tried at 13:00Z.
boost::json::object one_pending_post() {
  PostDeliveries p;
  p.post = OutboxPost{"1", "Día", "https://e.org/1/", "1.md", kNoon};
  Delivery d;
  d.target = "hook";
  d.attempts = 1;
  d.not_before_ms = kNoon + 3600 * 1000;
  d.last_error = "HTTP 500";
  p.deliveries.push_back(d);
  return list_json({p});
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_commands)

BOOST_AUTO_TEST_CASE(status_shows_uptime_and_a_failed_rebuild_with_its_errors) {
  DaemonSnapshot s;
  s.started_ms = kNoon - (2 * 3600 + 13 * 60) * 1000;
  s.pid = 7;
  s.version = "0.1.0";
  s.published = 3;
  s.last_rebuild_ms = kNoon;
  s.last_rebuild_duration_ms = 4.4;
  s.last_rebuild_ok = false;
  s.last_errors = {"content/a.md:3:1: date: not a date"};
  TargetCounts hook;
  hook.target = "hook";
  hook.last_error = "HTTP 500: " + std::string(100, 'x');
  hook.last_error_ms = kNoon;
  std::string out = render_status(status_json(s, {hook}, {{"hook", TargetType::webhook}}), kNoon, "/s", kUtc);
  BOOST_TEST(out ==
             "herald 0.1.0 is running (pid 7), up since 2026-11-29 09:47:00 UTC (2h 13m)\n"
             "posts: 3 published, 0 scheduled, 0 drafts\n"
             "last rebuild: 2026-11-29 12:00:00 UTC, 4 ms, failed\n"
             "  content/a.md:3:1: date: not a date\n"
             "\n"
             "TARGET  TYPE     PENDING  IN FLIGHT  SENT  DEAD  NEXT ATTEMPT  LAST ERROR\n"
             "hook    webhook        0          0     0     0  -             2026-11-29 12:00:00 UTC  HTTP 500: " +
                 std::string(49, 'x') + "…\n");
}

// Instances sharing a PostgreSQL outbox: the one answering, and who sent what.
BOOST_AUTO_TEST_CASE(status_and_list_name_the_instances_of_a_shared_outbox) {
  DaemonSnapshot s;
  s.started_ms = kNoon - 5000;
  s.last_rebuild_ms = kNoon;
  s.instance = "web1";
  s.outbox = "postgresql://herald:***@db.example.org/herald";
  TargetCounts hook;
  hook.target = "hook";
  hook.sent = 3;
  hook.sent_by = {{"web1", 1}, {"web2", 2}};
  std::string out = render_status(status_json(s, {hook}, {{"hook", TargetType::webhook}}), kNoon, "/s", kUtc);
  BOOST_TEST(out ==
             "herald  is running (pid 0), up since 2026-11-29 11:59:55 UTC (5s)\n"
             "instance: web1, sharing the outbox in postgresql://herald:***@db.example.org/herald\n"
             "posts: 0 published, 0 scheduled, 0 drafts\n"
             "last rebuild: 2026-11-29 12:00:00 UTC, 0 ms, ok\n"
             "\n"
             "TARGET  TYPE     PENDING  IN FLIGHT  SENT  DEAD  NEXT ATTEMPT  LAST ERROR\n"
             "hook    webhook        0          0     3     0  -             -\n"
             "sent by instance, hook: web1 1, web2 2\n");
  PostDeliveries p;
  p.post = OutboxPost{"1", "Día", "https://example.org/1/", "1.md", kNoon};
  Delivery sent;
  sent.target = "hook";
  sent.state = DeliveryState::sent;
  sent.attempts = 1;
  sent.remote_id = "r1";
  sent.sent_by = "web2";
  p.deliveries = {sent};
  BOOST_TEST(render_list(list_json({p}), kUtc) ==
             "DATE (UTC)        POST  TITLE  TARGET  STATE         TRIES  REMOTE URL / ERROR\n"
             "2026-11-29 12:00  1     Día    hook    sent by web2      1  r1\n");
}

BOOST_AUTO_TEST_CASE(status_before_the_first_rebuild) {
  DaemonSnapshot s;
  s.started_ms = kNoon - 5000;
  s.version = "0.1.0";
  std::string out = render_status(status_json(s, {}, {}), kNoon, "/s", kUtc);
  BOOST_TEST(out ==
             "herald 0.1.0 is running (pid 0), up since 2026-11-29 11:59:55 UTC (5s)\n"
             "posts: 0 published, 0 scheduled, 0 drafts\n"
             "last rebuild: none yet\n"
             "\nno targets configured, and no deliveries recorded\n");
}

BOOST_AUTO_TEST_CASE(status_lists_each_held_deletion) {
  DaemonSnapshot s;
  s.started_ms = kNoon - 5000;
  s.version = "0.1.0";
  s.last_rebuild_ms = kNoon;
  s.held_deletions = {{"_posts/a.md", "1001", "Corte de agua"}, {"_posts/roto.md", "", ""}};
  std::string out = render_status(status_json(s, {}, {}), kNoon, "/s", kUtc);
  BOOST_TEST(out ==
             "herald 0.1.0 is running (pid 0), up since 2026-11-29 11:59:55 UTC (5s)\n"
             "posts: 0 published, 0 scheduled, 0 drafts\n"
             "last rebuild: 2026-11-29 12:00:00 UTC, 0 ms, ok\n"
             "deletions held (2; `herald confirm-deletions` applies them):\n"
             "  _posts/a.md  1001  Corte de agua\n"
             "  _posts/roto.md\n"
             "\nno targets configured, and no deliveries recorded\n");
}

BOOST_AUTO_TEST_CASE(resend_that_queued_or_found_no_target) {
  OutboxPost post{"1", "Día", "https://e.org/1/", "1.md", kNoon};
  ShownRequest r{"hook", "m1", "POST", "https://h/", {{"a", "b"}}, "{}"};
  BOOST_TEST(render_resend(resend_json(post, {r, r}, false)) ==
             "post 1 \"Día\" https://e.org/1/\n"
             "queued 2 requests (new deliveries; `herald list` shows how they go):\n"
             "\n--- hook (message m1)\nPOST https://h/\na: b\n\n{}\n"
             "\n--- hook (message m1)\nPOST https://h/\na: b\n\n{}\n");
  BOOST_TEST(render_resend(resend_json(post, {}, true)) ==
             "post 1 \"Día\" https://e.org/1/\n"
             "no target announces this post: nothing would be sent\n");
}

BOOST_AUTO_TEST_CASE(list_without_posts) {
  BOOST_TEST(render_list(list_json({}), kUtc) == "no posts\n");
}

BOOST_AUTO_TEST_CASE(status_times_in_the_site_zone_with_their_offset) {
  DaemonSnapshot s;
  s.started_ms = kNoon - 5000;
  s.version = "0.1.0";
  s.last_rebuild_ms = kNoon;
  s.last_rebuild_ok = true;
  TargetCounts hook;
  hook.target = "hook";
  hook.next_attempt_ms = kNoon + 3600 * 1000;
  std::string out = render_status(status_json(s, {hook}, {{"hook", TargetType::webhook}}), kNoon,
                                  "/s", kChihuahua);
  BOOST_TEST(out ==
             "herald 0.1.0 is running (pid 0), up since 2026-11-29 05:59:55 -06:00 (5s)\n"
             "posts: 0 published, 0 scheduled, 0 drafts\n"
             "last rebuild: 2026-11-29 06:00:00 -06:00, 0 ms, ok\n"
             "\n"
             "TARGET  TYPE     PENDING  IN FLIGHT  SENT  DEAD  NEXT ATTEMPT                LAST ERROR\n"
             "hook    webhook        0          0     0     0  2026-11-29 07:00:00 -06:00  -\n");
}

BOOST_AUTO_TEST_CASE(list_times_in_the_site_zone_or_utc) {
  BOOST_TEST(render_list(one_pending_post(), kChihuahua) ==
             "DATE                     POST  TITLE  TARGET  STATE    TRIES  REMOTE URL / ERROR\n"
             "2026-11-29 06:00 -06:00  1     Día    hook    pending      1  next 2026-11-29 07:00 -06:00; HTTP 500\n");
  BOOST_TEST(render_list(one_pending_post(), kUtc) ==
             "DATE (UTC)        POST  TITLE  TARGET  STATE    TRIES  REMOTE URL / ERROR\n"
             "2026-11-29 12:00  1     Día    hook    pending      1  next 2026-11-29 13:00; HTTP 500\n");
}

// Pacing: what holds a target's next new announcement, in the site's zone.
BOOST_AUTO_TEST_CASE(status_and_list_show_a_paced_delivery_as_scheduled) {
  DaemonSnapshot s;
  s.started_ms = kNoon;
  s.last_rebuild_ms = kNoon;
  TargetCounts hook;
  hook.target = "hook";
  hook.pending = 2;
  hook.next_attempt_ms = kNoon - 60'000;
  hook.paced = 2;
  hook.scheduled_ms = kNoon + 600'000;
  hook.pace_reason = "interval";
  boost::json::object status = status_json(s, {hook}, {{"hook", TargetType::webhook}});
  BOOST_TEST(boost::json::serialize(status.at("targets").at(0).at("scheduled")) ==
             "{\"at\":\"2026-11-29T12:10:00Z\",\"reason\":\"interval\"}");
  std::string out = render_status(status, kNoon, "/s", kChihuahua.on(kNoon));
  BOOST_TEST(out.find("hook    webhook        2          0     0     0  scheduled at 06:10 (interval)  -\n") !=
                 std::string::npos,
             out);

  PostDeliveries p;
  p.post = OutboxPost{"1", "Día", "https://e.org/1/", "1.md", kNoon};
  Delivery d;
  d.target = "hook";
  d.not_before_ms = kNoon;
  p.deliveries.push_back(d);
  std::map<std::string, TargetPace> paces{{"hook", TargetPace{{}, kNoon + 86'400'000, "daily cap"}}};
  BOOST_TEST(render_list(list_json({p}, paces), kUtc.on(kNoon)) ==
             "DATE (UTC)        POST  TITLE  TARGET  STATE    TRIES  REMOTE URL / ERROR\n"
             "2026-11-29 12:00  1     Día    hook    pending      0  scheduled at 12:00 UTC on 2026-11-30 (daily cap)\n");
  // A delivery that jumps the queue, or a retry, is not paced.
  p.deliveries[0].jump_queue = true;
  BOOST_TEST(list_json({p}, paces).at("posts").at(0).at("deliveries").at(0).at("scheduled").is_null());
}

BOOST_AUTO_TEST_CASE(shown_time_keeps_what_is_not_a_time) {
  BOOST_TEST(kChihuahua.seconds(boost::json::value(nullptr)) == "-");
  BOOST_TEST(kChihuahua.minutes(boost::json::value("soon")) == "soon");
  BOOST_TEST(ShownTime(*TimeZone::load("Asia/Kolkata")).seconds(boost::json::value("2026-11-29T12:00:00Z")) ==
             "2026-11-29 17:30:00 +05:30");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
