// SiteWorker: the thread that does the site's work for `herald run`, so the
// event loop (serving /healthz and /metrics, the control socket, signals,
// the watchdog) never waits for a parse or a rebuild. Jobs run one at a
// time, in the order posted; the SiteState and the announcer are touched
// only by them. A job hands its result back to the loop by posting to it.
//
// Progress is counted at the file system: starting a job and every stat,
// read, scan, write and removal through files() is a step. The watchdog
// asks stalled(limit): a job has run for `limit` without a step, so a job
// stuck on one post is seen as stuck while a long rebuild is not, nor a job
// waiting on purpose (idle_while).
//
// stop() lets the job in progress finish (a feed write is never cut in
// half), drops the jobs still queued and joins the thread; the destructor
// stops.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "daemon/site/site_files.h"

namespace herald {

class SiteWorker {
 public:
  // Counts the steps of `files` (which must outlive the worker).
  explicit SiteWorker(SiteFiles& files = disk_site_files());
  ~SiteWorker();
  SiteWorker(const SiteWorker&) = delete;
  SiteWorker& operator=(const SiteWorker&) = delete;

  // Queues `job`; ignored once stopped.
  void post(std::function<void()> job);
  void stop();
  // Whether stop() was called.
  bool stopping() const { return stopping_.load(); }

  // Busy, and no step for `limit` or longer.
  bool stalled(std::chrono::steady_clock::duration limit) const;
  // For a job that waits for another part of herald (`herald run`'s load
  // waits for the outbox being opened): `wait` runs as idle time, never a
  // stall. Call it from a job only.
  void idle_while(const std::function<void()>& wait);
  // The files the jobs must use for their progress to count.
  SiteFiles& files();

 private:
  class CountingFiles;

  std::unique_ptr<CountingFiles> files_;
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  std::atomic<bool> stopping_{false};
  std::atomic<int> running_{0};
  std::atomic<std::int64_t> last_step_ns_{0};  // steady clock
  std::thread thread_;
};

}  // namespace herald
