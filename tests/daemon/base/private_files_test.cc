#include "daemon/base/private_files.h"

#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <string>

#include "daemon/base/file_lock.h"
#include "daemon/base/sqlite_db.h"
#include "tests/support/test_support.h"

namespace herald {
namespace {

using test::TempDir;

unsigned mode_of(const std::string& path) {
  struct stat st {};
  BOOST_REQUIRE(::lstat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

// Sets the umask for one test and puts it back.
class Umask {
 public:
  explicit Umask(mode_t mask) : old_(::umask(mask)) {}
  ~Umask() { ::umask(old_); }

 private:
  mode_t old_;
};

BOOST_AUTO_TEST_SUITE(private_files)

// Outside systemd the state directory was 0755 and outbox.db (a Bluesky
// refresh token inside) 0644.
BOOST_AUTO_TEST_CASE(the_state_directory_and_databases_are_private_whatever_the_umask) {
  Umask loose(0);
  TempDir dir;
  const std::string state = dir / "var/lib/herald";
  BOOST_TEST(make_private_directory(state).ok());
  BOOST_TEST(mode_of(state) == 0700u);

  SqliteDb db;
  BOOST_REQUIRE(db.open(state + "/outbox.db").ok());
  BOOST_REQUIRE(db.exec("CREATE TABLE t (x)").ok());
  BOOST_TEST(mode_of(state + "/outbox.db") == 0600u);
  BOOST_TEST(mode_of(state + "/outbox.db-wal") == 0600u);
  BOOST_TEST(mode_of(state + "/outbox.db-shm") == 0600u);

  Result<FileLock> lock = lock_file(state + "/outbox.db.lock");
  BOOST_TEST((lock.ok() && lock->acquired()));
  BOOST_TEST(mode_of(state + "/outbox.db.lock") == 0600u);
}

// A state directory made by an older herald (0755, files 0644) is tightened.
BOOST_AUTO_TEST_CASE(existing_state_is_tightened) {
  TempDir dir;
  const std::string state = dir / "state";
  std::filesystem::create_directory(state);
  ::chmod(state.c_str(), 0755);
  test::write_file(state + "/catalog.db", "");
  test::write_file(state + "/catalog.db-wal", "");
  ::chmod((state + "/catalog.db").c_str(), 0644);
  ::chmod((state + "/catalog.db-wal").c_str(), 0644);
  BOOST_TEST(make_private_directory(state).ok());
  BOOST_TEST(make_private_file(state + "/catalog.db", false).ok());
  BOOST_TEST(mode_of(state) == 0700u);
  BOOST_TEST(mode_of(state + "/catalog.db") == 0600u);
  BOOST_TEST(mode_of(state + "/catalog.db-wal") == 0600u);
  BOOST_TEST(make_private_file(state + "/missing.db", false).ok());
  BOOST_TEST(!std::filesystem::exists(state + "/missing.db"));
}

// A link planted where the database or the lock goes is refused, not followed.
BOOST_AUTO_TEST_CASE(links_in_place_of_state_files_are_refused) {
  TempDir dir;
  test::write_file(dir / "elsewhere", "x");
  std::filesystem::create_symlink(dir / "elsewhere", dir / "outbox.db");
  Status status = make_private_file(dir / "outbox.db", true);
  BOOST_TEST(status.message == dir / "outbox.db" +
                                   " is a symbolic link; herald keeps its state in files of its "
                                   "own: remove the link");
  SqliteDb db;
  BOOST_TEST(!db.open(dir / "outbox.db").ok());
  BOOST_TEST(mode_of(dir / "elsewhere") != 0600u);

  std::filesystem::create_symlink(dir / "elsewhere", dir / "outbox.db.lock");
  Result<FileLock> lock = lock_file(dir / "outbox.db.lock");
  BOOST_TEST(lock.error() == dir / "outbox.db.lock" +
                                 " is a symbolic link; remove it (herald makes its own lock file)");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
