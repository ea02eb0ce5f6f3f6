// The outbox's file when the disk or the operator does something to it: a
// corrupt file is moved aside and never replaced behind the operator's back;
// a file deleted under the running daemon is noticed.
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>

#include "daemon/base/corrupt_file.h"
#include "daemon/outbox/outbox.h"
#include "tests/support/test_support.h"

namespace herald {
namespace {

namespace fs = std::filesystem;
using test::TempDir;

std::string open_error(const std::string& path) {
  Result<std::unique_ptr<Outbox>> outbox = Outbox::open(path, Outbox::Mode::read_write);
  BOOST_REQUIRE(!outbox.ok());
  return outbox.error();
}

bool opens(const std::string& path) { return Outbox::open(path, Outbox::Mode::read_write).ok(); }

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string operator_decides(const TempDir& dir, const std::string& aside) {
  return "herald does not start with an empty outbox by itself, since the outbox holds the delivery "
         "history: either recover it (sqlite3 " + aside + " .recover | sqlite3 " + dir / "outbox.db" +
         ") and start herald again, or accept an empty outbox (as at a first start: delivery.first_start) "
         "by moving " + aside + " out of " + dir.path() + " and starting herald again (docs/reliability.md)";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(outbox_faults)

BOOST_AUTO_TEST_CASE(a_file_that_is_not_a_database_is_moved_aside_and_refused) {
  TempDir dir;
  test::write_file(dir / "outbox.db", std::string(8192, 'x'));
  std::string error = open_error(dir / "outbox.db");
  std::string aside = find_moved_aside(dir / "outbox.db");
  BOOST_REQUIRE(!aside.empty());
  BOOST_TEST(error == dir / "outbox.db: file is not a database; moved it to " + aside +
                          " (with its -wal and -shm); " + operator_decides(dir, aside));
  BOOST_TEST(test::read_file(aside) == std::string(8192, 'x'));
}

BOOST_AUTO_TEST_CASE(the_next_start_is_refused_until_the_operator_moves_the_file_away) {
  TempDir dir;
  test::write_file(dir / "outbox.db", std::string(8192, 'x'));
  open_error(dir / "outbox.db");
  std::string aside = find_moved_aside(dir / "outbox.db");
  BOOST_TEST(open_error(dir / "outbox.db") ==
             dir / "outbox.db is missing and " + aside +
                 " is the outbox herald moved aside as corrupt; " + operator_decides(dir, aside));
  BOOST_TEST(!fs::exists(dir / "outbox.db"));
  fs::create_directories(dir / "kept");
  fs::rename(aside, dir / "kept/outbox.db");
  BOOST_TEST(opens(dir / "outbox.db"));
}

BOOST_AUTO_TEST_CASE(a_recovered_copy_put_back_is_used) {
  TempDir dir;
  test::write_file(dir / "outbox.db", std::string(8192, 'x'));
  open_error(dir / "outbox.db");
  { BOOST_REQUIRE(opens(dir / "elsewhere.db")); }
  fs::rename(dir / "elsewhere.db", dir / "outbox.db");
  BOOST_TEST(opens(dir / "outbox.db"));
}

BOOST_AUTO_TEST_CASE(damaged_pages_found_by_quick_check_are_moved_aside) {
  TempDir dir;
  {
    auto outbox = Outbox::open(dir / "outbox.db", Outbox::Mode::read_write);
    BOOST_REQUIRE(outbox.ok());
    BOOST_REQUIRE((*outbox)->record({OutboxPost{"p1", "T", "https://example.org/p1/", "p1.md", 1}}, {}).ok());
  }
  const auto size = fs::file_size(dir / "outbox.db");
  BOOST_REQUIRE(size > 8192u);
  {
    std::fstream file(dir / "outbox.db", std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(4096);
    std::string garbage(size - 4096, '\x55');
    file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  std::string error = open_error(dir / "outbox.db");
  BOOST_TEST(contains(error, "; moved it to " + dir / "outbox.db.corrupt-"), error);
  BOOST_TEST(!fs::exists(dir / "outbox.db"));
}

BOOST_AUTO_TEST_CASE(a_state_directory_moved_away_is_noticed) {
  TempDir dir;
  fs::create_directories(dir / "state");
  auto outbox = Outbox::open(dir / "state/outbox.db", Outbox::Mode::read_write);
  BOOST_REQUIRE(outbox.ok());
  BOOST_TEST((*outbox)->check_file().ok());
  fs::rename(dir / "state", dir / "gone");
  Status check = (*outbox)->check_file();
  BOOST_TEST(check.message == dir / "state/outbox.db: No such file or directory (the file herald has open "
                                    "was deleted, or its state directory moved)");
}

BOOST_AUTO_TEST_CASE(a_file_replaced_under_the_daemon_is_noticed) {
  TempDir dir;
  auto outbox = Outbox::open(dir / "outbox.db", Outbox::Mode::read_write);
  BOOST_REQUIRE(outbox.ok());
  fs::rename(dir / "outbox.db", dir / "old.db");
  test::write_file(dir / "outbox.db", "");
  BOOST_TEST((*outbox)->check_file().message ==
             dir / "outbox.db: replaced by another file since herald opened it");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
