#include "daemon/watch/content_watcher.h"

#include <sys/stat.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cerrno>
#include <cstring>
#include <spdlog/spdlog.h>

#include "daemon/watch/inotify_tree.h"

namespace herald {
namespace {

using Clock = ChangeDebouncer::Clock;
using Change = ChangeDebouncer::Change;

Status check_directory(const std::string& root) {
  struct stat st {};
  int error = ::stat(root.c_str(), &st) != 0 ? errno : S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
  if (error == 0) return {};
  return Status::failed("cannot watch " + root + ": " + std::strerror(error));
}

bool hidden_name(const std::string& relative_path) {
  std::size_t slash = relative_path.rfind('/');
  return relative_path[slash == std::string::npos ? 0 : slash + 1] == '.';
}

Change change_of(std::uint32_t mask) {
  if (mask & (IN_CREATE | IN_MODIFY)) return Change::kWriting;
  if (mask & IN_ATTRIB) return Change::kTouched;
  return Change::kSettled;
}

}  // namespace

class ContentWatcher::Impl {
 public:
  Impl(boost::asio::io_context& io, std::string root, ContentFilter filter, WatchOptions options,
       ChangeHandler on_change)
      : root_(std::move(root)),
        filter_(std::move(filter)),
        options_(options),
        on_change_(std::move(on_change)),
        tree_(root_, options.max_watches),
        pending_(DebounceTiming{options.quiet, options.cap, options.open_write_grace}),
        readable_(io),
        flush_timer_(io),
        periodic_timer_(io),
        poll_timer_(io) {}

  ~Impl() { stop(); }

  Status start();
  void stop();
  WatchStats stats() const;

 private:
  // Wraps a completion handler: runs `f` only on success while running.
  template <typename F>
  auto guard(F f) {
    return [this, alive = std::weak_ptr<int>(alive_), f](const boost::system::error_code& ec) {
      if (ec || alive.expired() || !running_) return;
      f();
    };
  }

  // Handles a failure to watch; false when the watcher now polls or stopped.
  bool recover(const WatchFailure& failure);
  void arm_read();
  void on_readable();
  void handle(const TreeEvent& event, Clock::time_point now);
  void handle_directory(const TreeEvent& event, Clock::time_point now);
  void report_new_directory(const std::string& dir, Clock::time_point now);
  void schedule_flush();
  void flush();
  void arm_periodic();
  void start_polling(const std::string& warning, bool rescan_now);
  // Watches the whole tree with inotify (reading and periodic rescans armed);
  // the failure, with nothing watched, when it cannot.
  std::optional<WatchFailure> watch_with_inotify();
  void arm_poll(std::chrono::milliseconds delay);
  void deliver(ChangeBatch batch);

