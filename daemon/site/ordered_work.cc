#include "daemon/site/ordered_work.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace herald {
namespace {

class OrderedRun {
 public:
  OrderedRun(std::size_t count, std::size_t window, const Task& produce, const Task& consume)
      : count_(count), window_(std::max<std::size_t>(window, 1)), produce_(produce), consume_(consume),
        produced_(window_) {}

  // A producing thread's loop: the next index within the window, until none is left.
  void produce_all() {
    for (;;) {
      std::size_t i = 0;
      switch (claim(i)) {
        case Claim::none: return;
        case Claim::full: wait_for_room(i); break;
        case Claim::claimed: produce(i); break;
      }
    }
  }

  // The calling thread's loop: produces a burst while it may, then consumes
  // every index ready in order; waits only when it can neither.
  void run() {
    constexpr int kBurst = 64;  // consumes go in runs, so that their state stays in the cache
    std::size_t next = 0;       // the next index to consume
    while (next < count_) {
      bool produced = false;
      for (int k = 0; k < kBurst; ++k) {
        std::size_t i = 0;
        if (claim(i) != Claim::claimed) break;
        produce(i);
        produced = true;
      }
      std::atomic<std::size_t>& slot = produced_[next % window_];
      if (!produced) {  // `next` is being produced by another thread
        for (std::size_t seen; (seen = slot.load(std::memory_order_acquire)) != next + 1;) {
          slot.wait(seen, std::memory_order_acquire);
        }
      }
      const std::size_t from = next;
      while (next < count_ && produced_[next % window_].load(std::memory_order_acquire) == next + 1) {
        consume_(next);
        ++next;
        consumed_.store(next, std::memory_order_release);
        if (next % 64 == 0) consumed_.notify_all();
      }
      if (next != from) consumed_.notify_all();
    }
  }

 private:
  enum class Claim { claimed, full, none };

  // Claims the next index into `i`, unless none is left or it is a window
  // ahead of the consumer (then `i` is that index: full).
  Claim claim(std::size_t& i) {
    i = next_.load(std::memory_order_relaxed);
    for (;;) {
      if (i >= count_) return Claim::none;
      if (i >= consumed_.load(std::memory_order_acquire) + window_) return Claim::full;
      if (next_.compare_exchange_weak(i, i + 1, std::memory_order_relaxed)) return Claim::claimed;
    }
  }

  void wait_for_room(std::size_t i) {
    for (std::size_t seen; i >= (seen = consumed_.load(std::memory_order_acquire)) + window_;) {
      consumed_.wait(seen, std::memory_order_acquire);
    }
  }

  void produce(std::size_t i) {
    produce_(i);
    std::atomic<std::size_t>& slot = produced_[i % window_];
    slot.store(i + 1, std::memory_order_release);
    slot.notify_one();  // only the caller waits on a slot
  }

  const std::size_t count_;
  const std::size_t window_;
  const Task& produce_;
  const Task& consume_;
  std::atomic<std::size_t> next_{0};      // the next index to claim
  std::atomic<std::size_t> consumed_{0};  // every index before it is consumed
  std::vector<std::atomic<std::size_t>> produced_;  // per slot: 1 + the index last produced in it
};

}  // namespace

void run_ordered(std::size_t count, unsigned threads, std::size_t window, const Task& produce,
                 const Task& consume) {
  OrderedRun run(count, window, produce, consume);
  std::vector<std::thread> workers;
  const std::size_t helpers = std::min<std::size_t>(std::clamp<unsigned>(threads, 1, 64) - 1, count);
  for (std::size_t t = 0; t < helpers; ++t) workers.emplace_back([&run] { run.produce_all(); });
  run.run();
  for (std::thread& w : workers) w.join();
}

}  // namespace herald
