// SharedOutbox: the daemon's one read-write Outbox, used by the main loop
// (the announcer, control commands) and by the delivery thread (claims and
// outcomes). An Outbox belongs to one thread at a time; this lends it out
// under a mutex. Every use is a short transaction, so neither side waits
// long (the first start's baseline, one transaction of a few hundred
// milliseconds on a large site, is the longest).
//
// It also keeps how the outbox's writes went, as every user saw them: a
// failure (a full or failing disk, a lock held too long) is kept until a
// write succeeds again, for the loop's health report (service/outbox_health.h).
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "daemon/outbox/outbox.h"

namespace herald {

class SharedOutbox {
 public:
  explicit SharedOutbox(std::unique_ptr<Outbox> outbox) : outbox_(std::move(outbox)) {}

  // Runs `use(Outbox&)` while holding the outbox; returns what it returns.
  template <typename Use>
  auto with(Use&& use) {
    std::lock_guard<std::mutex> lock(mutex_);
    return use(*outbox_);
  }

  // Outbox::check_file() without waiting for the outbox (it reads only
  // what open() fixed), so a long transaction never stalls the check.
  Status check_file() { return outbox_->check_file(); }

  // A write's outcome: a failure is kept, a success forgets it.
  void note_write(const Status& write) {
    std::lock_guard<std::mutex> lock(note_mutex_);
    if (write.ok()) {
      write_failure_.reset();
    } else {
      write_failure_ = write.message;
    }
  }
  // The last write failure not followed by a success.
  std::optional<std::string> write_failure() const {
    std::lock_guard<std::mutex> lock(note_mutex_);
    return write_failure_;
  }

 private:
  std::mutex mutex_;
  std::unique_ptr<Outbox> outbox_;
  mutable std::mutex note_mutex_;
  std::optional<std::string> write_failure_;  // GUARDED_BY(note_mutex_)
};

}  // namespace herald
