#include "daemon/base/file_io.h"

#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "tests/support/test_support.h"

namespace herald {

using test::TempDir;

namespace {

// "written", "unchanged" or "failed": what became of one file.
std::string outcome(const WriteResult& r) {
  if (!r.ok()) return "failed";
  return *r == WriteOutcome::written ? "written" : "unchanged";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(file_io)

BOOST_AUTO_TEST_CASE(writes_creates_directories_and_skips_identical_bytes) {
  TempDir dir;
  std::string path = dir / "a/b/rss.xml";
  BOOST_TEST(outcome(write_file_atomically(path, "one")) == "written");
  BOOST_TEST(test::read_file(path) == "one");
  struct stat before {};
  ::stat(path.c_str(), &before);
  BOOST_TEST(outcome(write_file_atomically(path, "one")) == "unchanged");
  struct stat after {};
  ::stat(path.c_str(), &after);
  BOOST_TEST(before.st_ino == after.st_ino);  // not replaced
  BOOST_TEST(outcome(write_file_atomically(path, "two")) == "written");
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
    BOOST_TEST(outcome(r) == "failed");
    BOOST_TEST(r.error().find("cannot create directory") == 0u);
    BOOST_TEST(test::read_file(dir / "blocker") == "x");
    return;
  }
  TempDir dir;
  test::write_file(dir / "out/rss.xml", "old");
  ::chmod((dir / "out").c_str(), 0555);
  WriteResult r = write_file_atomically(dir / "out/rss.xml", "new");
  ::chmod((dir / "out").c_str(), 0755);
  BOOST_TEST(outcome(r) == "failed");
  BOOST_TEST(test::read_file(dir / "out/rss.xml") == "old");
}

// The same guarantees whichever comes first, the sync or the rename.
void check_batch(Durability durability) {
  TempDir dir;
  test::write_file(dir / "same.xml", "same");
  test::write_file(dir / "blocker", "x");
  struct stat before {};
  ::stat((dir / "same.xml").c_str(), &before);
  std::vector<std::pair<std::string, std::string>> files = {
      {dir / "same.xml", "same"},
      {dir / "new/deep/a.xml", "A"},
      {dir / "blocker/b.xml", "B"},  // parent is a file: fails alone
      {dir / "new/c.json", std::string(200000, 'c')},
  };
  for (int i = 0; i < 300; ++i) {  // more than one round of open temporaries
    files.emplace_back(dir / ("many/" + std::to_string(i) + ".xml"), std::to_string(i));
  }
  std::vector<WriteResult> results = write_files_atomically(files, durability);
  BOOST_TEST_REQUIRE(results.size() == files.size());
  BOOST_TEST(outcome(results[0]) == "unchanged");
  BOOST_TEST(outcome(results[1]) == "written");
  BOOST_TEST(outcome(results[2]) == "failed");
  BOOST_TEST(results[2].error().find("cannot create directory " + std::string(dir / "blocker")) ==
             0u);
  BOOST_TEST(outcome(results[3]) == "written");
  for (std::size_t i = 4; i < files.size(); ++i) {
    BOOST_TEST(outcome(results[i]) == "written");
    BOOST_TEST(test::read_file(files[i].first) == files[i].second);
  }
  struct stat after {};
  ::stat((dir / "same.xml").c_str(), &after);
  BOOST_TEST(before.st_ino == after.st_ino);
  BOOST_TEST(test::read_file(dir / "new/deep/a.xml") == "A");
  BOOST_TEST(test::read_file(dir / "new/c.json") == files[3].second);
  BOOST_TEST(test::read_file(dir / "blocker") == "x");
  int entries = 0;  // no temporaries left behind
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir / "many")) ++entries;
  BOOST_TEST(entries == 300);
  std::vector<WriteResult> again = write_files_atomically(files, durability);
  BOOST_TEST(outcome(again[4]) == "unchanged");
  BOOST_TEST(write_files_atomically({}).empty());
}

BOOST_AUTO_TEST_CASE(batch_writes_skips_unchanged_and_reports_each_file) {
  check_batch(Durability::sync_then_rename);
}

BOOST_AUTO_TEST_CASE(batch_writes_rename_then_sync) { check_batch(Durability::rename_then_sync); }

