// The sections `herald run` reads (serve, state, watch, log): defaults,
// every value, $STATE_DIRECTORY, and each error's exact text.
#include <cstdlib>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

#include "config/config.h"
#include "config/value_rules.h"
#include "tests/config/daemon_config_text.h"

namespace herald {
namespace {

const std::string& kMinimal = test::kDaemonMinimal;

std::vector<std::string> errors_of(const std::string& text) { return test::daemon_config_errors(text); }

Config config_of(const std::string& text) { return test::daemon_config(text); }

using Errors = std::vector<std::string>;
using std::chrono::milliseconds;

}  // namespace

BOOST_AUTO_TEST_SUITE(daemon_sections)

BOOST_AUTO_TEST_CASE(defaults_without_the_sections) {
  ::unsetenv("STATE_DIRECTORY");
  Config config = config_of(kMinimal);
  BOOST_TEST(!config.serve.enabled);
  BOOST_TEST(config.state.dir == "/var/lib/herald");
  BOOST_TEST(!config.state.configured);  // herald build keeps no state there
  BOOST_TEST((config.watch.mode == WatchMode::kAuto));
  BOOST_TEST(config.watch.quiet.count() == 2);
  BOOST_TEST(config.watch.cap.count() == 500);
  BOOST_TEST(config.watch.rescan_interval.count() == 3600 * 1000);
  BOOST_TEST((config.log.level == LogLevel::info));
}

BOOST_AUTO_TEST_CASE(state_directory_from_systemd) {
  ::setenv("STATE_DIRECTORY", "/var/lib/herald-a:/var/lib/other", 1);
  BOOST_TEST(config_of(kMinimal).state.dir == "/var/lib/herald-a");
  BOOST_TEST(config_of(kMinimal).state.configured);
  // An explicit state.dir wins, resolved against the config file.
  BOOST_TEST(config_of(kMinimal + "state: {dir: var}\n").state.dir == "/srv/var");
  ::unsetenv("STATE_DIRECTORY");
  BOOST_TEST(config_of(kMinimal + "state: {dir: var}\n").state.configured);
}

BOOST_AUTO_TEST_CASE(every_value_is_read) {
  Config config = config_of(kMinimal +
                            "serve:\n"
                            "  listen: '[::1]:9090'\n"
                            "  cache_control: no-cache\n"
                            "  max_connections: 20\n"
                            "  idle_timeout: 1m\n"
                            "  header_timeout: 5s\n"
                            "  max_requests_per_second: 7\n"
                            "  max_connections_per_address: 0\n"
                            "  max_requests_per_connection: 100\n"
                            "  max_connection_lifetime: 2m\n"
                            "  metrics_listen: 'localhost:9100'\n"
                            "  metrics_allow: [10.0.0.0/8, '::1']\n"
                            "watch:\n"
                            "  mode: poll\n"
                            "  quiet: 50ms\n"
                            "  cap: 2s\n"
                            "  open_write_grace: 3s\n"
                            "  rescan_interval: 0\n"
                            "  poll_interval: 1s\n"
                            "log: {level: debug}\n");
  BOOST_TEST(config.serve.enabled);
  BOOST_TEST(config.serve.listen == "[::1]:9090");
  BOOST_TEST(config.serve.cache_control == "no-cache");
  BOOST_TEST(config.serve.max_connections == 20);
  BOOST_TEST(config.serve.idle_timeout.count() == 60);
  BOOST_TEST(config.serve.header_timeout.count() == 5);
  BOOST_TEST(config.serve.max_requests_per_second == 7);
  BOOST_TEST(config.serve.max_connections_per_address == 0);
  BOOST_TEST(config.serve.max_requests_per_connection == 100);
  BOOST_TEST(config.serve.max_connection_lifetime.count() == 120);
  BOOST_TEST(config.serve.metrics_listen == "localhost:9100");
  BOOST_TEST(config.serve.metrics_allow == (std::vector<std::string>{"10.0.0.0/8", "::1"}),
             boost::test_tools::per_element());
  BOOST_TEST((config.watch.mode == WatchMode::kPoll));
  BOOST_TEST(config.watch.quiet.count() == 50);
  BOOST_TEST(config.watch.cap.count() == 2000);
  BOOST_TEST(config.watch.open_write_grace.count() == 3000);
  BOOST_TEST(config.watch.rescan_interval.count() == 0);
  BOOST_TEST(config.watch.poll_interval.count() == 1000);
  BOOST_TEST((config.log.level == LogLevel::debug));
  // An empty serve section turns the server on with its defaults.
  Config serving = config_of(kMinimal + "serve: {}\n");
  BOOST_TEST(serving.serve.enabled);
  BOOST_TEST(serving.serve.listen == "127.0.0.1:8080");
  BOOST_TEST(serving.serve.max_connections_per_address == 64);
  BOOST_TEST(serving.serve.max_requests_per_connection == 1000);
  BOOST_TEST(serving.serve.max_connection_lifetime.count() == 600);
  BOOST_TEST(serving.serve.metrics_listen == "");
  BOOST_TEST(serving.serve.metrics_allow ==
                 (std::vector<std::string>{"127.0.0.0/8", "::1", "10.0.0.0/8", "172.16.0.0/12",
                                           "192.168.0.0/16", "fc00::/7"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(bad_values_are_reported) {
  BOOST_TEST(errors_of(kMinimal +
                       "serve: {listen: 8080, idle_timeout: 10}\n"
                       "watch: {mode: fsevents, quiet: 10 ms, cap: 1ms, rescan_interval: 5s}\n"
                       "log: {level: verbose}\n") ==
                 (Errors{
                     "/srv/h.yaml:4:17: error: 'serve.listen' must be host:port, [IPv6]:port "
                     "or :port with an IP address or localhost and a port from 1 to 65535, "
                     "e.g. 127.0.0.1:8080, got '8080'",
                     "/srv/h.yaml:4:37: error: 'serve.idle_timeout' must be a duration with a "
                     "unit, e.g. 250ms, 10s, 5m or 1h, got '10'",
                     "/srv/h.yaml:5:15: error: 'watch.mode' must be auto, inotify or poll, got "
                     "'fsevents'",
                     "/srv/h.yaml:5:32: error: 'watch.quiet' must be a duration with a unit, "
                     "e.g. 250ms, 10s, 5m or 1h, got '10 ms'",
                     "/srv/h.yaml:5:44: error: 'watch.cap' must not be shorter than "
                     "'watch.quiet' (2ms)",
                     "/srv/h.yaml:5:66: error: 'watch.rescan_interval' must be 0 or at least "
                     "1m, got '5s'",
                     "/srv/h.yaml:6:14: error: 'log.level' must be debug, info, warning or "
                     "error, got 'verbose'"}),
             boost::test_tools::per_element());
  BOOST_TEST(errors_of(kMinimal + "watch: {quiet: 1s, cap: 10ms}\n") ==
                 (Errors{"/srv/h.yaml:4:25: error: 'watch.cap' must not be shorter than "
                         "'watch.quiet' (1000ms)"}),
             boost::test_tools::per_element());
  BOOST_TEST(errors_of(kMinimal + "serve: {lisen: ':80'}\n") ==
                 (Errors{"/srv/h.yaml:4:9: error: unknown key 'lisen' in 'serve'; did you mean "
                         "'listen'? (expected one of: listen, cache_control, max_connections, "
                         "idle_timeout, header_timeout, max_requests_per_second, "
                         "max_connections_per_address, max_requests_per_connection, "
                         "max_connection_lifetime, metrics_listen, metrics_allow)"}),
             boost::test_tools::per_element());
  BOOST_TEST(errors_of(kMinimal + "serve: {metrics_allow: [10.0.0.0/33, ok], "
                                  "max_connection_lifetime: 0, metrics_listen: 9100}\n") ==
                 (Errors{"/srv/h.yaml:4:25: error: 'serve.metrics_allow' must be an IP address "
                         "or a CIDR range such as 10.0.0.0/8 or fd00::/8, got '10.0.0.0/33'",
                         "/srv/h.yaml:4:38: error: 'serve.metrics_allow' must be an IP address "
                         "or a CIDR range such as 10.0.0.0/8 or fd00::/8, got 'ok'",
                         "/srv/h.yaml:4:68: error: 'serve.max_connection_lifetime' must be at "
                         "least 1s, got '0'",
                         "/srv/h.yaml:4:87: error: 'serve.metrics_listen' must be host:port, "
                         "[IPv6]:port or :port with an IP address or localhost and a port from "
                         "1 to 65535, e.g. 127.0.0.1:8080, got '9100'"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(durations_and_addresses) {
  BOOST_TEST(parse_duration("250ms").value().count() == 250);
  BOOST_TEST(parse_duration("2h").value().count() == 7200000);
  BOOST_TEST(parse_duration("0").value().count() == 0);
  BOOST_TEST(!parse_duration("5"));
  BOOST_TEST(!parse_duration("-5s"));
  BOOST_TEST(!parse_duration("5d"));
  BOOST_TEST(!parse_duration("99999999999999999999h"));
  BOOST_TEST(check_listen_address("127.0.0.1:8080") == "");
  BOOST_TEST(check_listen_address(":80") == "");
  BOOST_TEST(check_listen_address("localhost:80") == "");
  BOOST_TEST(check_listen_address("[::]:443") == "");
  BOOST_TEST(check_listen_address("::1:80") != "");      // IPv6 needs brackets
  BOOST_TEST(check_listen_address("[1.2.3.4]:80") != "");
  BOOST_TEST(check_listen_address("example.org:80") != "");
  BOOST_TEST(check_listen_address("127.0.0.1:0") != "");
  BOOST_TEST(check_listen_address("127.0.0.1:65536") != "");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
