#include "daemon/service/descriptor_limit.h"

#include <sys/resource.h>

#include <boost/test/unit_test.hpp>

namespace herald {

BOOST_AUTO_TEST_SUITE(descriptor_limit_suite)

BOOST_AUTO_TEST_CASE(raising_lifts_the_soft_limit_to_the_hard_one) {
  rlimit before{};
  BOOST_REQUIRE(::getrlimit(RLIMIT_NOFILE, &before) == 0);
  rlimit lowered = before;
  if (before.rlim_max != RLIM_INFINITY && before.rlim_max > 512) lowered.rlim_cur = 512;
  BOOST_REQUIRE(::setrlimit(RLIMIT_NOFILE, &lowered) == 0);
  DescriptorLimit raised = raise_descriptor_limit();
  std::size_t expected = before.rlim_max == RLIM_INFINITY
                             ? kMaxRaisedDescriptors
                             : std::min<std::size_t>(before.rlim_max, kMaxRaisedDescriptors);
  BOOST_TEST(raised.soft == expected);
  BOOST_TEST(descriptor_limit().soft == expected);
  ::setrlimit(RLIMIT_NOFILE, &before);
}

BOOST_AUTO_TEST_CASE(a_shortfall_names_the_numbers_and_the_fix) {
  BOOST_TEST(!descriptor_shortfall(512, 256, 1024));  // 512 + 256 + 128 = 896 fit
  BOOST_TEST(!descriptor_shortfall(5000, 256, 0));    // unknown limit: nothing to say
  auto warning = descriptor_shortfall(5000, 256, 1024);
  BOOST_REQUIRE(warning.has_value());
  BOOST_TEST(*warning ==
             "serve.max_connections is 5000, which with the file cache (256) and the daemon's own "
             "descriptors (128) needs 5384 open files, but the limit is 1024; lower "
             "serve.max_connections to 640 or raise LimitNOFILE= in the unit (at the limit, new "
             "connections wait unaccepted)");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