// Files that come one at a time (herald build streams its output): rounds
// are written as temporaries as they fill up (by count and by bytes), and
// nothing replaces an old file before commit().
BOOST_AUTO_TEST_CASE(a_streamed_batch_replaces_nothing_before_commit) {
  TempDir dir;
  test::write_file(dir / "out/rss.xml", "old");
  auto temporaries = [&] {
    int n = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir / "out")) {
      n += e.path().filename().string().find(".tmp-") != std::string::npos;
    }
    return n;
  };
  {
    AtomicWriteBatch batch;
    batch.add(dir / "out/rss.xml", "new");
    for (int i = 0; i < 300; ++i) batch.add(dir / ("out/many/" + std::to_string(i)), std::to_string(i));
    batch.add(dir / "out/big.json", std::string(40 << 20, 'b'));  // a round of its own by size
    BOOST_TEST(batch.bytes_added() == 3 + 790 + (40u << 20));
    BOOST_TEST(temporaries() > 256);  // written, not renamed
    BOOST_TEST(test::read_file(dir / "out/rss.xml") == "old");
    BOOST_TEST(!std::filesystem::exists(dir / "out/big.json"));
    batch.abandon();
    BOOST_TEST(temporaries() == 0);
    BOOST_TEST(test::read_file(dir / "out/rss.xml") == "old");
    BOOST_TEST(batch.bytes_added() == 0u);
  }
  {
    AtomicWriteBatch batch(Durability::rename_then_sync);
    batch.add(dir / "out/rss.xml", "new");
    batch.add(dir / "out/atom.xml", "atom");
  }  // destroyed without commit: abandoned
  BOOST_TEST(temporaries() == 0);
  BOOST_TEST(!std::filesystem::exists(dir / "out/atom.xml"));

  AtomicWriteBatch batch;
  batch.add(dir / "out/rss.xml", "new");
  batch.add(dir / "out/same.xml", "");
  std::vector<WriteResult> results = batch.commit();
  BOOST_TEST_REQUIRE(results.size() == 2u);
  BOOST_TEST(outcome(results[0]) == "written");
  BOOST_TEST(outcome(results[1]) == "written");
  BOOST_TEST(test::read_file(dir / "out/rss.xml") == "new");
  BOOST_TEST(temporaries() == 0);
  BOOST_TEST(batch.commit().empty());  // empty after a commit
}

BOOST_AUTO_TEST_CASE(read_refuses_large_and_missing_files) {
  TempDir dir;
  test::write_file(dir / "big.md", std::string(100, 'x'));
  ReadResult big = read_whole_file(dir / "big.md", 99);
  BOOST_TEST(!big.status.ok());
  BOOST_TEST(big.too_large);
  BOOST_TEST(big.status.message == "file is larger than 99 bytes");
  ReadResult fits = read_whole_file(dir / "big.md", 100);
  BOOST_TEST(fits.status.ok());
  BOOST_TEST(fits.bytes.size() == 100u);
  ReadResult missing = read_whole_file(dir / "none.md", 100);
  BOOST_TEST(!missing.status.ok());
  BOOST_TEST(missing.status.message == "No such file or directory");
}

// The service runs with UMask=0077; the feeds and their folders stay public.
BOOST_AUTO_TEST_CASE(feeds_are_public_whatever_the_umask) {
  mode_t old = ::umask(077);
  TempDir dir;
  WriteResult written = write_file_atomically(dir / "public/tags/obras/rss.xml", "<rss/>");
  ::umask(old);
  BOOST_TEST((written.ok() && *written == WriteOutcome::written));
  struct stat st {};
  ::stat((dir / "public/tags/obras/rss.xml").c_str(), &st);
  BOOST_TEST((st.st_mode & 0777) == 0644u);
  for (const char* folder : {"public", "public/tags", "public/tags/obras"}) {
    ::stat((dir / folder).c_str(), &st);
    BOOST_TEST((st.st_mode & 0777) == 0755u, folder);
  }
}

// A FIFO named like a post once blocked the reader (and the loop) forever
// waiting for a writer; devices and sockets are no posts either.
BOOST_AUTO_TEST_CASE(read_refuses_a_fifo_without_blocking) {
  TempDir dir;
  BOOST_REQUIRE(::mkfifo((dir / "post.md").c_str(), 0644) == 0);
  ReadResult fifo = read_whole_file(dir / "post.md", 100);
  BOOST_TEST(!fifo.status.ok());
  BOOST_TEST(fifo.status.message == "not a regular file (a FIFO, socket or device is never read)");
  ReadResult device = read_whole_file("/dev/zero", 100);
  BOOST_TEST(!device.status.ok());
}

// A post file that is a link to /etc/passwd must not be read into a feed.
BOOST_AUTO_TEST_CASE(read_without_following_links_refuses_a_link) {
  TempDir dir;
  test::write_file(dir / "secret.txt", "s3cret");
  std::filesystem::create_symlink(dir / "secret.txt", dir / "post.md");
  ReadResult link = read_whole_file(dir / "post.md", 100, /*follow_links=*/false);
  BOOST_TEST(!link.status.ok());
  BOOST_TEST(link.status.message == "is a symbolic link; only regular files are read here");
  BOOST_TEST(link.bytes.empty());
  BOOST_TEST(read_whole_file(dir / "post.md", 100).bytes == "s3cret");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
