#include "daemon/file_io.h"

#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "tests/support/test_support.h"

namespace herald {

using test::TempDir;

BOOST_AUTO_TEST_SUITE(file_io)

BOOST_AUTO_TEST_CASE(writes_creates_directories_and_skips_identical_bytes) {
  TempDir dir;
  std::string path = dir / "a/b/rss.xml";
  BOOST_TEST(static_cast<int>(write_file_atomically(path, "one").outcome) ==
             static_cast<int>(WriteOutcome::written));
  BOOST_TEST(test::read_file(path) == "one");
  struct stat before {};
  ::stat(path.c_str(), &before);
  BOOST_TEST(static_cast<int>(write_file_atomically(path, "one").outcome) ==
             static_cast<int>(WriteOutcome::unchanged));
  struct stat after {};
  ::stat(path.c_str(), &after);
  BOOST_TEST(before.st_ino == after.st_ino);  // not replaced
  BOOST_TEST(static_cast<int>(write_file_atomically(path, "two").outcome) ==
             static_cast<int>(WriteOutcome::written));
  BOOST_TEST(test::read_file(path) == "two");
  // No temporary files left behind.
  int entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir / "a/b")) ++entries;
  BOOST_TEST(entries == 1);
}

BOOST_AUTO_TEST_CASE(failed_write_keeps_the_old_file) {
  if (::geteuid() == 0) {
    // root ignores directory permissions; use a path whose parent is a file.
    TempDir dir;
    test::write_file(dir / "blocker", "x");
    WriteResult r = write_file_atomically(dir / "blocker/rss.xml", "new");
    BOOST_TEST(static_cast<int>(r.outcome) == static_cast<int>(WriteOutcome::failed));
    BOOST_TEST(r.error.find("cannot create directory") == 0u);
    BOOST_TEST(test::read_file(dir / "blocker") == "x");
    return;
  }
  TempDir dir;
  test::write_file(dir / "out/rss.xml", "old");
  ::chmod((dir / "out").c_str(), 0555);
  WriteResult r = write_file_atomically(dir / "out/rss.xml", "new");
  ::chmod((dir / "out").c_str(), 0755);
  BOOST_TEST(static_cast<int>(r.outcome) == static_cast<int>(WriteOutcome::failed));
  BOOST_TEST(test::read_file(dir / "out/rss.xml") == "old");
}

BOOST_AUTO_TEST_CASE(read_refuses_large_and_missing_files) {
  TempDir dir;
  test::write_file(dir / "big.md", std::string(100, 'x'));
  ReadResult big = read_whole_file(dir / "big.md", 99);
  BOOST_TEST(!big.ok);
  BOOST_TEST(big.too_large);
  BOOST_TEST(big.error == "file is larger than 99 bytes");
  ReadResult fits = read_whole_file(dir / "big.md", 100);
  BOOST_TEST(fits.ok);
  BOOST_TEST(fits.bytes.size() == 100u);
  ReadResult missing = read_whole_file(dir / "none.md", 100);
  BOOST_TEST(!missing.ok);
  BOOST_TEST(missing.error == "No such file or directory");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
