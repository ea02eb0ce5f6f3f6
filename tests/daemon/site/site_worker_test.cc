#include "daemon/site/site_worker.h"

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "tests/daemon/site/fake_site_files.h"

namespace herald {
namespace {

using namespace std::chrono_literals;

// A job that keeps `worker` busy, taking no step, from construction until
// release().
class BusyJob {
 public:
  explicit BusyJob(SiteWorker& worker) {
    std::promise<void> started;
    worker.post([&started, released = released_.get_future().share()] {
      started.set_value();
      released.wait();
    });
    started.get_future().wait();
  }
  ~BusyJob() { release(); }
  void release() {
    if (!done_) released_.set_value();
    done_ = true;
  }

 private:
  std::promise<void> released_;
  bool done_ = false;
};

BOOST_AUTO_TEST_SUITE(site_worker)

BOOST_AUTO_TEST_CASE(jobs_run_in_order_off_the_callers_thread) {
  SiteWorker worker;
  std::mutex mutex;
  std::vector<int> order;
  std::promise<std::thread::id> ran_on;
  for (int i = 0; i < 3; ++i) {
    worker.post([&, i] {
      std::lock_guard lock(mutex);
      order.push_back(i);
    });
  }
  worker.post([&] { ran_on.set_value(std::this_thread::get_id()); });
  BOOST_TEST((ran_on.get_future().get() != std::this_thread::get_id()));
  std::lock_guard lock(mutex);
  BOOST_TEST(order == (std::vector<int>{0, 1, 2}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(stop_finishes_the_job_in_progress_and_drops_the_queue) {
  SiteWorker worker;
  std::promise<void> started;
  std::promise<void> release;
  bool finished = false;
  bool queued_ran = false;
  worker.post([&] {
    started.set_value();
    release.get_future().wait();
    finished = true;
  });
  worker.post([&] { queued_ran = true; });
  started.get_future().wait();
  std::thread stopper([&] { worker.stop(); });
  while (!worker.stopping()) std::this_thread::yield();
  release.set_value();
  stopper.join();
  BOOST_TEST(finished);
  BOOST_TEST(!queued_ran);
  worker.post([&] { queued_ran = true; });  // ignored once stopped
  BOOST_TEST(!queued_ran);
}

// The watchdog's question: a busy worker that takes no step is stalled; an
// idle one never is; file operations through files() are steps.
BOOST_AUTO_TEST_CASE(a_job_without_steps_is_stalled_an_idle_worker_is_not) {
  test::FakeSiteFiles files;
  files.put("content/a.md", "---\ntitle: A\n---\n");
  SiteWorker worker(files);
  BOOST_TEST(!worker.stalled(0s));
  BusyJob busy(worker);
  BOOST_TEST(worker.stalled(0s));
  BOOST_TEST(!worker.stalled(1h));
  auto before = std::chrono::steady_clock::now();
  BOOST_TEST(worker.files().stamp("content/a.md").ok());
  // A step just now: not stalled for any limit longer than since then.
  BOOST_TEST(!worker.stalled(std::chrono::steady_clock::now() - before + 1h));
  busy.release();
  std::promise<void> idle;
  worker.post([&] { idle.set_value(); });
  idle.get_future().wait();
}

// A job that waits on purpose (the load waiting for the outbox) is idle
// meanwhile, not stalled, and busy again when the wait ends.
BOOST_AUTO_TEST_CASE(a_job_waiting_in_idle_while_is_not_stalled) {
  std::promise<void> waiting;
  std::promise<void> release;
  std::promise<void> waited;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> finish;
  std::shared_future<void> finished = finish.get_future().share();
  SiteWorker worker;  // last: joined before the promises its job uses go
  worker.post([&] {
    worker.idle_while([&] {
      waiting.set_value();
      released.wait();
    });
    waited.set_value();
    finished.wait();
  });
  waiting.get_future().wait();
  std::this_thread::sleep_for(50ms);
  BOOST_TEST(!worker.stalled(0s));
  release.set_value();
  waited.get_future().wait();
  BOOST_TEST(worker.stalled(0s));
  BOOST_TEST(!worker.stalled(1h));
  finish.set_value();
}

// A list of files to stamp reaches the files the worker counts whole (the
// disk stats it a directory at a time; file by file, a vouched start of
// 1,000,000 posts walked every path), and each of its tasks is a step.
BOOST_AUTO_TEST_CASE(a_list_to_stamp_is_handed_on_whole_and_each_task_is_a_step) {
  test::FakeSiteFiles files;
  files.put("/c/a.md", "a");
  SiteWorker worker(files);
  BusyJob busy(worker);
  std::vector<bool> quiet_before_task;
  TaskRunner watching = [&](std::size_t count, const Task& task) {
    for (std::size_t i = 0; i < count; ++i) {
      std::this_thread::sleep_for(300ms);
      task(i);
      // The task itself stepped: quiet for far less than the 300 ms slept.
      quiet_before_task.push_back(!worker.stalled(250ms));
    }
  };
  std::vector<std::optional<FileStamp>> stamps = worker.files().stamp_files("/c", {"a.md", "b.md"}, watching);
  BOOST_TEST(files.stamp_lists() == 1u);
  BOOST_REQUIRE(stamps.size() == 2u);
  BOOST_TEST((stamps[0] && *stamps[0] == *files.stamp("/c/a.md")));
  BOOST_TEST(!stamps[1].has_value());
  BOOST_TEST(quiet_before_task == (std::vector<bool>{true, true}), boost::test_tools::per_element());
  busy.release();
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
