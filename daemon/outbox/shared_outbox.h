// SharedOutbox: the daemon's one read-write Outbox, used by the main loop
// (the announcer, control commands) and by the delivery thread (claims and
// outcomes). An Outbox belongs to one thread at a time; this lends it out
// under a mutex. Every use is a short transaction, so neither side waits
// long (the first start's baseline, one transaction of a few hundred
// milliseconds on a large site, is the longest).
#pragma once

#include <memory>
#include <mutex>
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

 private:
  std::mutex mutex_;
  std::unique_ptr<Outbox> outbox_;
};

}  // namespace herald
