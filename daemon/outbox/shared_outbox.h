// SharedOutbox: the daemon's one read-write Outbox, used by the main loop
// (the announcer, control commands) and by the delivery thread (claims and
// outcomes). An Outbox belongs to one thread at a time; this lends it out
// in turn. Every use is a short transaction, so no one waits long (the first
// start's baseline, one transaction of a few hundred milliseconds on a large
// site, is the longest) -- except behind a write lock another process holds,
// where each use waits out SQLite's busy timeout (5 s). Turns are therefore
// first come, first served: a thread that gives the outbox back and asks
// again at once (the delivery thread retrying a claim) queues behind those
// already waiting, so the loop is never starved of it.
//
// It also keeps how the outbox's writes went, as every user saw them: a
// failure (a full or failing disk, a lock held too long) is kept until a
// write succeeds again, for the loop's health report (service/outbox_health.h).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
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

  // Runs `use(Outbox&)` in this thread's turn; returns what it returns.
  template <typename Use>
  auto with(Use&& use) {
    Turn turn(*this);
    return use(*outbox_);
  }

  // Runs `use(Outbox&)` only when the outbox is free now (nobody in it or
  // waiting for it), without waiting; nullopt when it is not. For the
  // loop's periodic sweeps, which can skip a round: behind a write lock held
  // elsewhere every waiting use costs the busy timeout, and the loop must
  // not queue behind them while posts and requests wait.
  template <typename Use>
  auto try_with(Use&& use) -> std::optional<decltype(use(std::declval<Outbox&>()))> {
    {
      std::lock_guard<std::mutex> lock(turn_mutex_);
      if (busy_ || serving_ != next_ticket_) return std::nullopt;
      ++next_ticket_;  // the ticket now served
      busy_ = true;
    }
    Turn turn(*this, Turn::taken);
    return use(*outbox_);
  }

  // How many threads wait for their turn now (for tests and diagnostics).
  std::size_t waiting() const {
    std::lock_guard<std::mutex> lock(turn_mutex_);
    return static_cast<std::size_t>(next_ticket_ - serving_) - (busy_ ? 1 : 0);
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
  // Holds the outbox from its ticket's turn until it leaves scope.
  class Turn {
   public:
    // Adopts a turn already taken under turn_mutex_ (try_with).
    static constexpr struct Taken {
    } taken{};
    Turn(SharedOutbox& shared, Taken) : shared_(shared) {}
    explicit Turn(SharedOutbox& shared) : shared_(shared) {
      std::unique_lock<std::mutex> lock(shared_.turn_mutex_);
      std::uint64_t ticket = shared_.next_ticket_++;
      shared_.turn_.wait(lock, [&] { return shared_.serving_ == ticket; });
      shared_.busy_ = true;
    }
    ~Turn() {
      {
        std::lock_guard<std::mutex> lock(shared_.turn_mutex_);
        shared_.busy_ = false;
        ++shared_.serving_;
      }
      shared_.turn_.notify_all();
    }
    Turn(const Turn&) = delete;
    Turn& operator=(const Turn&) = delete;

   private:
    SharedOutbox& shared_;
  };

  mutable std::mutex turn_mutex_;
  std::condition_variable turn_;
  std::uint64_t next_ticket_ = 0;  // GUARDED_BY(turn_mutex_)
  std::uint64_t serving_ = 0;      // GUARDED_BY(turn_mutex_)
  bool busy_ = false;              // GUARDED_BY(turn_mutex_): serving_'s holder is inside
  std::unique_ptr<Outbox> outbox_;
  mutable std::mutex note_mutex_;
  std::optional<std::string> write_failure_;  // GUARDED_BY(note_mutex_)
};

}  // namespace herald
