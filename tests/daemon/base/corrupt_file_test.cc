#include "daemon/base/corrupt_file.h"

#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "tests/support/test_support.h"

namespace herald {
namespace {

using test::TempDir;

constexpr std::int64_t kNow = 1'700'000'000'000;  // 2023-11-14T22:13:20Z

}  // namespace

BOOST_AUTO_TEST_SUITE(corrupt_file)

BOOST_AUTO_TEST_CASE(the_file_and_its_companions_move_to_a_name_with_the_utc_time) {
  TempDir dir;
  test::write_file(dir / "outbox.db", "db");
  test::write_file(dir / "outbox.db-wal", "wal");
  Result<std::string> aside = move_aside_corrupt(dir / "outbox.db", kNow);
  BOOST_REQUIRE_MESSAGE(aside.ok(), aside.error());
  BOOST_TEST(*aside == dir / "outbox.db.corrupt-20231114T221320Z");
  BOOST_TEST(test::read_file(*aside) == "db");
  BOOST_TEST(test::read_file(*aside + "-wal") == "wal");
  BOOST_TEST(!std::filesystem::exists(dir / "outbox.db"));
  BOOST_TEST(!std::filesystem::exists(dir / "outbox.db-wal"));
  BOOST_TEST(!std::filesystem::exists(*aside + "-shm"));
  BOOST_TEST(find_moved_aside(dir / "outbox.db") == *aside);
}

BOOST_AUTO_TEST_CASE(a_second_file_in_the_same_second_gets_a_number) {
  TempDir dir;
  test::write_file(dir / "catalog.db", "first");
  BOOST_TEST(move_aside_corrupt(dir / "catalog.db", kNow).ok());
  test::write_file(dir / "catalog.db", "second");
  Result<std::string> aside = move_aside_corrupt(dir / "catalog.db", kNow);
  BOOST_REQUIRE(aside.ok());
  BOOST_TEST(*aside == dir / "catalog.db.corrupt-20231114T221320Z-1");
  BOOST_TEST(test::read_file(*aside) == "second");
}

BOOST_AUTO_TEST_CASE(nothing_moved_aside_is_found_as_nothing) {
  TempDir dir;
  test::write_file(dir / "outbox.db", "db");
  BOOST_TEST(find_moved_aside(dir / "outbox.db").empty());
}

BOOST_AUTO_TEST_CASE(a_file_that_cannot_be_moved_says_both_names) {
  TempDir dir;
  Result<std::string> aside = move_aside_corrupt(dir / "outbox.db", kNow);
  BOOST_REQUIRE(!aside.ok());
  BOOST_TEST(aside.error() == "cannot move " + dir / "outbox.db" + " aside to " + dir /
                                  "outbox.db.corrupt-20231114T221320Z: No such file or directory");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
