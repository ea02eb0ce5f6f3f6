#include "daemon/watch/content_scanner.h"

#include <fnmatch.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <algorithm>
#include <filesystem>

#include "tests/support/test_support.h"

namespace herald {

using test::TempDir;

BOOST_AUTO_TEST_SUITE(content_scanner)

BOOST_AUTO_TEST_CASE(finds_posts_recursively_and_skips_temporaries) {
  TempDir dir;
  for (const char* f : {"_posts/2021/2021-08-10-capacita.md", "000_cd72f1639913488c.txt",
                        "notas/a.markdown", "_posts/2021/.2021-08-10-capacita.md.swp",
                        "_posts/2021/2021-08-10-capacita.md~", "4913", ".#post.md", "#post.md#",
                        ".goutputstream-ABC", ".~tmp~/post.md", ".git/HEAD.md", "image.png",
                        "borradores/x.md"}) {
    test::write_file(dir / f, "x");
  }
  std::filesystem::create_directory_symlink(dir / "_posts", dir / "loop");
  ContentFilter filter{{"*.md", "*.markdown", "*.txt"}, {"borradores/*"}};
  ScanResult r = scan_content(dir.path(), filter);
  BOOST_TEST(r.errors.empty());
  BOOST_TEST(r.files == (std::vector<std::string>{"000_cd72f1639913488c.txt",
                                                  "_posts/2021/2021-08-10-capacita.md",
                                                  "notas/a.markdown"}),
             boost::test_tools::per_element());
}

// A symbolic link to a post file is a post (read through the link); one
// that leads nowhere, or to anything but a file or directory, is not.
BOOST_AUTO_TEST_CASE(links_to_files_are_posts_and_broken_links_are_skipped) {
  TempDir dir;
  test::write_file(dir / "shared/real.md", "x");
  std::filesystem::create_symlink(dir / "shared/real.md", dir / "linked.md");
  std::filesystem::create_symlink(dir / "missing.md", dir / "dangling.md");
  BOOST_REQUIRE(::mkfifo((dir / "pipe.md").c_str(), 0600) == 0);
  ScanResult r = scan_content(dir.path(), ContentFilter{{"*.md"}, {}});
  BOOST_TEST(r.errors.empty());
  BOOST_TEST(r.files == (std::vector<std::string>{"linked.md", "shared/real.md"}), boost::test_tools::per_element());
}

// A tree of several directories is walked on two threads; the result is
// the same sorted list whatever the threads did.
BOOST_AUTO_TEST_CASE(a_wide_tree_gives_every_post_once_sorted) {
  TempDir dir;
  std::vector<std::string> expected;
  for (int year = 2015; year <= 2026; ++year) {
    for (const char* name : {"b.md", "a.md", "sub/c.md"}) {
      std::string relative = "_posts/" + std::to_string(year) + "/" + name;
      test::write_file(dir / relative, "x");
      expected.push_back(relative);
    }
  }
  test::write_file(dir / "top.md", "x");
  expected.push_back("top.md");
  std::sort(expected.begin(), expected.end());
  ScanResult r = scan_content(dir.path(), ContentFilter{{"*.md"}, {}});
  BOOST_TEST(r.errors.empty());
  BOOST_TEST(r.files == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(filter_accepts_by_name) {
  ContentFilter filter{{"*.md"}, {"*.draft.md"}};
  BOOST_TEST(filter.accepts("a/b/c.md"));
  BOOST_TEST(!filter.accepts("a/b/c.draft.md"));
  BOOST_TEST(!filter.accepts("a/.b/c.md"));
  BOOST_TEST(!filter.accepts("c.md~"));
  BOOST_TEST(!filter.accepts("c.txt"));
}

BOOST_AUTO_TEST_CASE(missing_directory_is_reported) {
  TempDir dir;
  ScanResult r = scan_content(dir / "nope", ContentFilter{{"*.md"}, {}});
  BOOST_REQUIRE(r.errors.size() == 1u);
  BOOST_TEST(r.errors[0].to_string() ==
             dir / "nope" +
                 ": error: cannot read the content directory: No such file or directory; check "
                 "content.dir and its permissions");
}

BOOST_AUTO_TEST_CASE(unreadable_subdirectory_is_reported_and_the_rest_scanned) {
  if (::geteuid() == 0) return;  // root reads everything; covered by the e2e test as non-root
  TempDir dir;
  test::write_file(dir / "ok/a.md", "x");
  test::write_file(dir / "locked/b.md", "x");
  ::chmod((dir / "locked").c_str(), 0);
  ScanResult r = scan_content(dir.path(), ContentFilter{{"*.md"}, {}});
  ::chmod((dir / "locked").c_str(), 0755);
  BOOST_TEST(r.files == (std::vector<std::string>{"ok/a.md"}));
  BOOST_TEST(r.errors.size() == 1u);
}

// The filter answers every glob as fnmatch() does, the shapes it answers
// without fnmatch (literals, a star before a literal) included: include
// globs on the name, exclude globs on the name and on the path.
BOOST_AUTO_TEST_CASE(globs_match_as_fnmatch_does) {
  const std::vector<std::string> globs{"*.md", "*~", "4913", "post.md", "*.[mM][dD]", "a*b", "*", "*\\*",
                                       "md", "*.md*", "?.md", "notas/*.md", "*/a.md", "*a.md"};
  const std::vector<std::string> paths{"x.md", "a.md~", "4913", "post.md", "X.MD", "ab", "acb", "*", "x*",
                                       "md", "a.md.bak", "b.md", "notas/a.md", "notas/sub/a.md", "a.mdx"};
  auto name_of = [](const std::string& path) { return path.substr(path.rfind('/') + 1); };
  auto matches = [](const std::string& glob, const std::string& text, int flags) {
    return ::fnmatch(glob.c_str(), text.c_str(), flags) == 0;
  };
  auto temporary = [&](const std::string& name) {
    return std::any_of(builtin_temp_patterns().begin(), builtin_temp_patterns().end(),
                       [&](const std::string& glob) { return matches(glob, name, 0); });
  };
  for (const std::string& glob : globs) {
    for (const std::string& path : paths) {
      BOOST_TEST_INFO(glob << " on " << path);
      const std::string name = name_of(path);
      const ContentFilter including{{glob}, {}};
      BOOST_TEST(including.accepts(path) == (matches(glob, name, 0) && !temporary(name)));
      const ContentFilter excluding{{"*"}, {glob}};
      const bool excluded = matches(glob, name, 0) || matches(glob, path, FNM_PATHNAME);
      BOOST_TEST(excluding.accepts(path) == (!excluded && !temporary(name)));
    }
  }
}

// Subtrees walked on two threads come back as one sorted list, files of a
// parent between its subdirectories' ("2015-notas.md" before "2015/").
BOOST_AUTO_TEST_CASE(files_from_both_threads_come_back_sorted) {
  TempDir dir;
  std::vector<std::string> expected;
  for (int year = 2015; year < 2025; ++year) {
    for (const char* name : {"b.md", "a.md", "c/d.md"}) {
      expected.push_back("_posts/" + std::to_string(year) + "/" + name);
    }
    expected.push_back("_posts/" + std::to_string(year) + "-notas.md");
    expected.push_back(std::to_string(year) + ".md");
  }
  for (const std::string& file : expected) test::write_file(dir / file, "x");
  std::sort(expected.begin(), expected.end());
  ScanResult r = scan_content(dir.path(), ContentFilter{{"*.md"}, {}});
  BOOST_TEST(r.errors.empty());
  BOOST_TEST(r.files == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
