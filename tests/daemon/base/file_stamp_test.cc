#include "daemon/base/file_stamp.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <thread>

#include "tests/support/test_support.h"

namespace herald {

using test::TempDir;

namespace {

FileStamp stamp_of(const std::string& path) {
  Result<FileStamp> s = stamp_file(path);
  BOOST_REQUIRE_MESSAGE(s.ok(), s.error());
  return *s;
}

// Sets mtime (and atime) back to `old`'s, as `touch -d` / `rsync -t` do.
void restore_mtime(const std::string& path, const FileStamp& old) {
  struct timespec times[2] = {{old.mtime_ns / 1'000'000'000, old.mtime_ns % 1'000'000'000},
                              {old.mtime_ns / 1'000'000'000, old.mtime_ns % 1'000'000'000}};
  BOOST_REQUIRE(::utimensat(AT_FDCWD, path.c_str(), times, 0) == 0);
}

void wait_a_tick() { std::this_thread::sleep_for(std::chrono::milliseconds(20)); }

}  // namespace

BOOST_AUTO_TEST_SUITE(file_stamp)

BOOST_AUTO_TEST_CASE(stamp_reports_missing_files) {
  TempDir dir;
  Result<FileStamp> s = stamp_file(dir / "nope.md");
  BOOST_TEST(!s.ok());
  BOOST_TEST(s.error() == "No such file or directory");
}

BOOST_AUTO_TEST_CASE(stamp_is_stable_while_nothing_happens) {
  TempDir dir;
  test::write_file(dir / "a.md", "hello");
  FileStamp a = stamp_of(dir / "a.md");
  BOOST_TEST(a.size == 5);
  BOOST_TEST((a == stamp_of(dir / "a.md")));
}

BOOST_AUTO_TEST_CASE(stamp_changes_on_write_touch_and_rename_over) {
  TempDir dir;
  const std::string path = dir / "a.md";
  test::write_file(path, "hello");
  FileStamp before = stamp_of(path);
  wait_a_tick();
  test::write_file(path, "HELLO");  // same size
  FileStamp written = stamp_of(path);
  BOOST_TEST(written.size == before.size);
  BOOST_TEST(written.mtime_ns != before.mtime_ns);

  // Same size and mtime restored: only ctime tells.
  restore_mtime(path, before);
  FileStamp restored = stamp_of(path);
  BOOST_TEST(restored.mtime_ns == before.mtime_ns);
  BOOST_TEST(restored.ctime_ns != before.ctime_ns);
  BOOST_TEST(!(restored == before));

  wait_a_tick();
  test::write_file(dir / "b.md", "hello");
  BOOST_REQUIRE(std::rename((dir / "b.md").c_str(), path.c_str()) == 0);  // sed -i, editors
  FileStamp renamed = stamp_of(path);
  BOOST_TEST(renamed.ino != restored.ino);
}

BOOST_AUTO_TEST_CASE(judge_reuses_only_identical_settled_stamps) {
  FileStamp stored{1, 2, 100, 5'000'000'000, 6'000'000'000};
  const std::int64_t later = 60'000'000'000;
  BOOST_TEST((judge_stamp(stored, later, stored) == StampVerdict::reuse));
  for (auto change : {&FileStamp::mtime_ns, &FileStamp::ctime_ns, &FileStamp::size}) {
    FileStamp current = stored;
    current.*change += 1;
    BOOST_TEST((judge_stamp(stored, later, current) == StampVerdict::reuse_if_hash_matches));
  }
  FileStamp other_file = stored;
  other_file.ino = 3;
  BOOST_TEST((judge_stamp(stored, later, other_file) == StampVerdict::reuse_if_hash_matches));
  other_file = stored;
  other_file.dev = 9;
  BOOST_TEST((judge_stamp(stored, later, other_file) == StampVerdict::reuse_if_hash_matches));
  // Stamped within the racy window of the last change: the hash decides.
  BOOST_TEST((judge_stamp(stored, 7'000'000'000, stored) == StampVerdict::reuse_if_hash_matches));
  BOOST_TEST((judge_stamp(stored, 7'000'000'000, stored, 500'000'000) == StampVerdict::reuse));
}

BOOST_AUTO_TEST_CASE(content_hash_is_hex_sha256) {
  BOOST_TEST(content_hash("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  BOOST_TEST(content_hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

// The 32 bytes kept per post file: the same hash as the text, both ways; a
// text that is not a lower-case SHA-256 in hex keeps as none, equal to no hash.
BOOST_AUTO_TEST_CASE(packed_hash_is_the_content_hash_in_32_bytes) {
  const std::string hex = content_hash("abc");
  BOOST_TEST(PackedHash::of("abc").present());
  BOOST_TEST(PackedHash::of("abc").hex() == hex);
  BOOST_TEST((PackedHash(hex) == PackedHash::of("abc")));
  BOOST_TEST(!(PackedHash(hex) == PackedHash::of("abd")));
  for (const std::string& bad : {std::string(), hex.substr(1), hex + "0", std::string(64, 'z'),
                                 std::string("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD")}) {
    BOOST_TEST_CONTEXT(bad) {
      BOOST_TEST(!PackedHash(bad).present());
      BOOST_TEST(PackedHash(bad).hex().empty());
      BOOST_TEST(!(PackedHash(bad) == PackedHash::of("abc")));
    }
  }
}

BOOST_AUTO_TEST_CASE(stamp_at_a_directory_is_the_stamp_of_the_path) {
  TempDir dir;
  test::write_file(dir / "2021/a.md", "post");
  BOOST_REQUIRE(::symlink("a.md", (dir / "2021/link.md").c_str()) == 0);
  int fd = ::open((dir / "2021").c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  BOOST_REQUIRE(fd >= 0);
  Result<FileStamp> at = stamp_file_at(fd, "a.md");
  BOOST_REQUIRE(at.ok());
  BOOST_TEST((*at == stamp_of(dir / "2021/a.md")));
  Result<FileStamp> link = stamp_file_at(fd, "link.md");  // followed, as stat() does
  BOOST_REQUIRE(link.ok());
  BOOST_TEST((*link == stamp_of(dir / "2021/a.md")));
  Result<FileStamp> missing = stamp_file_at(fd, "nope.md");
  BOOST_TEST(!missing.ok());
  BOOST_TEST(missing.error() == "No such file or directory");
  ::close(fd);
}

BOOST_AUTO_TEST_CASE(a_hasher_fed_in_pieces_hashes_as_content_hash_of_the_whole) {
  std::string whole;
  ContentHasher pieces;
  for (int i = 0; i < 1000; ++i) {
    std::string piece = "_posts/2021/" + std::to_string(i) + ".md 1 2 3\n";
    whole += piece;
    pieces.add(piece);
  }
  pieces.add("");
  BOOST_TEST(pieces.finish() == content_hash(whole));
  ContentHasher none;
  BOOST_TEST(none.finish() == content_hash(""));
}

// None is the all-zero digest, so a PackedHash takes 32 bytes; a text cut
// short in its digits keeps none of them.
BOOST_AUTO_TEST_CASE(packed_hash_none_is_32_zero_bytes) {
  static_assert(sizeof(PackedHash) == 32);
  BOOST_TEST(!PackedHash().present());
  BOOST_TEST(!PackedHash(std::string(64, '0')).present());
  BOOST_TEST((PackedHash(content_hash("abc").substr(0, 62) + "zz") == PackedHash()));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
