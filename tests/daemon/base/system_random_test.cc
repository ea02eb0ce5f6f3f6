#include "daemon/base/system_random.h"

#include <boost/test/unit_test.hpp>

namespace herald {

BOOST_AUTO_TEST_SUITE(system_random_numbers)

BOOST_AUTO_TEST_CASE(draws_uniform_numbers_in_the_unit_interval) {
  std::function<double()> random = system_random();
  for (int i = 0; i < 100; ++i) {
    double r = random();
    BOOST_TEST((r >= 0.0 && r < 1.0));
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
