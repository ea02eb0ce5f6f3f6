// The daemon's counters and the Prometheus text exposition of /metrics
// (format 0.0.4): posts by state, feed files written, rebuild latency as a
// histogram, watch events, errors by kind, and what the HTTP server, the
// watcher and the delivery engine report (take_*). Single-threaded: only the daemon's event loop touches it.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace herald {

struct PostCounts;
struct WatchStats;
struct HttpStats;
struct DeliveryStats;
struct TargetBacklog;

// Cumulative histogram with fixed upper bounds in seconds.
class LatencyHistogram {
 public:
  static constexpr std::array<double, 12> kBounds = {0.001, 0.002, 0.005, 0.01, 0.02, 0.05,
                                                    0.1,   0.2,   0.5,   1,    5,    30};
  void observe(double seconds);
  // "name_bucket{le=...} n" lines, then _sum and _count.
  std::string expose(const std::string& name) const;

 private:
  std::array<std::uint64_t, kBounds.size()> buckets_{};
  std::uint64_t count_ = 0;
  double sum_ = 0;
};

struct Metrics {
  std::uint64_t posts_published = 0;
  std::uint64_t posts_scheduled = 0;
  std::uint64_t posts_drafts = 0;
  std::uint64_t feeds_written = 0;      // files whose bytes changed
  std::uint64_t feeds_unchanged = 0;    // files rendered with the same bytes
  std::uint64_t feeds_deleted = 0;
  std::uint64_t rebuilds = 0;
  std::uint64_t watch_events = 0;       // raw inotify events (from the watcher)
  std::uint64_t watch_batches = 0;
  std::uint64_t watch_overflows = 0;
  std::uint64_t rescans = 0;
  bool watch_polling = false;
  // By kind; kErrorKinds are always exposed (0 until counted), others when counted.
  static constexpr std::array<const char*, 6> kErrorKinds = {"post",  "write", "config",
                                                             "state", "watch", "outbox"};
  std::map<std::string, std::uint64_t> errors;
  std::map<std::string, std::uint64_t> http_responses;  // by status class: 2xx, 3xx...
  std::uint64_t http_bytes_sent = 0;
  std::uint64_t http_connections_accepted = 0;
  std::uint64_t http_connections_rejected = 0;  // over serve.max_connections or per address
  std::uint64_t http_connections_evicted = 0;   // idle ones closed to make room
  std::uint64_t http_connections_open = 0;
  bool delivering = false;                  // the delivery engine runs: expose its counters
  std::uint64_t deliveries_sent = 0;
  std::uint64_t deliveries_dead = 0;
  std::uint64_t delivery_retries = 0;       // failed attempts to be tried again
  std::uint64_t deliveries_in_flight = 0;
  struct Backlog {
    std::uint64_t waiting = 0;      // deliveries pending or in flight
    double oldest_seconds = 0;      // age of the oldest of them; 0 when none
  };
  std::map<std::string, Backlog> delivery_backlog;  // by target: every configured one
  struct TargetTally {
    std::uint64_t sent = 0, retried = 0, dead = 0;
  };
  std::map<std::string, TargetTally> target_outcomes;  // since start, by target
  // What is wrong now (base/health.h): every known reason, 1 when raised.
  static constexpr std::array<const char*, 6> kProblemReasons = {
      "content_held", "writes_failing", "outbox", "catalog_cache", "watcher_polling",
      "delivery_stalled"};
  std::vector<std::string> problems;    // reasons raised now
  std::uint64_t held_deletions = 0;     // posts whose deletion is held
  std::uint64_t posts_failing = 0;      // post files that fail to parse now
  std::int64_t last_write_ok_time = 0;  // unix seconds of the last rebuild that wrote everything
  std::int64_t now = 0;                 // unix seconds, at the exposition
  std::int64_t start_time = 0;          // unix seconds
  std::int64_t last_rebuild_time = 0;   // unix seconds, 0: none yet
  LatencyHistogram rebuild_seconds;

  // What each subsystem reports, taken in before an exposition.
  void take_posts(const PostCounts& counts);
  void take_watch(const WatchStats& stats);
  void take_http(const HttpStats& stats);
  // The engine's counters, and the backlog of every lane in `lanes` (0 when
  // none) from the outbox's unfinished deliveries, their age at `now_ms`.
  void take_delivery(const DeliveryStats& stats, const std::vector<std::string>& lanes,
                     const std::vector<TargetBacklog>& backlog, std::int64_t now_ms);

  std::string expose() const;
};

}  // namespace herald
