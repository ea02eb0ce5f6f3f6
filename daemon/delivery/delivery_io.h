// DeliveryIo: everything the delivery engine takes from the world, behind
// one seam (as Ninja's DiskInterface or LevelDB's Env): the wall clock, a
// monotonic clock, timers, HTTP exchanges, the random numbers and clock its
// drivers read, and the loop that runs all of their callbacks.
//
// The engine makes every decision; a DeliveryIo only waits and carries.
// Production: AsioDeliveryIo (asio_delivery_io.h), an Asio loop on a thread
// of its own with the libcurl HTTP client. Tests: a fake with a manual clock
// whose timers and answers the test runs on its own thread.
//
// Threading: post(), start() and stop() may be called from any thread (one
// at a time for start/stop); everything else, and every callback, runs on
// the loop. Callbacks never run inside the call that registers them.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>

#include "daemon/targets/driver_inputs.h"
#include "daemon/targets/http_exchange.h"

namespace herald {

// One wake-up at a time: arming again replaces the earlier wait, whose
// callback then never runs; so do cancel() and destroying the timer.
class DeliveryTimer {
 public:
  virtual ~DeliveryTimer() = default;
  // Runs `fire` on the loop once `delay` has passed on the monotonic clock.
  virtual void arm(std::chrono::milliseconds delay, std::function<void()> fire) = 0;
  virtual void cancel() = 0;
};

class DeliveryIo {
 public:
  using Callback = std::function<void()>;
  using ResponseCallback = std::function<void(HttpResponse)>;

  virtual ~DeliveryIo() = default;

  // The wall clock, Unix milliseconds (it may jump).
  virtual std::int64_t now_ms() = 0;
  // A clock that never jumps (token buckets and timers count on it).
  virtual std::chrono::steady_clock::time_point monotonic_now() = 0;
  virtual std::unique_ptr<DeliveryTimer> make_timer() = 0;

  // Sends `request`; `done` gets its response exactly once, unless the loop
  // stops first.
  virtual void send(HttpRequest request, ResponseCallback done) = 0;
  // Ends every request in flight; their callbacks get error "cancelled".
  virtual void cancel_sends() = 0;

  // The random numbers and wall clock the target drivers read.
  virtual DriverInputs driver_inputs() = 0;

  // Runs `callback` on the loop soon (thread-safe).
  virtual void post(Callback callback) = 0;
  // Starts the loop with `first` (no-op while it runs).
  virtual void start(Callback first) = 0;
  // Runs `last` on the loop, then ends the loop and waits for it: callbacks
  // still pending never run. No-op when the loop does not run.
  virtual void stop(Callback last) = 0;
};

}  // namespace herald
