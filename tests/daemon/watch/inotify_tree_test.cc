#include "daemon/watch/inotify_tree.h"

#include <fcntl.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <set>
#include <string>

#include "daemon/base/unique_fd.h"
#include "tests/support/test_support.h"

namespace herald {
namespace {

using test::TempDir;

bool leaf(const std::string& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  BOOST_REQUIRE(fd.get() >= 0);
  return known_leaf_directory(fd.get());
}

// A directory of its own on tmpfs (/dev/shm), where link counts count
// subdirectories; empty when the machine has no tmpfs there.
class TmpfsDir {
 public:
  TmpfsDir() {
    struct statfs fs {};
    if (::statfs("/dev/shm", &fs) != 0 || fs.f_type != TMPFS_MAGIC) return;
    char name[] = "/dev/shm/herald-test-XXXXXX";
    if (::mkdtemp(name) != nullptr) path_ = name;
  }
  ~TmpfsDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

BOOST_AUTO_TEST_SUITE(inotify_tree)

// Where the file system counts subdirectories in the link count, a
// directory of files alone is known to be a leaf, and one with a
// subdirectory (hidden ones too) is not until it is removed.
BOOST_AUTO_TEST_CASE(a_directory_of_files_is_a_known_leaf_where_links_count_subdirectories) {
  TmpfsDir dir;
  if (dir.path().empty()) {
    BOOST_TEST_MESSAGE("no tmpfs at /dev/shm: skipped");
    return;
  }
  test::write_file(dir.path() + "/a.md", "a");
  test::write_file(dir.path() + "/b.md", "b");
  BOOST_TEST(leaf(dir.path()));
  std::filesystem::create_directory(dir.path() + "/.hidden");
  BOOST_TEST(!leaf(dir.path()));
  std::filesystem::remove(dir.path() + "/.hidden");
  BOOST_TEST(leaf(dir.path()));
}

// Never a leaf by mistake: anything but a directory, and a directory with
// a subdirectory on whatever file system the tests run.
BOOST_AUTO_TEST_CASE(a_directory_with_a_subdirectory_or_a_file_is_never_a_known_leaf) {
  TempDir dir;
  test::write_file(dir / "year/post.md", "x");
  BOOST_TEST(!leaf(dir.path()));
  UniqueFd file(::open((dir / "year/post.md").c_str(), O_RDONLY | O_CLOEXEC));
  BOOST_REQUIRE(file.get() >= 0);
  BOOST_TEST(!known_leaf_directory(file.get()));
  BOOST_TEST(!known_leaf_directory(-1));
}

// The walk skips listing the leaves and still watches every directory: a
// file written deep in the tree, or in a directory made in a leaf after
// the walk, is reported.
BOOST_AUTO_TEST_CASE(every_directory_is_watched_with_the_leaves_unlisted) {
  TmpfsDir tmpfs;
  TempDir temp;
  const std::string root = tmpfs.path().empty() ? temp.path() : tmpfs.path();
  for (const char* file : {"_posts/2023/a.md", "_posts/2024/b.md", "_posts/2024/enero/c.md", "notas/d.md"}) {
    test::write_file(root + "/" + file, "x");
  }
  InotifyTree tree(root, 0);
  BOOST_REQUIRE(!tree.open());
  BOOST_REQUIRE(!tree.watch_tree(""));
  // The root, _posts, 2023, 2024, enero, notas.
  BOOST_TEST(tree.size() == 6u);

  test::write_file(root + "/_posts/2024/enero/e.md", "x");
  std::filesystem::create_directory(root + "/_posts/2023/marzo");
  std::set<std::string> seen;
  BOOST_TEST(tree.read_events([&](const TreeEvent& event) { seen.insert(event.path); }).ok());
  BOOST_TEST(seen.count("_posts/2024/enero/e.md") == 1u);
  BOOST_TEST(seen.count("_posts/2023/marzo") == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
