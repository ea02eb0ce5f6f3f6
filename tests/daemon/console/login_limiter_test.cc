#include "daemon/console/login_limiter.h"

#include <boost/test/unit_test.hpp>

namespace herald {

using std::chrono::milliseconds;

BOOST_AUTO_TEST_SUITE(login_limiter)

BOOST_AUTO_TEST_CASE(failures_are_slowed_then_refused_for_the_window) {
  LoginLimiter limiter(LoginLimits{3, 5, 60'000, 500, 5000});
  const std::int64_t t = 1'000'000;
  BOOST_TEST(limiter.failed("10.0.0.1", "ana", t) == milliseconds(0));
  BOOST_TEST(limiter.failed("10.0.0.1", "ana", t) == milliseconds(0));
  BOOST_TEST(limiter.failed("10.0.0.1", "ana", t) == milliseconds(0));
  BOOST_TEST(limiter.failed("10.0.0.1", "ana", t) == milliseconds(500));
  BOOST_TEST(limiter.refused_until("10.0.0.1", "ana", t) == 0);
  BOOST_TEST(limiter.failed("10.0.0.1", "ana", t + 10) == milliseconds(1000));
  // Refused, from that address and for that account, even from elsewhere.
  BOOST_TEST(limiter.refused_until("10.0.0.1", "luis", t + 20) == t + 10 + 60'000);
  BOOST_TEST(limiter.refused_until("10.0.0.9", "ana", t + 20) == t + 10 + 60'000);
  BOOST_TEST(limiter.refused_until("10.0.0.9", "luis", t + 20) == 0);
  BOOST_TEST(limiter.refused_until("10.0.0.1", "ana", t + 10 + 60'000) == 0);
}

BOOST_AUTO_TEST_CASE(a_success_clears_the_counts) {
  LoginLimiter limiter(LoginLimits{1, 3, 60'000, 500, 5000});
  limiter.failed("10.0.0.1", "ana", 0);
  limiter.failed("10.0.0.1", "ana", 0);
  limiter.succeeded("10.0.0.1", "ana");
  BOOST_TEST(limiter.failed("10.0.0.1", "ana", 1) == milliseconds(0));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
