#include "daemon/base/logging.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <cstdlib>
#include <spdlog/spdlog.h>

#include "tests/support/test_support.h"

namespace herald {

using test::TempDir;

namespace {

// What the process logs while `log` runs, with stderr sent to a file;
// `journal`: $JOURNAL_STREAM names that file, as systemd would.
template <typename Fn>
std::string captured_stderr(const TempDir& dir, bool journal, Fn log) {
  std::string path = dir / "stderr.log";
  std::fflush(stderr);
  int saved = ::dup(STDERR_FILENO);
  int file = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  ::dup2(file, STDERR_FILENO);
  ::close(file);
  struct stat st {};
  ::fstat(STDERR_FILENO, &st);
  std::string stream = std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
  if (journal) ::setenv("JOURNAL_STREAM", stream.c_str(), 1);
  setup_logging(LogLevel::info);
  log();
  spdlog::default_logger()->flush();
  std::fflush(stderr);
  ::unsetenv("JOURNAL_STREAM");
  ::dup2(saved, STDERR_FILENO);
  ::close(saved);
  setup_logging(LogLevel::info);
  return test::read_file(path);
}

// A remote server's error body, as a target's failure would quote it.
const std::string kBody = "oops\n2026-01-01 00:00:00.000 info forged line\r\x1b[2J\x1b]0;pwned\a";
const std::string kEscaped =
    "oops\\n2026-01-01 00:00:00.000 info forged line\\r\\x1b[2J\\x1b]0;pwned\\x07";

}  // namespace

BOOST_AUTO_TEST_SUITE(logging)

BOOST_AUTO_TEST_CASE(a_remote_body_stays_one_escaped_line) {
  TempDir dir;
  std::string out = captured_stderr(dir, false, [] {
    spdlog::warn("delivery to 'blog' failed: 500: {}", kBody);
    spdlog::info("next");
  });
  std::size_t first_end = out.find('\n');
  BOOST_REQUIRE(first_end != std::string::npos);
  std::string first = out.substr(0, first_end);
  BOOST_TEST(first.find(" warning delivery to 'blog' failed: 500: " + kEscaped) != std::string::npos);
  BOOST_TEST(first.substr(first.size() - kEscaped.size()) == kEscaped);
  BOOST_TEST(first.find('\x1b') == std::string::npos);
  std::string second = out.substr(first_end + 1);
  BOOST_TEST(second.find(" info next\n") != std::string::npos);
  BOOST_TEST(second.find('\n') == second.size() - 1);  // two lines in all
}

BOOST_AUTO_TEST_CASE(a_remote_body_stays_one_journal_entry) {
  TempDir dir;
  std::string out = captured_stderr(dir, true, [] {
    spdlog::error("delivery to 'blog' failed: 500: {}", kBody);
  });
  BOOST_TEST(out == "<3>delivery to 'blog' failed: 500: " + kEscaped + "\n");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
