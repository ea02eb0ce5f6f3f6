#include "daemon/service/metrics.h"

#include <spdlog/fmt/fmt.h>

#include <algorithm>

#include "daemon/delivery/delivery_engine.h"
#include "daemon/outbox/outbox.h"
#include "daemon/serve/http_server_options.h"
#include "daemon/service/process_metrics.h"
#include "daemon/site/site_state.h"
#include "daemon/watch/content_watcher.h"

namespace herald {
namespace {

void family(std::string& out, const std::string& name, const char* type, const char* help) {
  out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

void sample(std::string& out, const std::string& name, std::uint64_t value) {
  out += fmt::format("{} {}\n", name, value);
}

// One sample of `name` with one label: name{label="value"} count.
void labelled(std::string& out, const std::string& name, const char* label,
              const std::string& value, std::uint64_t count) {
  out += fmt::format("{}{{{}=\"{}\"}} {}\n", name, label, value, count);
}

}  // namespace

void LatencyHistogram::observe(double seconds) {
  for (std::size_t i = 0; i < kBounds.size(); ++i) {
    if (seconds <= kBounds[i]) ++buckets_[i];
  }
  ++count_;
  sum_ += seconds;
}

std::string LatencyHistogram::expose(const std::string& name) const {
  std::string out;
  for (std::size_t i = 0; i < kBounds.size(); ++i) {
    out += fmt::format("{}_bucket{{le=\"{}\"}} {}\n", name, kBounds[i], buckets_[i]);
  }
  out += fmt::format("{}_bucket{{le=\"+Inf\"}} {}\n", name, count_);
  out += fmt::format("{}_sum {}\n{}_count {}\n", name, sum_, name, count_);
  return out;
}

std::string Metrics::expose() const {
  std::string out;
  family(out, "herald_posts", "gauge", "Posts in the catalog by state.");
  labelled(out, "herald_posts", "state", "published", posts_published);
  labelled(out, "herald_posts", "state", "scheduled", posts_scheduled);
  labelled(out, "herald_posts", "state", "draft", posts_drafts);
  family(out, "herald_feed_files_written_total", "counter",
         "Feed files rewritten because their bytes changed.");
  sample(out, "herald_feed_files_written_total", feeds_written);
  family(out, "herald_feed_files_unchanged_total", "counter",
         "Feed files rendered with unchanged bytes and left alone.");
  sample(out, "herald_feed_files_unchanged_total", feeds_unchanged);
  family(out, "herald_feed_files_deleted_total", "counter",
         "Feed files removed because their feed has no post left.");
  sample(out, "herald_feed_files_deleted_total", feeds_deleted);
  family(out, "herald_rebuilds_total", "counter", "Rebuilds (full or incremental).");
  sample(out, "herald_rebuilds_total", rebuilds);
  family(out, "herald_rebuild_duration_seconds", "histogram",
         "Time from a change batch to its feeds on disk.");
  out += rebuild_seconds.expose("herald_rebuild_duration_seconds");
  family(out, "herald_watch_events_total", "counter", "inotify events read.");
  sample(out, "herald_watch_events_total", watch_events);
  family(out, "herald_watch_batches_total", "counter", "Debounced change batches handled.");
  sample(out, "herald_watch_batches_total", watch_batches);
  family(out, "herald_watch_overflows_total", "counter", "inotify queue overflows.");
  sample(out, "herald_watch_overflows_total", watch_overflows);
  family(out, "herald_rescans_total", "counter", "Full rescans of the content directory.");
  sample(out, "herald_rescans_total", rescans);
  family(out, "herald_watch_polling", "gauge", "1 when watching fell back to polling.");
  sample(out, "herald_watch_polling", watch_polling ? 1 : 0);
  family(out, "herald_errors_total", "counter", "Errors by kind.");
  std::map<std::string, std::uint64_t> by_kind = errors;
  for (const char* kind : kErrorKinds) by_kind.emplace(kind, 0);
  for (const auto& [kind, count] : by_kind) {
    labelled(out, "herald_errors_total", "kind", kind, count);
  }
  family(out, "herald_http_responses_total", "counter", "HTTP responses by status class.");
  for (const auto& [status, count] : http_responses) {
    labelled(out, "herald_http_responses_total", "code", status, count);
  }
  family(out, "herald_http_sent_bytes_total", "counter", "Bytes of HTTP responses sent.");
  sample(out, "herald_http_sent_bytes_total", http_bytes_sent);
  family(out, "herald_http_connections_total", "counter",
         "HTTP connections accepted; refused over serve.max_connections or "
         "max_connections_per_address; idle ones evicted to make room.");
  labelled(out, "herald_http_connections_total", "result", "accepted", http_connections_accepted);
  labelled(out, "herald_http_connections_total", "result", "rejected", http_connections_rejected);
  labelled(out, "herald_http_connections_total", "result", "evicted", http_connections_evicted);
  family(out, "herald_http_connections_open", "gauge", "HTTP connections open now.");
  sample(out, "herald_http_connections_open", http_connections_open);
  if (delivering) {
    family(out, "herald_deliveries_total", "counter",
           "Deliveries finished since start: sent, or dead (given up or refused).");
    labelled(out, "herald_deliveries_total", "outcome", "sent", deliveries_sent);
    labelled(out, "herald_deliveries_total", "outcome", "dead", deliveries_dead);
    family(out, "herald_delivery_retries_total", "counter",
           "Failed delivery attempts that will be tried again.");
    sample(out, "herald_delivery_retries_total", delivery_retries);
    family(out, "herald_deliveries_in_flight", "gauge", "Delivery attempts running now.");
    sample(out, "herald_deliveries_in_flight", deliveries_in_flight);
    family(out, "herald_deliveries_waiting", "gauge",
           "Deliveries not finished (pending or in flight), by target.");
    for (const auto& [target, backlog] : delivery_backlog) {
      labelled(out, "herald_deliveries_waiting", "target", target, backlog.waiting);
    }
    family(out, "herald_target_deliveries_total", "counter",
           "Delivery outcomes since start, by target: sent, retried (a failed attempt to be "
           "tried again) and dead.");
    for (const auto& [target, t] : target_outcomes) {
      for (const auto& [outcome, n] : {std::pair<const char*, std::uint64_t>{"sent", t.sent},
                                       {"retried", t.retried},
                                       {"dead", t.dead}}) {
        out += fmt::format("herald_target_deliveries_total{{target=\"{}\",outcome=\"{}\"}} {}\n",
                           target, outcome, n);
      }
    }
    family(out, "herald_delivery_oldest_waiting_seconds", "gauge",
           "Age of the oldest unfinished delivery, by target; 0 when none waits.");
    for (const auto& [target, backlog] : delivery_backlog) {
      out += fmt::format("herald_delivery_oldest_waiting_seconds{{target=\"{}\"}} {:.3f}\n",
                         target, backlog.oldest_seconds);
    }
  }
  family(out, "herald_problem", "gauge",
         "1 for each problem /healthz reports now (docs/reliability.md), by reason.");
  std::map<std::string, int> raised;
  for (const char* reason : kProblemReasons) raised.emplace(reason, 0);
  for (const std::string& reason : problems) raised[reason] = 1;
  for (const auto& [reason, on] : raised) labelled(out, "herald_problem", "reason", reason, on);
  family(out, "herald_held_deletions", "gauge",
         "Posts whose deletion is held (watch.max_deletions or content.dir unlistable).");
  sample(out, "herald_held_deletions", held_deletions);
  family(out, "herald_posts_failing", "gauge", "Post files that fail to become a post now.");
  sample(out, "herald_posts_failing", posts_failing);
  family(out, "herald_seconds_since_last_feed_write", "gauge",
         "Seconds since the last rebuild that wrote every feed file it had to (since start when none).");
  out += fmt::format("herald_seconds_since_last_feed_write {}\n",
                     now - (last_write_ok_time != 0 ? last_write_ok_time : start_time));
  family(out, "herald_build_info", "gauge", "herald's version and the commit it was built from.");
  out += fmt::format("herald_build_info{{version=\"{}\"}} 1\n", HERALD_VERSION);
  out += process_metrics(start_time);
  family(out, "herald_start_time_seconds", "gauge", "Start of the process, unix time.");
  out += fmt::format("herald_start_time_seconds {}\n", start_time);
  family(out, "herald_last_rebuild_time_seconds", "gauge", "End of the last rebuild, unix time.");
  out += fmt::format("herald_last_rebuild_time_seconds {}\n", last_rebuild_time);
  return out;
}

void Metrics::take_posts(const PostCounts& counts) {
  posts_published = counts.published;
  posts_scheduled = counts.scheduled;
  posts_drafts = counts.drafts;
}

void Metrics::take_watch(const WatchStats& stats) {
  watch_events = stats.events;
  watch_overflows = stats.overflows;
  watch_polling = stats.polling;
}

void Metrics::take_http(const HttpStats& stats) {
  for (std::size_t i = 0; i < stats.responses_by_class.size(); ++i) {
    http_responses[std::to_string(i + 1) + "xx"] = stats.responses_by_class[i];
  }
  http_bytes_sent = stats.bytes_sent;
  http_connections_accepted = stats.connections_accepted;
  http_connections_rejected = stats.connections_rejected;
  http_connections_evicted = stats.connections_evicted;
  http_connections_open = stats.connections_open;
}

void Metrics::take_delivery(const DeliveryStats& stats, const std::vector<std::string>& lanes,
                            const std::vector<TargetBacklog>& backlog, std::int64_t now_ms) {
  delivering = true;
  deliveries_sent = stats.sent;
  deliveries_dead = stats.dead;
  delivery_retries = stats.retried;
  deliveries_in_flight = stats.in_flight;
  target_outcomes.clear();
  for (const std::string& lane : lanes) target_outcomes[lane];
  for (const auto& [target, t] : stats.by_target) target_outcomes[target] = {t.sent, t.retried, t.dead};
  delivery_backlog.clear();
  for (const std::string& lane : lanes) delivery_backlog[lane];
  for (const TargetBacklog& b : backlog) {
    delivery_backlog[b.target] = {static_cast<std::uint64_t>(b.waiting),
                                  std::max<std::int64_t>(0, now_ms - b.oldest_created_ms) / 1000.0};
  }
}

}  // namespace herald
