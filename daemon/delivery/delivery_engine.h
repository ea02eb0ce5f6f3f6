// DeliveryEngine: makes the outbox's deliveries, on a thread of its own.
//
// Why a thread: a delivery's work is waiting on the network plus short
// SQLite transactions (claims, outcomes); on the daemon's main loop those
// transactions would sit between a content change and its feeds. The engine
// runs its own Asio loop with the HTTP client (libcurl multi driven by
// Asio, http_client.h) so slow or dead targets and outbox writes never
// delay the feeds, and the main loop never delays a delivery. The loop,
// clocks, timers and HTTP are a DeliveryIo (delivery_io.h): that thread in
// production (asio_delivery_io.h), a virtual clock in the engine's tests.
//
// Each target is a lane with its own limits: at most `concurrency`
// requests in flight, a token bucket of `rate_per_second` (bursts up to
// `concurrency`), and a pause after a 429/503 until the time the target
// named (Retry-After, rate-limit reset). A lane claims due deliveries
// (oldest post first, leased) only when it has room, so a backlog trickles
// out within the caps and a black-holed target holds only its own slots.
// A target with a `pace:` (lane_pace.h) starts its new announcements one at
// a time, when its pace lets it, in the site's time zone; its retries are
// not paced, and a 429's pause and the pace combine (the later wins).
// Outcomes are recorded in batches (one transaction per turn of the loop).
//
// A delivery whose target asks to wait for the post's URL is probed (GET,
// 200 wanted) before it is sent; until then it is rescheduled every
// url_check_interval without using an attempt, and sent anyway once
// url_check_max has passed since it was created.
//
// On stop, requests in flight are abandoned unrecorded: their leases hold
// them in_flight, and the next start (Outbox::recover_in_flight) sends them
// again with the same idempotency key.
#pragma once

#include <cstdint>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "daemon/outbox/shared_outbox.h"

namespace herald {

class DeliveryIo;

struct DeliveryStats {
  std::uint64_t sent = 0;
  std::uint64_t retried = 0;
  std::uint64_t dead = 0;
  std::uint64_t in_flight = 0;
  // The same since start, by target (those with at least one outcome).
  struct Tally {
    std::uint64_t sent = 0, retried = 0, dead = 0;
  };
  std::map<std::string, Tally> by_target;
};

class DeliveryEngine {
 public:
  // `outbox` must outlive the engine. The engine runs on a thread of its
  // own (make_asio_delivery_io).
  DeliveryEngine(const Config& config, SharedOutbox& outbox);
  // The engine runs on `io`'s loop; `outbox` and `io` must outlive it.
  DeliveryEngine(const Config& config, SharedOutbox& outbox, DeliveryIo& io);
  ~DeliveryEngine();  // stops
  DeliveryEngine(const DeliveryEngine&) = delete;
  DeliveryEngine& operator=(const DeliveryEngine&) = delete;

  // Starts the thread; every lane looks for due deliveries at once.
  void start();
  // Stops the thread (requests in flight are abandoned, see above).
  void stop();
  // New deliveries for these targets (thread-safe).
  void wake(const std::vector<std::string>& targets);
  // A reloaded configuration: lanes added, changed or retired (thread-safe).
  void reconfigure(const Config& config);
  DeliveryStats stats() const;
  // Liveness (thread-safe): probe() asks the engine's loop to answer, unless
  // a question is still unanswered; waiting() is how long that one has
  // waited (zero when none). A loop that cannot make progress (a request
  // stuck in a callback, the outbox lock held forever) leaves it growing.
  void probe();
  std::chrono::steady_clock::duration waiting() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace herald