  std::string root_;
  ContentFilter filter_;
  WatchOptions options_;
  ChangeHandler on_change_;
  InotifyTree tree_;
  ChangeDebouncer pending_;
  boost::asio::posix::stream_descriptor readable_;  // tree_'s fd, released, never closed
  boost::asio::steady_timer flush_timer_;
  std::optional<Clock::time_point> flush_at_;
  boost::asio::steady_timer periodic_timer_;
  boost::asio::steady_timer poll_timer_;
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
  bool running_ = false;
  bool polling_ = false;
  bool root_lost_ = false;  // polling because the root went away: watch it when back
  WatchStats stats_;
};

Status ContentWatcher::Impl::start() {
  if (Status s = check_directory(root_); !s.ok()) return s;
  running_ = true;
  if (options_.mode == WatchMode::kPoll) {
    start_polling("", false);
    return {};
  }
  if (std::optional<WatchFailure> failure = watch_with_inotify()) {
    if (!failure->out_of_resources || options_.mode == WatchMode::kInotify) {
      stop();
      return Status::failed(failure->message);
    }
    start_polling(failure->message, false);
  }
  return {};
}

std::optional<WatchFailure> ContentWatcher::Impl::watch_with_inotify() {
  std::optional<WatchFailure> failure = tree_.open();
  if (!failure) failure = tree_.watch_tree("");
  if (!failure) {
    boost::system::error_code ec;
    readable_.assign(tree_.fd(), ec);
    if (ec) failure = WatchFailure{root_, ec.value(), false, "cannot watch " + root_ + ": " + ec.message()};
  }
  if (failure) {
    tree_.close();
    return failure;
  }
  polling_ = false;
  arm_read();
  arm_periodic();
  return std::nullopt;
}

void ContentWatcher::Impl::stop() {
  running_ = false;
  flush_timer_.cancel();
  flush_at_.reset();
  periodic_timer_.cancel();
  poll_timer_.cancel();
  if (readable_.is_open()) {
    boost::system::error_code ec;
    readable_.cancel(ec);
    readable_.release();
  }
  tree_.close();
}

WatchStats ContentWatcher::Impl::stats() const {
  WatchStats stats = stats_;
  stats.watched_directories = tree_.size();
  stats.polling = polling_;
  return stats;
}

bool ContentWatcher::Impl::recover(const WatchFailure& failure) {
  if (failure.out_of_resources || failure.directory == root_) {
    root_lost_ = root_lost_ || failure.directory == root_;
    start_polling(failure.message, true);
    return false;
  }
  return true;
}

void ContentWatcher::Impl::arm_read() {
  auto on_wait = [this, alive = std::weak_ptr<int>(alive_)](const boost::system::error_code& ec) {
    if (ec == boost::asio::error::operation_aborted || alive.expired() || !running_) return;
    if (ec) return start_polling("cannot wait for inotify events: " + ec.message(), true);
    on_readable();
  };
  readable_.async_wait(boost::asio::posix::stream_descriptor::wait_read, on_wait);
}

void ContentWatcher::Impl::on_readable() {
  Clock::time_point now = Clock::now();
  Status read = tree_.read_events([&](const TreeEvent& event) { handle(event, now); });
  if (!read.ok()) start_polling("cannot read inotify events: " + read.message, true);
  if (!running_ || polling_) return;
  schedule_flush();
  arm_read();
}

void ContentWatcher::Impl::handle(const TreeEvent& event, Clock::time_point now) {
  ++stats_.events;
  if (event.mask & IN_Q_OVERFLOW) {
    ++stats_.overflows;
    spdlog::info("inotify queue overflow under {}; rescanning everything", root_);
    std::optional<WatchFailure> failure = tree_.watch_tree("");  // directories missed meanwhile
    if (failure && !recover(*failure)) return;
    pending_.request_full_rescan("overflow", now);
  } else if (event.path.empty()) {
    root_lost_ = true;
    start_polling("the content directory " + root_ + " was deleted, moved or unmounted", true);
  } else if (event.mask & IN_ISDIR) {
    handle_directory(event, now);
  } else if (filter_.accepts(event.path)) {
    pending_.note(event.path, change_of(event.mask), now);
  }
}

void ContentWatcher::Impl::handle_directory(const TreeEvent& event, Clock::time_point now) {
  if (hidden_name(event.path)) return;
  if (event.mask & (IN_CREATE | IN_MOVED_TO)) {
    report_new_directory(event.path, now);
  } else if (event.mask & (IN_DELETE | IN_MOVED_FROM)) {
    tree_.unwatch_tree(event.path);
    pending_.request_full_rescan("directory-removed", now);
  }
}

// Watches first, then lists: a file created in between is seen twice, never
// missed.
void ContentWatcher::Impl::report_new_directory(const std::string& dir, Clock::time_point now) {
  if (std::optional<WatchFailure> failure = tree_.watch_tree(dir)) {
    if (!recover(*failure)) return;
  }
  ContentFilter by_name{filter_.include, {}};  // exclude globs may name paths from the root
  for (const std::string& file : scan_content(root_ + "/" + dir, by_name).files) {
    std::string path = dir + "/" + file;
    if (filter_.accepts(path)) pending_.note(path, Change::kTouched, now);
  }
}

void ContentWatcher::Impl::schedule_flush() {
  std::optional<Clock::time_point> due = pending_.deadline();
  if (!due || (flush_at_ && *flush_at_ <= *due)) return;
  flush_at_ = due;
  flush_timer_.expires_at(*due);
  flush_timer_.async_wait(guard([this] {
    flush_at_.reset();
    flush();
  }));
}

void ContentWatcher::Impl::flush() {
  if (std::optional<ChangeBatch> batch = pending_.take_due(Clock::now())) {
    std::weak_ptr<int> alive = alive_;
    deliver(std::move(*batch));
    if (alive.expired() || !running_) return;
  }
  schedule_flush();
}

void ContentWatcher::Impl::arm_periodic() {
  if (options_.rescan_interval.count() <= 0) return;
  periodic_timer_.expires_after(options_.rescan_interval);
  periodic_timer_.async_wait(guard([this] {
    if (polling_) return;
    std::optional<WatchFailure> failure = tree_.watch_tree("");
    if (failure && !recover(*failure)) return;
    pending_.request_full_rescan("periodic", Clock::now());
    schedule_flush();
    arm_periodic();
  }));
}

void ContentWatcher::Impl::start_polling(const std::string& warning, bool rescan_now) {
  if (!warning.empty()) {
    spdlog::warn("{}; polling {} every {} ms instead of watching it", warning, root_,
                 options_.poll_interval.count());
  }
  polling_ = true;
  if (readable_.is_open()) {
    boost::system::error_code ec;
    readable_.cancel(ec);
    readable_.release();
  }
  tree_.close();
  flush_timer_.cancel();
  flush_at_.reset();
  periodic_timer_.cancel();
  arm_poll(rescan_now ? std::chrono::milliseconds(0) : options_.poll_interval);
}

void ContentWatcher::Impl::arm_poll(std::chrono::milliseconds delay) {
  poll_timer_.expires_after(delay);
  poll_timer_.async_wait(guard([this] {
    std::weak_ptr<int> alive = alive_;
    // Polling only because the root went away: once it is back, watch it
    // again (a rescan catches up with what changed meanwhile).
    bool watching = root_lost_ && check_directory(root_).ok() && !watch_with_inotify();
    if (watching) {
      root_lost_ = false;
      spdlog::info("{} is back; watching it again", root_);
    }
    deliver(ChangeBatch{{}, true, watching ? "root-back" : "poll"});
    if (alive.expired() || !running_ || watching) return;
    arm_poll(options_.poll_interval);
  }));
}

void ContentWatcher::Impl::deliver(ChangeBatch batch) {
  ++stats_.batches;
  on_change_(std::move(batch));
}

ContentWatcher::ContentWatcher(boost::asio::io_context& io, std::string root,
                               ContentFilter filter, WatchOptions options,
                               ChangeHandler on_change)
    : impl_(std::make_unique<Impl>(io, std::move(root), std::move(filter), options,
                                   std::move(on_change))) {}

ContentWatcher::~ContentWatcher() = default;

Status ContentWatcher::start() { return impl_->start(); }
void ContentWatcher::stop() { impl_->stop(); }
WatchStats ContentWatcher::stats() const { return impl_->stats(); }

}  // namespace herald
