// Real inotify on temporary directories; the test runs the io_context until
// the expected batches arrive or a deadline of a few seconds passes.
#include "daemon/watch/content_watcher.h"

#include <fcntl.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/test/unit_test.hpp>

#include <functional>
#include <filesystem>
#include <fstream>
#include <set>
#include <spdlog/spdlog.h>
#include <sstream>

#include "tests/support/log_capture.h"
#include "tests/support/test_support.h"

namespace herald {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using test::LogCapture;
using test::TempDir;
using Paths = std::vector<std::string>;

ContentFilter posts() { return ContentFilter{{"*.md", "*.markdown", "*.txt"}, {"*.draft.md"}}; }

// A watcher on `root` whose batches are collected in `batches`.
struct Harness {
  explicit Harness(const std::string& root, WatchOptions options = {}, ContentFilter filter = posts())
      : watcher(io, root, std::move(filter), options,
                [this](ChangeBatch batch) { batches.push_back(std::move(batch)); }) {}

  // Runs the loop until `count` batches arrived in all, for at most `limit`.
  bool wait_for(std::size_t count, std::chrono::milliseconds limit = 3000ms) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (batches.size() < count && std::chrono::steady_clock::now() < deadline) {
      if (io.stopped()) io.restart();
      io.run_one_until(deadline);
    }
    return batches.size() >= count;
  }
  // Runs the loop until a batch satisfying `pred` arrived, for at most `limit`.
  bool wait_until_batch(const std::function<bool(const ChangeBatch&)>& pred,
                        std::chrono::milliseconds limit = 3000ms) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    auto found = [&] {
      for (const ChangeBatch& b : batches) if (pred(b)) return true;
      return false;
    };
    while (!found() && std::chrono::steady_clock::now() < deadline) {
      if (io.stopped()) io.restart();
      io.run_one_until(deadline);
    }
    return found();
  }
  // Runs the loop for `duration`, to see that nothing more arrives.
  void settle(std::chrono::milliseconds duration = 100ms) {
    if (io.stopped()) io.restart();
    io.run_for(duration);
  }
  std::set<std::string> reported() const {
    std::set<std::string> all;
    for (const ChangeBatch& b : batches) all.insert(b.paths.begin(), b.paths.end());
    return all;
  }
  bool any_full_rescan() const {
    for (const ChangeBatch& b : batches) if (b.full_rescan) return true;
    return false;
  }

  boost::asio::io_context io;
  std::vector<ChangeBatch> batches;
  ContentWatcher watcher;
};

void write_raw(int fd, const std::string& bytes) {
  BOOST_REQUIRE(::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()));
}

