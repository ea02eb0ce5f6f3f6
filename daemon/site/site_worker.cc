#include "daemon/site/site_worker.h"

#include <utility>

#include <boost/asio/post.hpp>

namespace herald {
namespace {

std::int64_t steady_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

// Forwards every call to the real files, counting it as a step.
class SiteWorker::CountingFiles final : public SiteFiles {
 public:
  CountingFiles(SiteFiles& inner, std::atomic<std::int64_t>& last_step_ns)
      : inner_(inner), last_step_ns_(last_step_ns) {}

  Result<FileStamp> stamp(const std::string& path) override {
    step();
    return inner_.stamp(path);
  }
  // The list goes on whole (the disk stats it relative to each directory),
  // and each task of it is a step: a million files on a cold disk take
  // minutes, and the watchdog must see them move.
  std::vector<std::optional<FileStamp>> stamp_files(const std::string& dir, const std::vector<std::string>& files,
                                                    const TaskRunner& run) override {
    step();
    TaskRunner counted = [this, &run](std::size_t count, const Task& task) {
      run(count, [this, &task](std::size_t i) {
        step();
        task(i);
      });
    };
    std::vector<std::optional<FileStamp>> stamps = inner_.stamp_files(dir, files, counted);
    step();
    return stamps;
  }
  bool is_regular(const std::string& path) override {
    step();
    return inner_.is_regular(path);
  }
  std::int64_t stamp_clock_ns() override { return inner_.stamp_clock_ns(); }
  ReadResult read(const std::string& path, std::size_t max_bytes) override {
    step();
    return inner_.read(path, max_bytes);
  }
  ScanResult scan(const std::string& content_dir, const ContentFilter& filter) override {
    step();
    ScanResult result = inner_.scan(content_dir, filter);
    step();
    return result;
  }
  std::vector<WriteResult> write(std::vector<std::pair<std::string, std::string>> files,
                                 Durability durability) override {
    step();
    std::vector<WriteResult> results = inner_.write(std::move(files), durability);
    step();
    return results;
  }
  RemoveResult remove(const std::string& path) override {
    step();
    return inner_.remove(path);
  }
  Status list_directory(const std::string& path) override {
    step();
    return inner_.list_directory(path);
  }

 private:
  void step() { last_step_ns_.store(steady_ns(), std::memory_order_relaxed); }

  SiteFiles& inner_;
  std::atomic<std::int64_t>& last_step_ns_;
};

SiteWorker::SiteWorker(SiteFiles& files)
    : files_(std::make_unique<CountingFiles>(files, last_step_ns_)),
      work_(boost::asio::make_work_guard(io_)),
      thread_([this] { io_.run(); }) {}

SiteWorker::~SiteWorker() { stop(); }

void SiteWorker::post(std::function<void()> job) {
  if (stopping_.load()) return;
  boost::asio::post(io_, [this, job = std::move(job)] {
    if (stopping_.load()) return;
    last_step_ns_.store(steady_ns(), std::memory_order_relaxed);
    running_.fetch_add(1);
    job();
    running_.fetch_sub(1);
  });
}

void SiteWorker::stop() {
  stopping_.store(true);
  work_.reset();
  if (thread_.joinable()) thread_.join();
}

bool SiteWorker::stalled(std::chrono::steady_clock::duration limit) const {
  if (running_.load() == 0) return false;
  auto quiet = std::chrono::nanoseconds(steady_ns() - last_step_ns_.load(std::memory_order_relaxed));
  return quiet >= limit;
}

void SiteWorker::idle_while(const std::function<void()>& wait) {
  running_.fetch_sub(1);
  wait();
  last_step_ns_.store(steady_ns(), std::memory_order_relaxed);
  running_.fetch_add(1);
}

SiteFiles& SiteWorker::files() { return *files_; }

}  // namespace herald
