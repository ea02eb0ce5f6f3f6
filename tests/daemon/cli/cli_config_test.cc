// Where the CLI finds its configuration: --config, else $HERALD_CONFIG, else
// the default (its absence is tested on the real binary: tests/e2e/cli_test.cc).
#include "daemon/cli/cli_config.h"

#include <boost/test/unit_test.hpp>
#include <cstdlib>

namespace herald {

BOOST_AUTO_TEST_SUITE(cli_config)

BOOST_AUTO_TEST_CASE(the_flag_then_the_environment) {
  ::setenv("HERALD_CONFIG", "/srv/env.yaml", 1);
  Result<std::string> path = resolve_config_path("/srv/flag.yaml");
  BOOST_TEST_REQUIRE(path.ok());
  BOOST_TEST(*path == "/srv/flag.yaml");
  path = resolve_config_path("");
  BOOST_TEST_REQUIRE(path.ok());
  BOOST_TEST(*path == "/srv/env.yaml");
  ::unsetenv("HERALD_CONFIG");
}

BOOST_AUTO_TEST_CASE(a_path_given_is_kept_even_when_missing) {
  ::unsetenv("HERALD_CONFIG");
  Result<std::string> path = resolve_config_path("/nonexistent/herald.yaml");
  BOOST_TEST_REQUIRE(path.ok());
  BOOST_TEST(*path == "/nonexistent/herald.yaml");
}

BOOST_AUTO_TEST_CASE(no_installed_example_beside_a_test_binary) {
  BOOST_TEST(installed_example_path() == "");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
