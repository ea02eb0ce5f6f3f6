// The e2e harness's own promises: a port is handed out once, outside the
// kernel's ephemeral range, from blocks no other test process can take
// (tests/support/loopback/free_port.h); a daemon's log given as an
// assertion's message is read when the message is printed (daemon_process.h).
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "daemon/base/file_lock.h"
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
  BOOST_TEST(*ports.rbegin() < ephemeral);
  // Every block they came from is locked against another test process (a
  // second lock_file() stands for one: its locks belong to an open file).
  for (int port : ports) {
    const int block = port - (port - 10000) % 100;
    const std::string lock =
        (std::filesystem::temp_directory_path() / "herald-test-ports" / std::to_string(block)).string();
    Result<FileLock> again = lock_file(lock);
    BOOST_TEST_REQUIRE(again.ok(), again.error());
    BOOST_TEST(!again->acquired(), lock);
  }
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
