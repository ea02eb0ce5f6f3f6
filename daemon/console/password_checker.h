// Password checks on a thread of their own. An argon2id check
// (password_hash.h) takes tens of milliseconds and 64 MiB; made on the
// daemon's loop, a burst of logins would hold up /healthz, the control
// socket and the watcher. At most kMaxWaiting checks wait; more are
// refused at once (the console answers "busy"), so a flood queues nothing
// without bound. The password is wiped once checked.
//
// `done` runs on the checker's thread: the caller posts it where it
// belongs. The destructor finishes the check under way and drops the
// waiting ones (their `done` never runs).
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace herald {

class PasswordChecker {
 public:
  static constexpr std::size_t kMaxWaiting = 8;

  PasswordChecker();
  ~PasswordChecker();
  PasswordChecker(const PasswordChecker&) = delete;
  PasswordChecker& operator=(const PasswordChecker&) = delete;

  // Queues the check of `password` against `hash`; false (nothing queued)
  // when kMaxWaiting checks already wait.
  bool check(std::string hash, std::string password, std::function<void(bool matches)> done);

 private:
  struct Check {
    std::string hash;
    std::string password;
    std::function<void(bool)> done;
  };
  void run();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Check> waiting_;  // GUARDED_BY(mutex_)
  bool stopping_ = false;      // GUARDED_BY(mutex_)
  std::thread worker_;
};

}  // namespace herald
