// A target's `pace:`: every key read, the defaults, and each error's exact
// text and position (herald check shows them as file:line:col).
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "config/config.h"

namespace herald {
namespace {

using Errors = std::vector<std::string>;

// Lines 1-8; the pace mapping's keys start on line 9.
std::string with_pace(const std::string& pace) {
  return "site: {title: T, url: https://example.org, author: A, timezone: Europe/Madrid}\n"
         "content: {dir: content}\n"
         "output: {dir: public}\n"
         "targets:\n"
         "  - name: hook\n"
         "    type: slack\n"
         "    url: https://hooks.slack.com/services/T/B/x\n"
         "    pace:\n" + pace;
}

Errors errors_of(const std::string& text) {
  Errors out;
  for (const Diagnostic& error : parse_config(text, "/srv/h.yaml").errors) out.push_back(error.to_string());
  return out;
}

PaceConfig pace_of(const std::string& pace) {
  ConfigResult result = parse_config(with_pace(pace), "/srv/h.yaml");
  BOOST_TEST_REQUIRE(result.errors.empty());
  return result.config->targets.at(0).pace;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pace_section)

BOOST_AUTO_TEST_CASE(every_key_is_read) {
  PaceConfig pace = pace_of("      min_interval: 10m\n"
                            "      quiet_hours: \"23:00-07:00\"\n"
                            "      max_per_day: 12\n"
                            "      order: newest_first\n"
                            "      max_age: 48h\n");
  BOOST_TEST(pace.min_interval.count() == 600000);
  BOOST_TEST((pace.quiet_hours == QuietHours{23 * 60, 7 * 60}));
  BOOST_TEST(pace.max_per_day == 12);
  BOOST_TEST((pace.order == PaceOrder::newest_first));
  BOOST_TEST(pace.max_age.count() == 2 * 86400000LL);
  BOOST_TEST(pace.spaces());
}

BOOST_AUTO_TEST_CASE(defaults_pace_nothing) {
  PaceConfig pace = pace_of("      order: oldest_first\n");
  BOOST_TEST(pace.min_interval.count() == 0);
  BOOST_TEST(!pace.quiet_hours);
  BOOST_TEST(pace.max_per_day == 0);
  BOOST_TEST((pace.order == PaceOrder::oldest_first));
  BOOST_TEST(pace.max_age.count() == 0);
  BOOST_TEST(!pace.spaces());
}

BOOST_AUTO_TEST_CASE(quiet_hours_may_cross_midnight_or_not) {
  BOOST_TEST((pace_of("      quiet_hours: \"13:30-15:00\"\n").quiet_hours == QuietHours{810, 900}));
  BOOST_TEST((pace_of("      quiet_hours: 22:00-00:00\n").quiet_hours == QuietHours{1320, 0}));
  BOOST_TEST(format_quiet_hours(QuietHours{1380, 420}) == "23:00-07:00");
}

BOOST_AUTO_TEST_CASE(bad_values_are_reported_at_the_value) {
  BOOST_TEST(errors_of(with_pace("      quiet_hours: \"07:00-07:00\"\n")) ==
                 (Errors{"/srv/h.yaml:9:20: error: 'targets[0].pace.quiet_hours' starts and ends at the same "
                         "time; give a period, e.g. \"23:00-07:00\", or remove the key, got '07:00-07:00'"}),
             boost::test_tools::per_element());
  BOOST_TEST(errors_of(with_pace("      quiet_hours: 23-7\n")) ==
                 (Errors{"/srv/h.yaml:9:20: error: 'targets[0].pace.quiet_hours' must be \"HH:MM-HH:MM\" "
                         "(24-hour clock, site.timezone), e.g. \"23:00-07:00\", got '23-7'"}),
             boost::test_tools::per_element());
  BOOST_TEST(errors_of(with_pace("      quiet_hours: 24:00-07:00\n")).size() == 1u);
  BOOST_TEST(errors_of(with_pace("      order: random\n")) ==
                 (Errors{"/srv/h.yaml:9:14: error: 'targets[0].pace.order' must be oldest_first or "
                         "newest_first, got 'random'"}),
             boost::test_tools::per_element());
  BOOST_TEST(errors_of(with_pace("      max_per_day: 0\n")).size() == 1u);
  BOOST_TEST(errors_of(with_pace("      min_interval: ten\n")).size() == 1u);
  BOOST_TEST(errors_of(with_pace("      max_age: 10s\n")) ==
                 (Errors{"/srv/h.yaml:9:16: error: 'targets[0].pace.max_age' must be 0 or at least 1m, "
                         "got '10s'"}),
             boost::test_tools::per_element());
  BOOST_TEST(errors_of(with_pace("      every: 5m\n")).size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
