// The real file system's SiteFiles: stamping a whole list of post files
// gives what stamping each one gives.
#include "daemon/site/site_files.h"

#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include "daemon/site/site_build.h"
#include "tests/daemon/site/fake_site_files.h"
#include "tests/support/test_support.h"

namespace herald {
namespace {

using test::TempDir;

// What stamping each file alone gives.
std::vector<std::optional<FileStamp>> one_by_one(SiteFiles& files, const std::string& dir,
                                                 const std::vector<std::string>& names) {
  std::vector<std::optional<FileStamp>> out;
  for (const std::string& name : names) {
    Result<FileStamp> stamp = files.stamp(dir + "/" + name);
    out.push_back(stamp.ok() ? std::optional<FileStamp>(*stamp) : std::nullopt);
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(site_files)

BOOST_AUTO_TEST_CASE(the_disk_stamps_a_list_as_it_stamps_each_file) {
  TempDir dir;
  std::vector<std::string> names{"top.md"};
  // More files in one directory than a task stats, so that slices start
  // in the middle of a directory, and the next directory in the middle of
  // a slice.
  for (int i = 0; i < 2100; ++i) names.push_back("_posts/2020/" + std::to_string(10000 + i) + ".md");
  for (int i = 0; i < 10; ++i) names.push_back("_posts/2021/" + std::to_string(10000 + i) + ".md");
  for (const std::string& name : names) test::write_file(dir / name, "post " + name);
  BOOST_REQUIRE(::symlink("10000.md", (dir / "_posts/2021/link.md").c_str()) == 0);
  names.push_back("_posts/2021/link.md");          // followed
  names.push_back("_posts/2021/zz-missing.md");    // none
  names.push_back("_posts/2022/missing-dir.md");   // none: no such directory
  names.push_back("zz/top-missing.md");
  std::sort(names.begin(), names.end());

  SiteFiles& disk = disk_site_files();
  std::vector<std::optional<FileStamp>> stamps = disk.stamp_files(dir.path(), names, thread_runner(4));
  std::vector<std::optional<FileStamp>> expected = one_by_one(disk, dir.path(), names);
  BOOST_REQUIRE(stamps.size() == names.size());
  std::size_t missing = 0;
  for (std::size_t i = 0; i < names.size(); ++i) {
    BOOST_TEST_INFO(names[i]);
    BOOST_TEST(stamps[i].has_value() == expected[i].has_value());
    if (stamps[i] && expected[i]) BOOST_TEST((*stamps[i] == *expected[i]));
    if (!stamps[i]) ++missing;
  }
  BOOST_TEST(missing == 3u);
}

// The fake stamps a list as its stamp() stamps each file.
BOOST_AUTO_TEST_CASE(the_fake_stamps_a_list_as_it_stamps_each_file) {
  test::FakeSiteFiles fake;
  fake.put("/c/a.md", "a");
  fake.put("/c/b/c.md", "c");
  std::vector<std::string> names{"a.md", "b/c.md", "b/d.md"};
  std::vector<std::optional<FileStamp>> stamps = fake.stamp_files("/c", names, run_serially);
  BOOST_TEST(fake.stamp_lists() == 1u);
  BOOST_TEST(fake.take_single_stamps().empty());
  BOOST_REQUIRE(stamps.size() == 3u);
  BOOST_TEST((stamps[0] && *stamps[0] == *fake.stamp("/c/a.md")));
  BOOST_TEST((stamps[1] && *stamps[1] == *fake.stamp("/c/b/c.md")));
  BOOST_TEST(!stamps[2].has_value());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