void expect_one_batch(Harness& h, const Paths& paths) {
  BOOST_REQUIRE(h.wait_for(1));
  h.settle();
  BOOST_REQUIRE(h.batches.size() == 1u);
  BOOST_TEST(h.batches[0].paths == paths, boost::test_tools::per_element());
  BOOST_TEST(!h.batches[0].full_rescan);
  BOOST_TEST(h.batches[0].reason == "watch");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(content_watcher)

BOOST_AUTO_TEST_CASE(plain_write_is_delivered_after_the_quiet_period) {
  TempDir dir;
  Harness h(dir.path());
  BOOST_REQUIRE(h.watcher.start().ok());
  BOOST_TEST(h.batches.empty());
  auto written = std::chrono::steady_clock::now();
  test::write_file(dir / "post.md", "hola");
  BOOST_REQUIRE(h.wait_for(1));
  auto latency = std::chrono::steady_clock::now() - written;
  BOOST_TEST((latency >= WatchOptions{}.quiet));
  BOOST_TEST((latency < 500ms));  // generous: the machine may be loaded
  h.settle();
  BOOST_REQUIRE(h.batches.size() == 1u);
  BOOST_TEST(h.batches[0].paths == (Paths{"post.md"}), boost::test_tools::per_element());
  BOOST_TEST(h.batches[0].reason == "watch");
  WatchStats stats = h.watcher.stats();
  BOOST_TEST(stats.batches == 1u);
  BOOST_TEST(stats.events >= 2u);
  BOOST_TEST(stats.watched_directories == 1u);
  BOOST_TEST(!stats.polling);
}

BOOST_AUTO_TEST_CASE(shell_truncate_and_write_is_held_until_close) {
  TempDir dir;
  test::write_file(dir / "post.md", "old");
  Harness h(dir.path());
  BOOST_REQUIRE(h.watcher.start().ok());
  int fd = ::open((dir / "post.md").c_str(), O_WRONLY | O_TRUNC);
  BOOST_REQUIRE(fd >= 0);
  write_raw(fd, "---\ntitle: a\n");
  h.settle(150ms);
  BOOST_TEST(h.batches.empty());
  write_raw(fd, "---\nbody\n");
  ::close(fd);
  expect_one_batch(h, {"post.md"});
}

BOOST_AUTO_TEST_CASE(writer_that_never_closes_is_released_after_the_grace) {
  TempDir dir;
  WatchOptions options;
  options.open_write_grace = 100ms;
  Harness h(dir.path(), options);
  BOOST_REQUIRE(h.watcher.start().ok());
  int fd = ::open((dir / "post.md").c_str(), O_WRONLY | O_CREAT, 0644);
  BOOST_REQUIRE(fd >= 0);
  write_raw(fd, "x");
  auto written = std::chrono::steady_clock::now();
  BOOST_REQUIRE(h.wait_for(1));
  BOOST_TEST((std::chrono::steady_clock::now() - written >= 100ms));
  BOOST_TEST(h.batches[0].paths == (Paths{"post.md"}), boost::test_tools::per_element());
  ::close(fd);
}

BOOST_AUTO_TEST_CASE(sed_in_place_reports_the_real_name_once) {
  TempDir dir;
  test::write_file(dir / "post.md", "a\n");
  Harness h(dir.path());
  BOOST_REQUIRE(h.watcher.start().ok());
  BOOST_REQUIRE(test::run_command({"sed", "-i", "s/a/b/", dir / "post.md"}).exit_code == 0);
  expect_one_batch(h, {"post.md"});
}

BOOST_AUTO_TEST_CASE(vim_save_dance_reports_only_the_post) {
  TempDir dir;
  test::write_file(dir / "post.md", "a\n");
  Harness h(dir.path());
  BOOST_REQUIRE(h.watcher.start().ok());
  // What vim does with writebackup and backupcopy=no (shared/docs/daemon.md).
  test::write_file(dir / ".post.md.swp", "swap");
  test::write_file(dir / "4913", "");
  fs::remove(dir / "4913");
  fs::rename(dir / "post.md", dir / "post.md~");
  test::write_file(dir / "post.md", "b\n");
  fs::remove(dir / "post.md~");
  fs::remove(dir / ".post.md.swp");
  expect_one_batch(h, {"post.md"});
}

BOOST_AUTO_TEST_CASE(real_vim_save_reports_only_the_post) {
  if (test::run_command({"sh", "-c", "command -v vim"}).exit_code != 0) return;
  TempDir dir;
  test::write_file(dir / "post.md", "a line\n");
  Harness h(dir.path());
  BOOST_REQUIRE(h.watcher.start().ok());
  test::CommandResult vim = test::run_command(
      {"vim", "-u", "NONE", "-i", "NONE", "-N", "-es", "-c", "s/a/b/", "-c", "wq", "post.md"}, dir.path());
  BOOST_REQUIRE(vim.exit_code == 0);
  expect_one_batch(h, {"post.md"});
}

BOOST_AUTO_TEST_CASE(emacs_lock_and_backup_report_only_the_post) {
  TempDir dir;
  test::write_file(dir / "post.md", "a\n");
  Harness h(dir.path());
  BOOST_REQUIRE(h.watcher.start().ok());
  fs::create_symlink("root@host.1234:1700000000", dir / ".#post.md");
  test::write_file(dir / "#post.md#", "autosave");
  fs::rename(dir / "post.md", dir / "post.md~");
  test::write_file(dir / "post.md", "b\n");
  fs::remove(dir / "#post.md#");
  fs::remove(dir / ".#post.md");
  expect_one_batch(h, {"post.md"});
}

BOOST_AUTO_TEST_CASE(rsync_delay_updates_reports_the_final_name) {
  TempDir dir;
  test::write_file(dir / "sub/post.md", "a\n");
  Harness h(dir.path());
  BOOST_REQUIRE(h.watcher.start().ok());
  test::write_file(dir / "sub/.~tmp~/post.md", "b\n");
  test::write_file(dir / "sub/.~tmp~/new.md", "c\n");
  fs::rename(dir / "sub/.~tmp~/post.md", dir / "sub/post.md");
  fs::rename(dir / "sub/.~tmp~/new.md", dir / "sub/new.md");
  fs::remove(dir / "sub/.~tmp~");
  expect_one_batch(h, {"sub/new.md", "sub/post.md"});
}

BOOST_AUTO_TEST_CASE(temp_and_excluded_names_never_make_a_batch) {
  TempDir dir;
  Harness h(dir.path());
  BOOST_REQUIRE(h.watcher.start().ok());
  for (const char* name : {".post.md.swp", ".post.md.swx", "4913", "post.md~", "#post.md#",
                           ".goutputstream-AB12", "post.md.tmp", "a.draft.md", "image.png",
                           ".git/HEAD.md"}) {
    test::write_file(dir / name, "x");
  }
  fs::rename(dir / "post.md~", dir / "other.md~");
  fs::remove(dir / "4913");
  h.settle(150ms);
  BOOST_TEST(h.batches.empty());
}

BOOST_AUTO_TEST_CASE(mkdir_p_and_write_reports_the_nested_file) {
  TempDir dir;
  Harness h(dir.path());
  BOOST_REQUIRE(h.watcher.start().ok());
  BOOST_REQUIRE(test::run_command({"sh", "-c", "mkdir -p a/b/c && echo hola > a/b/c/post.md"},
                                  dir.path())
                    .exit_code == 0);
  BOOST_REQUIRE(h.wait_for(1));
  h.settle();
  BOOST_TEST(h.reported() == (std::set<std::string>{"a/b/c/post.md"}));
  BOOST_TEST(!h.any_full_rescan());
  BOOST_TEST(h.watcher.stats().watched_directories == 4u);
  test::write_file(dir / "a/b/c/second.md", "x");  // the new directories are watched
  BOOST_REQUIRE(h.wait_for(h.batches.size() + 1));
  BOOST_TEST(h.batches.back().paths == (Paths{"a/b/c/second.md"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(checkout_burst_of_500_files_in_20_new_directories_loses_none) {
  TempDir dir;
  Harness h(dir.path());
  BOOST_REQUIRE(h.watcher.start().ok());
  std::set<std::string> expected;
  for (int d = 0; d < 20; ++d) {
    for (int f = 0; f < 25; ++f) {
      std::string path = "dir" + std::to_string(d) + "/post" + std::to_string(f) + ".md";
      test::write_file(dir / path, "x");
      expected.insert(path);
    }
  }
  auto deadline = std::chrono::steady_clock::now() + 5s;
  while (h.reported() != expected && !h.any_full_rescan() &&
         std::chrono::steady_clock::now() < deadline) {
    h.wait_for(h.batches.size() + 1, 500ms);
  }
  BOOST_TEST((h.reported() == expected || h.any_full_rescan()));
  BOOST_TEST(h.watcher.stats().watched_directories == 21u);
}

BOOST_AUTO_TEST_CASE(delete_is_reported) {
  TempDir dir;
  test::write_file(dir / "post.md", "x");
  Harness h(dir.path());
  BOOST_REQUIRE(h.watcher.start().ok());
  fs::remove(dir / "post.md");
  expect_one_batch(h, {"post.md"});
}

BOOST_AUTO_TEST_CASE(rename_reports_both_names) {
  TempDir dir;
  test::write_file(dir / "a.md", "x");
  Harness h(dir.path());
  BOOST_REQUIRE(h.watcher.start().ok());
  fs::rename(dir / "a.md", dir / "b.md");
  expect_one_batch(h, {"a.md", "b.md"});
}

BOOST_AUTO_TEST_CASE(directory_moved_in_reports_its_files_and_is_watched) {
  TempDir dir, outside;
  test::write_file(outside / "x/q.md", "x");
  test::write_file(outside / "x/y/p.md", "x");
  test::write_file(outside / "x/y/.p.md.swp", "x");
  Harness h(dir.path());
  BOOST_REQUIRE(h.watcher.start().ok());
  fs::rename(outside / "x", dir / "x");
  expect_one_batch(h, {"x/q.md", "x/y/p.md"});
  test::write_file(dir / "x/y/new.md", "x");
  BOOST_REQUIRE(h.wait_for(2));
  BOOST_TEST(h.batches[1].paths == (Paths{"x/y/new.md"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(directory_deleted_asks_for_a_full_rescan) {
  TempDir dir;
  test::write_file(dir / "d/e/p.md", "x");
  Harness h(dir.path());
  BOOST_REQUIRE(h.watcher.start().ok());
  BOOST_TEST(h.watcher.stats().watched_directories == 3u);
  fs::remove_all(dir / "d");
  BOOST_REQUIRE(h.wait_for(1));
  h.settle();
  BOOST_REQUIRE(h.batches.size() == 1u);
  BOOST_TEST(h.batches[0].full_rescan);
  BOOST_TEST(h.batches[0].reason == "directory-removed");
  BOOST_TEST(h.watcher.stats().watched_directories == 1u);
}

BOOST_AUTO_TEST_CASE(directory_renamed_inside_the_tree_follows_the_new_name) {
  TempDir dir;
  test::write_file(dir / "a/p.md", "x");
  Harness h(dir.path());
  BOOST_REQUIRE(h.watcher.start().ok());
  fs::rename(dir / "a", dir / "b");
  BOOST_REQUIRE(h.wait_for(1));
  h.settle();
  BOOST_REQUIRE(h.batches.size() == 1u);
  BOOST_TEST(h.batches[0].full_rescan);
  BOOST_TEST(h.batches[0].reason == "directory-removed");
  BOOST_TEST(h.batches[0].paths == (Paths{"b/p.md"}), boost::test_tools::per_element());
  test::write_file(dir / "b/new.md", "x");
  BOOST_REQUIRE(h.wait_for(2));
  BOOST_TEST(h.batches[1].paths == (Paths{"b/new.md"}), boost::test_tools::per_element());
  BOOST_TEST(h.watcher.stats().watched_directories == 2u);
}

BOOST_AUTO_TEST_CASE(queue_overflow_asks_for_a_full_rescan) {
  // A real overflow: the loop does not run while two files are closed after
  // writing, in turn, more often than the kernel queues events for (events
  // alternate, so the kernel cannot merge them).
  long max_queued = 0;
  std::ifstream("/proc/sys/fs/inotify/max_queued_events") >> max_queued;
  if (max_queued <= 0 || max_queued > 100000) return;  // too slow to overflow here
  TempDir dir;
  test::write_file(dir / "a.md", "x");
  test::write_file(dir / "b.md", "x");
  LogCapture log;
  Harness h(dir.path());
  BOOST_REQUIRE(h.watcher.start().ok());
  for (long i = 0; i < max_queued + 100; ++i) {
    int fd = ::open((dir / (i % 2 ? "a.md" : "b.md")).c_str(), O_WRONLY);
    BOOST_REQUIRE(fd >= 0);
    ::close(fd);
  }
  fs::create_directory(dir / "late");  // its IN_CREATE is lost: the rescan re-watches
  BOOST_REQUIRE(h.wait_for(1));
  BOOST_TEST(h.batches[0].full_rescan);
  BOOST_TEST(h.batches[0].reason == "overflow");
  BOOST_TEST(h.watcher.stats().overflows == 1u);
  BOOST_TEST(log.out.str() ==
             "info: inotify queue overflow under " + dir.path() + "; rescanning everything\n");
  BOOST_TEST(h.watcher.stats().watched_directories == 2u);
  test::write_file(dir / "late/post.md", "x");
  BOOST_REQUIRE(h.wait_for(2));
  BOOST_TEST(h.batches.back().paths == (Paths{"late/post.md"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(periodic_rescan_is_delivered) {
  TempDir dir;
  WatchOptions options;
  options.rescan_interval = 1s;  // the smallest interval
  Harness h(dir.path(), options);
  BOOST_REQUIRE(h.watcher.start().ok());
  BOOST_REQUIRE(h.wait_for(1, 2000ms));
  BOOST_TEST(h.batches[0].full_rescan);
  BOOST_TEST(h.batches[0].reason == "periodic");
  BOOST_TEST(h.batches[0].paths.empty());
  BOOST_TEST(!h.watcher.stats().polling);
}

BOOST_AUTO_TEST_CASE(poll_mode_rescans_every_interval) {
  TempDir dir;
  WatchOptions options;
  options.mode = WatchMode::kPoll;
  options.poll_interval = 30ms;
  Harness h(dir.path(), options);
  BOOST_REQUIRE(h.watcher.start().ok());
  BOOST_REQUIRE(h.wait_for(2));
  for (const ChangeBatch& b : h.batches) {
    BOOST_TEST(b.full_rescan);
    BOOST_TEST(b.reason == "poll");
    BOOST_TEST(b.paths.empty());
  }
  BOOST_TEST(h.watcher.stats().polling);
  BOOST_TEST(h.watcher.stats().watched_directories == 0u);
}

BOOST_AUTO_TEST_CASE(out_of_watches_degrades_to_polling_with_one_warning) {
  TempDir dir;
  fs::create_directory(dir / "a");
  WatchOptions options;
  options.max_watches = 1;
  options.poll_interval = 30ms;
  LogCapture log;
  Harness h(dir.path(), options);
  BOOST_REQUIRE(h.watcher.start().ok());
  BOOST_TEST(log.out.str() == "warning: cannot watch " + dir / "a" +
                                  ": the limit of 1 watched directories is reached; polling " +
                                  dir.path() + " every 30 ms instead of watching it\n");
  BOOST_TEST(h.watcher.stats().polling);
  BOOST_REQUIRE(h.wait_for(2));
  BOOST_TEST(h.batches[1].full_rescan);
  BOOST_TEST(h.batches[1].reason == "poll");
}

BOOST_AUTO_TEST_CASE(out_of_watches_fails_start_in_inotify_mode) {
  TempDir dir;
  fs::create_directory(dir / "a");
  WatchOptions options;
  options.mode = WatchMode::kInotify;
  options.max_watches = 1;
  Harness h(dir.path(), options);
  Status started = h.watcher.start();
  BOOST_REQUIRE(!started.ok());
  BOOST_TEST(started.message == "cannot watch " + dir / "a" + ": the limit of 1 watched directories is reached");
  BOOST_TEST(!h.watcher.stats().polling);
}

BOOST_AUTO_TEST_CASE(missing_root_fails_start) {
  TempDir dir;
  Harness h(dir / "nope");
  Status started = h.watcher.start();
  BOOST_REQUIRE(!started.ok());
  BOOST_TEST(started.message == "cannot watch " + dir / "nope" + ": No such file or directory");
}

BOOST_AUTO_TEST_CASE(deleted_root_switches_to_polling) {
  TempDir dir;
  fs::create_directory(dir / "root");
  WatchOptions options;
  options.poll_interval = 30ms;
  LogCapture log;
  Harness h(dir / "root", options);
  BOOST_REQUIRE(h.watcher.start().ok());
  fs::remove(dir / "root");
  BOOST_REQUIRE(h.wait_for(1));
  BOOST_TEST(h.batches[0].full_rescan);
  BOOST_TEST(h.batches[0].reason == "poll");
  BOOST_TEST(h.watcher.stats().polling);
  BOOST_TEST(log.out.str() == "warning: the content directory " + dir / "root" +
                                  " was deleted, moved or unmounted; polling " + dir / "root" +
                                  " every 30 ms instead of watching it\n");

  // Back: one catch-up rescan, then inotify again (a new file is a batch of
  // its own, not a poll).
  fs::create_directory(dir / "root");
  BOOST_REQUIRE(h.wait_until_batch([](const ChangeBatch& b) { return b.reason == "root-back"; }));
  BOOST_TEST(!h.watcher.stats().polling);
  std::size_t seen = h.batches.size();
  test::write_file(dir / "root/new.md", "x");
  BOOST_REQUIRE(h.wait_for(seen + 1));
  BOOST_TEST(h.batches.back().paths == std::vector<std::string>{"new.md"}, boost::test_tools::per_element());
  BOOST_TEST(log.out.str().ends_with(" is back; watching it again\n"), log.out.str());
}

BOOST_AUTO_TEST_CASE(stop_stops_callbacks) {
  TempDir dir;
  WatchOptions options;
  Harness h(dir.path(), options);
  BOOST_REQUIRE(h.watcher.start().ok());
  test::write_file(dir / "a.md", "x");
  BOOST_REQUIRE(h.wait_for(1));
  test::write_file(dir / "b.md", "x");
  h.watcher.stop();
  h.settle(100ms);
  BOOST_TEST(h.batches.size() == 1u);
  BOOST_TEST(h.watcher.stats().watched_directories == 0u);
}

BOOST_AUTO_TEST_CASE(stop_from_the_callback_and_destruction_with_pending_work) {
  TempDir dir;
  boost::asio::io_context io;
  int calls = 0;
  {
    auto watcher = std::make_unique<ContentWatcher>(io, dir.path(), posts(), WatchOptions{},
                                                    [&](ChangeBatch) { ++calls; });
    ContentWatcher* raw = watcher.get();
    ContentWatcher second(io, dir.path(), posts(), WatchOptions{}, [&](ChangeBatch) {
      ++calls;
      raw->stop();
    });
    BOOST_REQUIRE(watcher->start().ok());
    BOOST_REQUIRE(second.start().ok());
    test::write_file(dir / "a.md", "x");
    io.run_for(100ms);  // both deliver, or the second stops the first before it does
    BOOST_TEST((calls == 1 || calls == 2));
    test::write_file(dir / "b.md", "x");
  }  // destroyed with a pending read
  io.restart();
  io.run_for(50ms);
  BOOST_TEST(calls <= 2);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
