// The e2e harness's own promises (daemon_process.h): a port is handed out
// once, outside the kernel's ephemeral range; a daemon's log given as an
// assertion's message is read when the message is printed.
#include <boost/test/unit_test.hpp>
#include <fstream>
#include <set>
#include <sstream>

#include "tests/e2e/daemon_process.h"
#include "tests/support/test_support.h"

namespace herald {

BOOST_AUTO_TEST_SUITE(daemon_process)

BOOST_AUTO_TEST_CASE(free_ports_are_handed_out_once_below_the_ephemeral_range) {
  std::set<int> ports;
  for (int i = 0; i < 500; ++i) ports.insert(test::free_port());
  BOOST_TEST(ports.size() == 500u);
  std::ifstream range("/proc/sys/net/ipv4/ip_local_port_range");
  int ephemeral = 0;
  BOOST_TEST_REQUIRE(static_cast<bool>(range >> ephemeral));
  if (ephemeral > 12000) BOOST_TEST(*ports.rbegin() < ephemeral);
}

BOOST_AUTO_TEST_CASE(a_log_given_as_a_message_is_read_when_printed) {
  test::TempDir dir;
  test::DaemonLog log(dir / "stderr.log");
  // What BOOST_TEST(assertion, log) builds before it evaluates the assertion.
  const auto& message = boost::unit_test::lazy_ostream::instance() << log;
  test::write_file(dir / "stderr.log", "written while the assertion ran\n");
  std::ostringstream printed;
  message(printed);
  BOOST_TEST(printed.str() == "written while the assertion ran\n");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
