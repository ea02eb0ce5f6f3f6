// `herald version` and `--version` name the git commit the binary was built
// from (daemon/build_commit.cmake), and "unknown" for a source tree that is
// not a git checkout.
#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "tests/support/test_support.h"

namespace herald {

using test::CommandResult;
using test::TempDir;

namespace {

// The commit daemon/build_commit.cmake writes for `source` into a scratch .cc.
std::string generated_commit(const std::string& source) {
  TempDir out;
  CommandResult r = test::run_command(
      {"cmake", "-DSOURCE_DIR=" + source, "-DOUTPUT=" + (out / "build_commit.cc"), "-DGIT=git",
       "-P", test::source_dir() + "/daemon/build_commit.cmake"});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  std::string text = test::read_file(out / "build_commit.cc");
  std::size_t start = text.find("return \"");
  BOOST_REQUIRE(start != std::string::npos);
  start += 8;
  return text.substr(start, text.find('"', start) - start);
}

// `git rev-parse --short HEAD` of the source tree; "unknown" when it is not
// the top of a git checkout (what build_commit.cmake says then).
std::string short_head() {
  CommandResult top = test::run_command({"git", "-C", test::source_dir(), "rev-parse",
                                         "--show-toplevel"});
  if (top.exit_code != 0 || std::filesystem::path(top.out.substr(0, top.out.find('\n'))) !=
                                std::filesystem::canonical(test::source_dir())) {
    return "unknown";
  }
  CommandResult r = test::run_command({"git", "-C", test::source_dir(), "rev-parse", "--short",
                                       "HEAD"});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  return r.out.substr(0, r.out.find('\n'));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(version)

BOOST_AUTO_TEST_CASE(names_the_commit_it_was_built_from) {
  std::string commit = short_head();
  for (const char* flag : {"version", "--version"}) {
    CommandResult r = test::run_command({test::herald_binary(), flag});
    BOOST_TEST(r.exit_code == 0, flag);
    std::string prefix = std::string("herald ") + HERALD_VERSION + " (commit " + commit;
    BOOST_TEST((r.out == prefix + ")\n" || (commit != "unknown" && r.out == prefix + "-dirty)\n")),
               flag << ": " << r.out);
  }
}

BOOST_AUTO_TEST_CASE(a_source_tree_outside_git_says_unknown) {
  TempDir dir;
  std::filesystem::create_directories(dir / "herald-0.1.0");
  BOOST_TEST(generated_commit(dir / "herald-0.1.0") == "unknown");
  // A tarball unpacked inside someone else's checkout is not that checkout.
  CommandResult r = test::run_command({"git", "init", "-q", dir.path()});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  BOOST_TEST(generated_commit(dir / "herald-0.1.0") == "unknown");
}

BOOST_AUTO_TEST_CASE(the_source_tree_says_its_commit) {
  std::string commit = generated_commit(test::source_dir());
  std::string head = short_head();
  BOOST_TEST((commit == head || (head != "unknown" && commit == head + "-dirty")), commit);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
