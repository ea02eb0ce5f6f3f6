#include "daemon/base/file_lock.h"

#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include "tests/support/test_support.h"

namespace herald {

using test::TempDir;

BOOST_AUTO_TEST_SUITE(file_lock)

BOOST_AUTO_TEST_CASE(one_owner_at_a_time_and_a_contender_learns_its_pid) {
  TempDir dir;
  Result<FileLock> first = lock_file(dir / "outbox.db.lock");
  BOOST_REQUIRE_MESSAGE(first.ok(), first.error());
  BOOST_TEST(first->acquired());
  Result<FileLock> second = lock_file(dir / "outbox.db.lock");  // flock: refused in-process too
  BOOST_REQUIRE_MESSAGE(second.ok(), second.error());
  BOOST_TEST(!second->acquired());
  BOOST_TEST(second->holder_pid == static_cast<long>(::getpid()));
  first->fd.reset();  // the owner leaves
  Result<FileLock> third = lock_file(dir / "outbox.db.lock");
  BOOST_REQUIRE(third.ok());
  BOOST_TEST(third->acquired());
}

BOOST_AUTO_TEST_CASE(a_lock_file_that_cannot_be_opened_is_a_failure_naming_it) {
  TempDir dir;
  Result<FileLock> locked = lock_file(dir / "missing/outbox.db.lock");
  BOOST_TEST(!locked.ok());
  BOOST_TEST(locked.error() ==
             "cannot open " + dir / "missing/outbox.db.lock" + ": No such file or directory");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
