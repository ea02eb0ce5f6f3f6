#include "daemon/service/metrics.h"

#include <boost/test/unit_test.hpp>

#include "daemon/delivery/delivery_engine.h"
#include "daemon/outbox/outbox.h"
#include "daemon/site/site_state.h"
#include "daemon/watch/content_watcher.h"

namespace herald {

namespace {

bool has_line(const std::string& text, const std::string& line) {
  return ("\n" + text).find("\n" + line + "\n") != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(metrics)

BOOST_AUTO_TEST_CASE(every_error_kind_is_exposed_counted_or_not) {
  Metrics m;
  m.errors["watch"] = 2;
  m.errors["outbox"] = 1;
  m.errors["templates"] = 4;  // a kind outside the fixed list still shows
  std::string text = m.expose();
  for (const char* line : {"herald_errors_total{kind=\"config\"} 0", "herald_errors_total{kind=\"outbox\"} 1",
                           "herald_errors_total{kind=\"post\"} 0", "herald_errors_total{kind=\"state\"} 0",
                           "herald_errors_total{kind=\"templates\"} 4",
                           "herald_errors_total{kind=\"watch\"} 2", "herald_errors_total{kind=\"write\"} 0"}) {
    BOOST_TEST(has_line(text, line), line);
  }
  BOOST_TEST(has_line(text, "# TYPE herald_errors_total counter"));
}

// Health (docs/reliability.md): every reason exposed, 1 when raised; the
// held deletions, failing posts, the age of the last good write; build and
// process facts.
BOOST_AUTO_TEST_CASE(problems_held_deletions_and_the_process) {
  Metrics m;
  m.problems = {"content_held"};
  m.held_deletions = 138;
  m.posts_failing = 2;
  m.start_time = 1000;
  m.last_write_ok_time = 1500;
  m.now = 1530;
  std::string text = m.expose();
  for (const std::string line :
       {"herald_problem{reason=\"content_held\"} 1", "herald_problem{reason=\"writes_failing\"} 0",
        "herald_problem{reason=\"outbox\"} 0", "herald_problem{reason=\"catalog_cache\"} 0",
        "herald_problem{reason=\"watcher_polling\"} 0", "herald_held_deletions 138",
        "herald_posts_failing 2", "herald_seconds_since_last_feed_write 30",
        "herald_build_info{version=\"" HERALD_VERSION "\"} 1", "process_start_time_seconds 1000",
        "# TYPE process_cpu_seconds_total counter", "# TYPE process_resident_memory_bytes gauge",
        "# TYPE process_open_fds gauge", "# TYPE process_max_fds gauge"}) {
    BOOST_TEST(has_line(text, line), line);
  }
  m.last_write_ok_time = 0;  // none yet: counted from the start
  BOOST_TEST(has_line(m.expose(), "herald_seconds_since_last_feed_write 530"));
}

// Outcomes since start by target: every lane listed, zeros included.
BOOST_AUTO_TEST_CASE(delivery_outcomes_by_target) {
  Metrics m;
  DeliveryStats stats;
  stats.by_target["hook"] = {1200, 3, 4};
  m.take_delivery(stats, {"hook", "quiet"}, {}, 0);
  std::string text = m.expose();
  for (const char* line : {"herald_target_deliveries_total{target=\"hook\",outcome=\"sent\"} 1200",
                           "herald_target_deliveries_total{target=\"hook\",outcome=\"retried\"} 3",
                           "herald_target_deliveries_total{target=\"hook\",outcome=\"dead\"} 4",
                           "herald_target_deliveries_total{target=\"quiet\",outcome=\"sent\"} 0"}) {
    BOOST_TEST(has_line(text, line), line);
  }
}

BOOST_AUTO_TEST_CASE(http_bytes_and_connections) {
  Metrics m;
  m.http_responses["2xx"] = 10;
  m.http_bytes_sent = 123456;
  m.http_connections_accepted = 7;
  m.http_connections_rejected = 1;
  m.http_connections_evicted = 2;
  m.http_connections_open = 3;
  std::string text = m.expose();
  for (const char* line :
       {"herald_http_responses_total{code=\"2xx\"} 10", "# TYPE herald_http_sent_bytes_total counter",
        "herald_http_sent_bytes_total 123456", "# TYPE herald_http_connections_total counter",
        "herald_http_connections_total{result=\"accepted\"} 7",
        "herald_http_connections_total{result=\"rejected\"} 1",
        "herald_http_connections_total{result=\"evicted\"} 2",
        "# TYPE herald_http_connections_open gauge", "herald_http_connections_open 3"}) {
    BOOST_TEST(has_line(text, line), line);
  }
}

BOOST_AUTO_TEST_CASE(delivery_counters_only_while_the_engine_runs) {
  Metrics m;
  BOOST_TEST(m.expose().find("herald_deliveries_total") == std::string::npos);
  m.delivering = true;
  m.deliveries_sent = 5;
  m.deliveries_dead = 1;
  m.delivery_retries = 3;
  m.deliveries_in_flight = 2;
  m.delivery_backlog["mastodon"] = {4, 12.5};
  m.delivery_backlog["hook"] = {};
  std::string text = m.expose();
  for (const char* line :
       {"# TYPE herald_deliveries_total counter", "herald_deliveries_total{outcome=\"sent\"} 5",
        "herald_deliveries_total{outcome=\"dead\"} 1", "herald_delivery_retries_total 3",
        "# TYPE herald_deliveries_in_flight gauge", "herald_deliveries_in_flight 2",
        "herald_deliveries_waiting{target=\"hook\"} 0", "herald_deliveries_waiting{target=\"mastodon\"} 4",
        "herald_delivery_oldest_waiting_seconds{target=\"hook\"} 0.000",
        "herald_delivery_oldest_waiting_seconds{target=\"mastodon\"} 12.500"}) {
    BOOST_TEST(has_line(text, line), line);
  }
}

BOOST_AUTO_TEST_CASE(delivery_backlog_lists_every_lane_with_its_oldest_age) {
  Metrics m;
  DeliveryStats stats{5, 2, 1, 3, {}};
  m.take_delivery(stats, {"hook", "obras", "websub-hub"},
                  {TargetBacklog{"hook", 4, 1'000'000}, TargetBacklog{"retired", 1, 1'009'000}}, 1'010'500);
  BOOST_TEST(m.delivering);
  BOOST_TEST(m.deliveries_sent == 5u);
  BOOST_TEST(m.delivery_retries == 2u);
  BOOST_TEST(m.deliveries_dead == 1u);
  BOOST_TEST(m.deliveries_in_flight == 3u);
  BOOST_REQUIRE(m.delivery_backlog.size() == 4u);
  BOOST_TEST(m.delivery_backlog["hook"].waiting == 4u);
  BOOST_TEST(m.delivery_backlog["hook"].oldest_seconds == 10.5);
  BOOST_TEST(m.delivery_backlog["obras"].waiting == 0u);
  BOOST_TEST(m.delivery_backlog["retired"].oldest_seconds == 1.5);
  // A second look replaces the first.
  m.take_delivery(stats, {"hook"}, {}, 1'010'500);
  BOOST_TEST(m.delivery_backlog.size() == 1u);
  BOOST_TEST(m.delivery_backlog["hook"].waiting == 0u);
}

BOOST_AUTO_TEST_CASE(posts_and_watch_are_taken_from_their_owners) {
  Metrics m;
  m.take_posts(PostCounts{7, 2, 1});
  WatchStats watch;
  watch.events = 40;
  watch.overflows = 1;
  watch.polling = true;
  m.take_watch(watch);
  BOOST_TEST(m.posts_published == 7u);
  BOOST_TEST(m.posts_scheduled == 2u);
  BOOST_TEST(m.posts_drafts == 1u);
  BOOST_TEST(m.watch_events == 40u);
  BOOST_TEST(m.watch_overflows == 1u);
  BOOST_TEST(m.watch_polling);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
