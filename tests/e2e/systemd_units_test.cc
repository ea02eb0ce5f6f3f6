// The shipped systemd units: `systemd-analyze verify` is clean and
// `systemd-analyze security --offline=yes` rates herald.service at 2.0 or
// lower. The unit template's paths are filled in the way CMake does, with
// ExecStart pointing at the built binary (verify checks it is executable).
#include <cstdlib>
#include <regex>
#include <string>

#include <boost/test/unit_test.hpp>

#include "feeds/string_util.h"
#include "tests/support/test_support.h"

namespace herald {
namespace {

using test::run_command;

// herald.service and herald.socket in `dir`, ready for systemd-analyze.
void write_units(const test::TempDir& dir) {
  std::string unit = test::read_file(test::source_dir() + "/systemd/herald.service.in");
  std::string bin_dir = test::herald_binary();
  bin_dir.erase(bin_dir.rfind('/'));
  replace_all(unit, "@CMAKE_INSTALL_FULL_BINDIR@", bin_dir);
  replace_all(unit, "@CMAKE_INSTALL_FULL_DOCDIR@", "/usr/share/doc/herald");
  replace_all(unit, "@CMAKE_INSTALL_FULL_SYSCONFDIR@", "/etc");
  BOOST_TEST_REQUIRE(unit.find("@CMAKE_") == std::string::npos);
  test::write_file(dir / "herald.service", unit);
  test::write_file(dir / "herald.socket",
                   test::read_file(test::source_dir() + "/systemd/herald.socket"));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(systemd_units)

BOOST_AUTO_TEST_CASE(units_verify_clean) {
  test::TempDir dir;
  write_units(dir);
  auto result = run_command({"systemd-analyze", "verify", "--man=no", dir / "herald.service",
                             dir / "herald.socket"});
  BOOST_TEST(result.exit_code == 0);
  BOOST_TEST(result.out == "");
  BOOST_TEST(result.err == "");
}

BOOST_AUTO_TEST_CASE(service_exposure_is_at_most_2) {
  test::TempDir dir;
  write_units(dir);
  auto result = run_command({"systemd-analyze", "security", "--offline=yes", "--no-pager",
                             dir / "herald.service"});
  BOOST_TEST_REQUIRE(result.exit_code == 0, result.err);
  std::smatch match;
  std::regex overall(R"(Overall exposure level for herald\.service: ([0-9.]+))");
  BOOST_TEST_REQUIRE(std::regex_search(result.out, match, overall), result.out);
  double exposure = std::stod(match[1]);
  BOOST_TEST_MESSAGE("herald.service exposure: " << exposure);
  BOOST_TEST(exposure <= 2.0);
  // The threshold option agrees (0-100 scale).
  auto gated = run_command({"systemd-analyze", "security", "--offline=yes", "--threshold=20",
                            "--no-pager", dir / "herald.service"});
  BOOST_TEST(gated.exit_code == 0);
}

BOOST_AUTO_TEST_CASE(companions_are_well_formed) {
  // The sysusers.d line creates the account the unit runs as.
  test::TempDir root;
  auto users = run_command({"systemd-sysusers", "--dry-run", "--root", root.path(),
                            test::source_dir() + "/systemd/herald.sysusers"});
  BOOST_TEST(users.exit_code == 0, users.err);
  BOOST_TEST(users.err.find("Creating user 'herald'") != std::string::npos, users.err);
  std::string tmpfiles = test::read_file(test::source_dir() + "/systemd/herald.tmpfiles");
  BOOST_TEST(tmpfiles.find("d /var/www/herald 0755 herald herald -") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
