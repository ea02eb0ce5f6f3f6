#include "daemon/service/daemon.h"
#include "daemon/service/daemon_config.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <ctime>
#include <future>
#include <memory>
#include <optional>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/system_timer.hpp>
#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include "config/config.h"
#include "config/delivery_event.h"
#include "daemon/announce/editor_decision.h"
#include "daemon/announce/hub_pings.h"
#include "daemon/base/health.h"
#include "daemon/base/malloc_tuning.h"
#include "daemon/base/logging.h"
#include "daemon/base/wall_clock.h"
#include "daemon/control/control_commands.h"
#include "daemon/control/control_protocol.h"
#include "daemon/control/control_server.h"
#include "daemon/console/console_server.h"
#include "daemon/console/password_checker.h"
#include "daemon/console/password_hash.h"
#include "daemon/service/console_wiring.h"
#include "daemon/service/outbox_opening.h"
#include "daemon/delivery/asio_delivery_io.h"
#include "daemon/delivery/delivery_engine.h"
#include "daemon/delivery/lanes.h"
#include "daemon/delivery/target_state_store.h"
#include "daemon/base/health.h"
#include "daemon/outbox/outbox.h"
#include "daemon/site/state_catalog.h"
#include "daemon/outbox/retry_dead.h"
#include "daemon/outbox/shared_outbox.h"
#include "daemon/outbox/state_outbox.h"
#include "daemon/service/outbox_health.h"
#include "daemon/serve/http_server.h"
#include "daemon/service/descriptor_limit.h"
#include "daemon/service/metrics.h"
#include "daemon/service/service_notifier.h"
#include "daemon/service/site_thread.h"
#include "daemon/service/socket_activation.h"
#include "daemon/site/write_failures.h"
#include "daemon/targets/webhook/webhook_signature.h"
#include "daemon/watch/content_watcher.h"
#include "feeds/feed_planner.h"
#include "feeds/status.h"

namespace herald {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

// Milliseconds from `started` to now, for the start's log lines.
double ms_since(std::chrono::steady_clock::time_point started) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
}

// The scheduler re-checks at least this often, so that a wall-clock jump
// (NTP, suspend) delays a scheduled post by at most this much.
constexpr std::chrono::seconds kMaxScheduleWait{60};
// The longest pause between two attempts to write feeds that failed.
constexpr std::chrono::seconds kMaxWriteBackoff{60};

constexpr std::chrono::seconds kStatusPeriod{1};
constexpr std::chrono::seconds kStateCheckPeriod{1};
// The delivery engine's loop not answering for this long is a problem.
constexpr std::chrono::seconds kEngineStall{30};

// A fresh idempotency key; RAND_bytes failing is all but impossible, and
// then uniqueness still holds by time and counter.
std::string message_id() {
  if (std::optional<std::string> id = new_message_id()) return *id;
  static std::atomic<std::uint64_t> counter = 0;
  return "msg_" + std::to_string(wall_clock_ms()) + "_" + std::to_string(::getpid()) + "_" +
         std::to_string(++counter);
}

HttpServerOptions server_options(const Config& config) {
  HttpServerOptions options;
  options.root = config.output.dir;
  options.site_url = config.site.url;
  options.hubs = config.feeds.hubs;
  options.feed_files = {config.feeds.rss_file, config.feeds.atom_file, config.feeds.json_file};
  if (config.feeds.pages) options.feed_page_file = config.feeds.page_file;
  options.cache_control = config.serve.cache_control;
  options.max_connections = static_cast<std::size_t>(config.serve.max_connections);
  options.idle_timeout = config.serve.idle_timeout;
  options.header_timeout = config.serve.header_timeout;
  options.max_requests_per_second = static_cast<unsigned>(config.serve.max_requests_per_second);
  options.max_connections_per_address =
      static_cast<std::size_t>(config.serve.max_connections_per_address);
  options.max_requests_per_connection =
      static_cast<unsigned>(config.serve.max_requests_per_connection);
  options.max_connection_lifetime = config.serve.max_connection_lifetime;
  options.metrics_allow = config.serve.metrics_allow;
  options.metrics_listen = config.serve.metrics_listen;
  return options;
}

// The server takes IP addresses; the configuration also allows localhost.
std::string ip_listen_address(const std::string& listen) {
  if (listen.rfind("localhost:", 0) == 0) return "127.0.0.1" + listen.substr(9);
  return listen;
}

bool same_server(const Config& a, const Config& b) {
  return a.serve.enabled == b.serve.enabled && a.serve.listen == b.serve.listen &&
         a.serve.cache_control == b.serve.cache_control &&
         a.serve.max_connections == b.serve.max_connections &&
         a.serve.idle_timeout == b.serve.idle_timeout &&
         a.serve.header_timeout == b.serve.header_timeout &&
         a.serve.max_requests_per_second == b.serve.max_requests_per_second &&
         a.serve.max_connections_per_address == b.serve.max_connections_per_address &&
         a.serve.max_requests_per_connection == b.serve.max_requests_per_connection &&
         a.serve.max_connection_lifetime == b.serve.max_connection_lifetime &&
         a.serve.metrics_listen == b.serve.metrics_listen &&
         a.serve.metrics_allow == b.serve.metrics_allow &&
         a.output.dir == b.output.dir && a.site.url == b.site.url && a.feeds.hubs == b.feeds.hubs &&
         a.feeds.rss_file == b.feeds.rss_file && a.feeds.atom_file == b.feeds.atom_file &&
         a.feeds.json_file == b.feeds.json_file;
}

WatchOptions watch_options(const Config& config) {
  WatchOptions options;
  options.mode = config.watch.mode;
  options.quiet = config.watch.quiet;
  options.cap = config.watch.cap;
  options.open_write_grace = config.watch.open_write_grace;
  options.rescan_interval =
      std::chrono::duration_cast<std::chrono::seconds>(config.watch.rescan_interval);
  options.poll_interval = config.watch.poll_interval;
  return options;
}

class Daemon {
 public:
  Daemon(Config config, std::string program)
      : config_(std::move(config)),
        program_(std::move(program)),
        signals_(io_, SIGTERM, SIGINT, SIGHUP),
        schedule_timer_(io_),
        watchdog_timer_(io_),
        status_timer_(io_),
        state_timer_(io_) {}

  int run();

 private:
  Status start_server();
  // The outbox (the lock proves no other herald uses this state directory)
  // opened on a thread of its own (outbox_opening.h) while the loop serves
  // the feeds on disk and the site thread loads; then, on the loop,
  // delivery_opened().
  void open_delivery(std::chrono::steady_clock::time_point started);
  // With the outbox open: the delivery engine, the control socket and the
  // console, and the outbox handed to the site thread, whose load then
  // records and announces its posts. Without it, herald stops with
  // kExitFailure.
  void delivery_opened(std::chrono::steady_clock::time_point started);
  // The first load, posted at the start: READY once its feeds are written
  // unless the last clean stop's were served already.
  void load_site(std::chrono::steady_clock::time_point started);

  // What follows every site job on the loop: its counts and next scheduled
  // post kept, its announcement's targets woken, the schedule re-armed;
  // `then` first.
  SiteThread::Done after_site(std::function<void(const SiteOutcome&)> then);
  void woke(const Announcement& announcement);
  void on_control(const std::string& command, const boost::json::object& args, const std::string& caller,
                  ControlServer::Respond respond);
  void resend(const boost::json::object& args, const std::string& caller, ControlServer::Respond respond);
  boost::json::value retry(const boost::json::object& args, const std::string& caller);
  // approve / reject (announce/editor_decision.h).
  boost::json::value decide(const std::string& command, const boost::json::object& args,
                            const std::string& caller);
  // Deliveries whose approval timed out take their default.
  void expire_approvals();
  // The editors' console on console.listen (daemon/console), when configured.
  Status start_console();
  void reload_console();
  DaemonSnapshot snapshot();
  // Problems the loop notices by looking (the watcher polling) into health_.
  void refresh_health();
  TargetTypes target_types() const;
  // Every lane of the delivery engine (delivery/lanes.h), by target name.
  std::vector<std::string> lane_names() const;
  void start_watcher();
  void wait_for_signal();
  void arm_schedule();
  void arm_watchdog();
  // STATUS= at most once per kStatusPeriod: sd_notify blocks when the
  // receiver lags (a datagram queue holds 10 messages by default), and
  // systemctl status needs no more.
  void schedule_status();
  void ping_hubs(const std::vector<std::string>& touched);
  // Schedules a rebuild of what failed to be written, backing off.
  void retry_writes();
  // Every kStateCheckPeriod: the outbox's health, and the announcement it
  // could not record made again.
  void check_state();
  void on_changes(const ChangeBatch& batch);
  // `done` gets the refusal of the new configuration, or ok once the site
  // is rebuilt under it.
  void reload(std::function<void(const Status&)> done);
  void stop(const char* why);
  // Logs, counts and publishes the result of one rebuild.
  void record(const ChangeReport& report, std::chrono::steady_clock::time_point started,
              const std::string& reason);
  std::string status_line() const;
  std::string loading_text() const;
  HttpResponseText healthz();
  HttpResponseText metrics();

  boost::asio::io_context io_;
  Config config_;
  std::string program_;  // herald's version line: the run manifest's key
  boost::asio::signal_set signals_;
  boost::asio::system_timer schedule_timer_;
  boost::asio::steady_timer watchdog_timer_;
  boost::asio::steady_timer status_timer_;
  bool status_pending_ = false;
  boost::asio::steady_timer state_timer_;
  bool announce_pending_ = false;  // an announcement the outbox did not record
  bool announcing_again_ = false;
  int announce_failures_ = 0;      // in a row: the next attempt waits 1, 2, 4... 16 s
  std::chrono::steady_clock::time_point announce_again_at_{};
  ServiceNotifier notifier_;
  Metrics metrics_;
  std::unique_ptr<ContentWatcher> watcher_;
  std::unique_ptr<HttpServer> server_;
  std::unique_ptr<SharedOutbox> outbox_;
  // The control commands' reads (status, list) go through a connection of
  // their own: a reader never waits for the shared outbox, which a write
  // stuck behind a lock another process holds keeps for seconds at a time,
  // just when an operator asks `herald status`. Null when it could not be
  // opened: the shared outbox serves.
  std::unique_ptr<Outbox> control_reader_;
  std::unique_ptr<OutboxTargetState> state_store_;  // drivers' state, in the outbox
  std::unique_ptr<DeliveryEngine> engine_;
  std::unique_ptr<ControlServer> control_;
  std::unique_ptr<DaemonConsoleBackend> console_backend_;
  // Logins' password checks, off the loop; answers posted back to it.
  std::unique_ptr<PasswordChecker> password_checker_;
  std::unique_ptr<ConsoleApp> console_app_;
  std::unique_ptr<ConsoleServer> console_server_;
  std::vector<int> inherited_sockets_;
  std::int64_t started_ms_ = wall_clock_ms();
  std::vector<std::string> last_error_texts_;
  bool built_ = false;
  // Before built_: the feeds on disk are those a clean stop recorded and
  // nothing changed since (SiteThread::check_last_stop's `vouched`); served, READY.
  bool vouched_ = false;
  // Before built_: the first load's feeds are on disk (SiteThread::load's
  // `rendered`) while the catalog cache and the outbox record its posts;
  // served, READY.
  bool rendered_ = false;
  bool stopping_ = false;
  // Until delivery_opened(): the outbox being opened (a SIGHUP meanwhile is
  // applied once it is open, `reload_waiting_`).
  std::future<OpenedOutbox> opening_;
  bool reload_waiting_ = false;
  int exit_code_ = kExitOk;
  // The last rebuild, for /healthz.
  std::string last_reason_;
  double last_seconds_ = 0;
  std::size_t last_errors_ = 0;
  // What is wrong now, for /healthz, status, /metrics (base/health.h).
  Health health_;
  std::vector<std::string> broken_posts_;  // as the site thread last listed them
  std::vector<HeldPost> held_deletions_;  // as the site thread last listed them
  // Feed writes that failed are tried again after a growing pause.
  boost::asio::steady_timer write_retry_timer_{io_};
  std::chrono::seconds write_backoff_{0};
  std::int64_t last_write_ok_ms_ = 0;  // the last rebuild that wrote every file
  // The loop's view of the site, as the last site job left it.
  PostCounts counts_;
  std::optional<Timestamp> next_scheduled_;

  // Last: stopped (joined) before anything its jobs use.
  std::unique_ptr<SiteThread> site_;
};

Status Daemon::start_server() {
  if (inherited_sockets_.empty() && !config_.serve.enabled) return {};
  HttpServerOptions options = server_options(config_);
  if (auto warning = descriptor_shortfall(options.max_connections, options.cache_files,
                                          descriptor_limit().soft)) {
    spdlog::warn("{}", *warning);
  }
  auto server = std::make_unique<HttpServer>(
      io_, std::move(options),
      HttpHandlers{[this] { return healthz(); }, [this] { return metrics(); }});
  if (!inherited_sockets_.empty()) {
    for (int fd : inherited_sockets_) {
      if (Status adopted = server->adopt(fd); !adopted.ok()) return adopted;
    }
    spdlog::info("serving {} on {} socket(s) passed by systemd", config_.output.dir,
                 inherited_sockets_.size());
  } else {
    if (Status listening = server->listen(ip_listen_address(config_.serve.listen)); !listening.ok()) {
      return listening;
    }
    spdlog::info("serving {} on http://{}/", config_.output.dir, config_.serve.listen);
  }
  if (!config_.serve.metrics_listen.empty()) {
    if (Status listening = server->listen_metrics(ip_listen_address(config_.serve.metrics_listen));
        !listening.ok()) {
      return listening;
    }
    spdlog::info("serving /metrics on http://{}/metrics only", config_.serve.metrics_listen);
  }
  // Where to point a feed reader: the main feed's URLs on this server.
  if (!server->local_endpoints().empty() && config_.feeds.main.enabled) {
    const auto endpoint = server->local_endpoints().front();
    std::string host = endpoint.address().is_v6() ? "[" + endpoint.address().to_string() + "]"
                                                  : endpoint.address().to_string();
    std::string urls;
    for (const std::string& path : feed_paths(FeedKey{FeedKind::main, ""}, config_.feeds)) {
      urls += " http://" + host + ":" + std::to_string(endpoint.port()) + "/" + path;
    }
    spdlog::info("main feed:{}", urls);
  }
  server->set_starting(!built_);
  server_ = std::move(server);
  return {};
}

SiteThread::Done Daemon::after_site(std::function<void(const SiteOutcome&)> then) {
  return [this, then = std::move(then)](const SiteOutcome& outcome) {
    counts_ = outcome.counts;
    next_scheduled_ = outcome.next_scheduled;
    if (outcome.store_failed) ++metrics_.errors["state"];
    if (outcome.hold) {
      health_.raise("content_held", outcome.hold->message, wall_clock_ms());
    } else {
      health_.clear("content_held");
    }
    held_deletions_ = outcome.hold ? outcome.hold->posts : std::vector<HeldPost>{};
    broken_posts_.clear();
    for (const Diagnostic& broken : outcome.broken) broken_posts_.push_back(broken.to_string());
    if (outcome.store_failed) {
      health_.raise("catalog_cache", "catalog cache: cannot open it in " + state_catalog_place(config_) +
                    "; herald runs without it (a restart reads every post)", wall_clock_ms());
    }
    then(outcome);
    woke(outcome.announcement);
    arm_schedule();
  };
}

void Daemon::start_watcher() {
  watcher_ = std::make_unique<ContentWatcher>(
      io_, config_.content.dir, ContentFilter{config_.content.include, config_.content.exclude},
      watch_options(config_), [this](ChangeBatch batch) { on_changes(batch); });
  if (Status started = watcher_->start(); !started.ok()) {
    ++metrics_.errors["watch"];
    spdlog::error("{}; changes are picked up only by the periodic rescan", started.message);
  }
}

void Daemon::wait_for_signal() {
  signals_.async_wait([this](const boost::system::error_code& error, int number) {
    if (error) return;
    if (number == SIGHUP) {
      if (engine_) {
        reload([](const Status&) {});
      } else if (!reload_waiting_) {
        reload_waiting_ = true;
        spdlog::info("SIGHUP: the configuration is reloaded once the outbox is open");
      }
      wait_for_signal();
    } else {
      stop(number == SIGINT ? "SIGINT" : "SIGTERM");
    }
  });
}

void Daemon::arm_schedule() {
  schedule_timer_.cancel();
  const std::optional<Timestamp>& next = next_scheduled_;
  if (!next) return;
  auto due = std::chrono::system_clock::from_time_t(static_cast<std::time_t>(next->unix_seconds)) +
             std::chrono::milliseconds(2);
  auto cap = std::chrono::system_clock::now() + kMaxScheduleWait;
  schedule_timer_.expires_at(std::min(due, cap));
  schedule_timer_.async_wait([this](const boost::system::error_code& error) {
    if (error || stopping_) return;
    auto started = std::chrono::steady_clock::now();
    site_->publish_due(after_site([this, started](const SiteOutcome& outcome) {
      if (outcome.report.posts_changed > 0) record(outcome.report, started, "schedule");
    }));
  });
}

void Daemon::arm_watchdog() {
  std::optional<std::chrono::microseconds> period = notifier_.watchdog_period();
  if (!period) return;
  watchdog_timer_.expires_after(*period);
  watchdog_timer_.async_wait([this, period = *period](const boost::system::error_code& error) {
    if (error || stopping_) return;
    // The timer fired, so the loop is not stuck; the site thread is stuck
    // when its job took no step for the whole watchdog interval (two periods).
    if (site_ && site_->stalled(2 * period)) {
      spdlog::error("the site thread has made no progress for {} s; not telling systemd it is alive",
                    std::chrono::duration_cast<std::chrono::seconds>(2 * period).count());
    } else {
      notifier_.watchdog();
    }
    arm_watchdog();
  });
}

void Daemon::on_changes(const ChangeBatch& batch) {
  if (stopping_) return;
  auto started = std::chrono::steady_clock::now();
  ++metrics_.watch_batches;
  if (batch.full_rescan) {
    ++metrics_.rescans;
    spdlog::debug("rescanning {} ({})", config_.content.dir, batch.reason);
  }
  site_->apply(batch, after_site([this, started, full_rescan = batch.full_rescan,
                                   reason = batch.reason](const SiteOutcome& outcome) {
    const ChangeReport& report = outcome.report;
    if (full_rescan || report.posts_changed > 0 || !report.errors.empty() ||
        !report.write_errors.empty()) {
      record(report, started, reason);
    }
  }));
}

void Daemon::record(const ChangeReport& report, std::chrono::steady_clock::time_point started,
                    const std::string& reason) {
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  // A warning (a post published without its image) is logged and listed, not counted as an error.
  std::size_t post_errors = 0;
  for (const Diagnostic& d : report.errors) {
    if (d.warning) {
      spdlog::warn("{}", d.to_string());
    } else {
      spdlog::error("{}", d.to_string());
      ++post_errors;
    }
  }
  // One line per cause, again only when the cause changes (Health).
  if (!report.write_errors.empty()) {
    health_.raise("writes_failing", summarize_write_errors(report.write_errors), wall_clock_ms());
    retry_writes();
  } else {
    health_.clear("writes_failing");
    write_backoff_ = std::chrono::seconds(0);
    last_write_ok_ms_ = wall_clock_ms();
  }
  if (server_) {
    for (const std::string& path : report.touched_outputs) server_->invalidate(path);
  }
  metrics_.errors["post"] += post_errors;
  metrics_.errors["write"] += report.write_errors.size();
  metrics_.feeds_written += report.files_written;
  metrics_.feeds_unchanged += report.files_unchanged;
  metrics_.feeds_deleted += report.files_deleted;
  ++metrics_.rebuilds;
  metrics_.rebuild_seconds.observe(seconds);
  metrics_.last_rebuild_time = static_cast<std::int64_t>(std::time(nullptr));
  last_reason_ = reason;
  last_seconds_ = seconds;
  last_errors_ = post_errors + report.write_errors.size();
  last_error_texts_.clear();
  for (const Diagnostic& error : report.errors) last_error_texts_.push_back(error.to_string());
  if (!report.write_errors.empty()) {
    last_error_texts_.push_back(summarize_write_errors(report.write_errors));
  }
  if (reason == "start" || reason == "reload") {
    spdlog::info("{} files: {} unchanged, {} read; {} with errors", report.files,
                 report.unchanged, report.read, post_errors);
  }
  spdlog::info("{}: {} post(s) changed; {} feed file(s) written, {} unchanged, {} deleted in "
               "{:.1f} ms",
               reason, report.posts_changed, report.files_written, report.files_unchanged,
               report.files_deleted, seconds * 1000);
  ping_hubs(report.touched_outputs);
  schedule_status();
}

void Daemon::retry_writes() {
  write_backoff_ = std::clamp(write_backoff_ * 2, std::chrono::seconds(1), kMaxWriteBackoff);
  write_retry_timer_.expires_after(write_backoff_);
  write_retry_timer_.async_wait([this](const boost::system::error_code& error) {
    if (error || stopping_) return;
    auto started = std::chrono::steady_clock::now();
    // An empty batch: the site renders everything a failed write left stale.
    site_->apply(ChangeBatch{}, after_site([this, started](const SiteOutcome& outcome) {
      record(outcome.report, started, "retry");
    }));
  });
}

void Daemon::ping_hubs(const std::vector<std::string>& touched) {
  if (!outbox_ || !engine_) return;
  HubPings pings = outbox_->with(
      [&](Outbox& outbox) { return record_hub_pings(config_, touched, outbox, wall_clock_ms(), message_id); });
  if (!pings.status.ok()) {
    outbox_->note_write(pings.status);
    ++metrics_.errors["outbox"];
    spdlog::error("outbox: {}; the hubs will hear of these feeds with their next change", pings.status.message);
    return;
  }
  if (!pings.hubs.empty()) engine_->wake(pings.hubs);
}

void Daemon::schedule_status() {
  if (status_pending_) return;
  status_pending_ = true;
  status_timer_.expires_after(kStatusPeriod);
  status_timer_.async_wait([this](const boost::system::error_code& error) {
    status_pending_ = false;
    if (error || stopping_) return;
    notifier_.status(status_line());
  });
}

// Before built_: what is served while the first load runs (healthz, status).
std::string Daemon::loading_text() const {
  if (rendered_) return "the feeds served are current; the posts read are being recorded";
  return vouched_ ? "the feeds served are those of the last clean stop, unchanged since"
                  : "the feeds served are those on disk until it ends";
}

std::string Daemon::status_line() const {
  const PostCounts& counts = counts_;
  return std::to_string(counts.published) + " posts published, " +
         std::to_string(counts.scheduled) + " scheduled; last rebuild (" + last_reason_ +
         ") " + std::to_string(static_cast<long>(last_seconds_ * 1000)) + " ms, " +
         std::to_string(last_errors_) + " error(s)";
}

void Daemon::refresh_health() {
  if (watcher_ && watcher_->stats().polling && config_.watch.mode != WatchMode::kPoll) {
    health_.raise("watcher_polling",
                  "watching " + config_.content.dir + " fell back to polling every " +
                      std::to_string(config_.watch.poll_interval.count()) +
                      " ms (see the warning above): changes take longer to reach the feeds",
                  wall_clock_ms());
  } else {
    health_.clear("watcher_polling");
  }
}

HttpResponseText Daemon::healthz() {
  boost::json::object body;
  if (!built_) {
    if (vouched_ || rendered_) {
      body["status"] = "ok";
      body["version"] = HERALD_VERSION;
      body["loading"] = loading_text();
      return {200, "application/json", boost::json::serialize(body) + "\n"};
    }
    body["status"] = "starting";
    return {503, "application/json", boost::json::serialize(body) + "\n"};
  }
  refresh_health();
  const PostCounts& counts = counts_;
  body["status"] = health_.ok() ? "ok" : "degraded";
  body["version"] = HERALD_VERSION;
  body["published"] = counts.published;
  body["scheduled"] = counts.scheduled;
  body["last_rebuild"] = {{"reason", last_reason_},
                          {"time", metrics_.last_rebuild_time},
                          {"duration_ms", std::llround(last_seconds_ * 1000)},
                          {"errors", last_errors_}};
  body["problems"] = problems_json(health_.problems());
  return {health_.ok() ? 200u : 503u, "application/json", boost::json::serialize(body) + "\n"};
}

HttpResponseText Daemon::metrics() {
  if (built_) metrics_.take_posts(counts_);
  refresh_health();
  metrics_.problems.clear();
  for (const HealthProblem& problem : health_.problems()) metrics_.problems.push_back(problem.reason);
  metrics_.held_deletions = held_deletions_.size();
  metrics_.posts_failing = broken_posts_.size();
  metrics_.last_write_ok_time = last_write_ok_ms_ / 1000;
  metrics_.now = wall_clock_ms() / 1000;
  if (watcher_) metrics_.take_watch(watcher_->stats());
  if (server_) metrics_.take_http(server_->stats());
  metrics_.delivering = engine_ != nullptr;
  if (engine_) {
    metrics_.take_delivery(engine_->stats(), lane_names(),
                           outbox_->with([](Outbox& outbox) { return outbox.backlog(); }), wall_clock_ms());
  }
  return {200, "text/plain; version=0.0.4; charset=utf-8", metrics_.expose()};
}

void Daemon::reload(std::function<void(const Status&)> done) {
  notifier_.reloading("reloading " + config_.path);
  spdlog::info("reloading the configuration from {}", config_.path);
  ConfigResult loaded = load_daemon_config(config_.path);
  if (!loaded.errors.empty()) {
    for (const Diagnostic& error : loaded.errors) spdlog::error("{}", error.to_string());
    spdlog::error("reload failed: {} error(s) in {}; keeping the running configuration",
                  loaded.errors.size(), config_.path);
    ++metrics_.errors["config"];
    notifier_.ready(status_line());
    std::string why = std::to_string(loaded.errors.size()) + " error(s) in " + config_.path +
                      "; keeping the running configuration";
    for (const Diagnostic& error : loaded.errors) why += "\n" + error.to_string();
    return done(Status::failed(why));
  }
  if (loaded.config->state.dir != config_.state.dir || loaded.config->state.database != config_.state.database ||
      loaded.config->state.instance != config_.state.instance ||
      loaded.config->control.socket != config_.control.socket) {
    spdlog::warn("state.dir, state.database, state.instance and control.socket changes take effect at the "
                 "next restart");
    loaded.config->state.dir = config_.state.dir;
    loaded.config->state.database = config_.state.database;
    loaded.config->state.instance = config_.state.instance;
    loaded.config->control.socket = config_.control.socket;
  }
  Config previous = config_;
  config_ = std::move(*loaded.config);
  setup_logging(config_.log.level);
  if (inherited_sockets_.empty() && !same_server(previous, config_)) {
    server_.reset();
    if (Status started = start_server(); !started.ok()) {
      spdlog::error("{}; the HTTP server is off until the next reload or restart", started.message);
      ++metrics_.errors["config"];
    }
  }
  if (config_.console.listen != previous.console.listen) {
    spdlog::warn("console.listen changes take effect at the next restart");
  }
  reload_console();
  auto started = std::chrono::steady_clock::now();
  engine_->reconfigure(config_);
  // Batches of the new watcher wait on the site thread behind the load.
  watcher_.reset();
  start_watcher();
  site_->load(config_, {}, after_site([this, started, done = std::move(done)](const SiteOutcome& outcome) {
    // A load opens the catalog cache afresh: it works again or says so again.
    if (!outcome.store_failed) health_.clear("catalog_cache");
    record(outcome.report, started, "reload");
    notifier_.ready(status_line());
    done(Status{});
  }));
}

void Daemon::open_delivery(std::chrono::steady_clock::time_point started) {
  opening_ = std::async(std::launch::async, [this, config = config_, started] {
    OpenedOutbox opened = open_run_outbox(config, wall_clock_ms());
    // get() in the handler waits out the moment between this post and the return.
    boost::asio::post(io_, [this, started] { delivery_opened(started); });
    return opened;
  });
}

void Daemon::delivery_opened(std::chrono::steady_clock::time_point started) {
  OpenedOutbox opened = opening_.get();
  if (stopping_) return;  // stopped while it opened: it closes unused
  auto failed = [this](const std::string& why) {
    spdlog::error("{}", why);
    exit_code_ = kExitFailure;
    stop("the outbox is unusable");
  };
  if (!opened.writer.ok()) return failed(opened.writer.error());
  spdlog::debug("the outbox is open ({:.0f} ms since the start)", ms_since(started));
  if (config_.state.database) {
    spdlog::info("outbox: {} (shared), this instance is \"{}\"", config_.state.database->shown,
                 instance_name(config_));
  }
  if (opened.resumed > 0) {
    spdlog::info("outbox: {} delivery(ies) interrupted by the last stop will be sent again "
                 "with their idempotency keys", opened.resumed);
  }
  outbox_ = std::make_unique<SharedOutbox>(*std::move(opened.writer));
  if (opened.reader.ok()) {
    control_reader_ = *std::move(opened.reader);
  } else {
    spdlog::warn("outbox: no reader of its own for control commands ({}); they share the daemon's",
                 opened.reader.error());
  }
  state_store_ = std::make_unique<OutboxTargetState>(*outbox_);
  engine_ = std::make_unique<DeliveryEngine>(config_, *outbox_);
  Result<std::unique_ptr<ControlServer>> control = ControlServer::start(
      io_, config_.control.socket,
      [this](const std::string& command, const boost::json::object& args, const std::string& caller,
             ControlServer::Respond respond) { on_control(command, args, caller, std::move(respond)); });
  if (!control.ok()) return failed(control.error());
  control_ = *std::move(control);
  site_->use_outbox(outbox_.get(), state_store_.get());
  if (Status console = start_console(); !console.ok()) return failed(console.message);
  check_state();
  if (reload_waiting_) {
    reload_waiting_ = false;
    reload([](const Status&) {});
  }
}

Status Daemon::start_console() {
  if (!config_.console.enabled) return {};
  ConsoleWiring wiring;
  wiring.outbox = outbox_.get();
  wiring.reader = control_reader_.get();
  wiring.config = [this]() -> const Config& { return config_; };
  wiring.wake = [this](const std::vector<std::string>& targets) { engine_->wake(targets); };
  wiring.broken_posts = [this] { return broken_posts_; };
  wiring.held_deletions = [this] { return held_deletions_; };
  wiring.resend = [this](ResendArgs args, std::function<void(boost::json::value, std::vector<std::string>)> done) {
    site_->resend(std::move(args), std::move(done));
  };
  wiring.preview = [this](std::vector<Delivery> deliveries,
                          std::function<void(std::vector<AnnouncementPreview>)> done) {
    site_->preview(std::move(deliveries), std::move(done));
  };
  console_backend_ = std::make_unique<DaemonConsoleBackend>(std::move(wiring));
  std::string problem;
  ConsoleSettings settings = console_settings(config_, &problem);
  if (!problem.empty()) spdlog::warn("console: {}", problem);
  if (settings.users.empty()) {
    spdlog::warn("console: no accounts yet; add one with `herald passwd NAME`, then `herald reload`");
  }
  password_checker_ = std::make_unique<PasswordChecker>();
  auto check_password = [this](std::string hash, std::string password, std::function<void(bool)> done) {
    return password_checker_->check(std::move(hash), std::move(password),
                                    [this, done = std::move(done)](bool matches) {
                                      boost::asio::post(io_, [done, matches] { done(matches); });
                                    });
  };
  console_app_ = std::make_unique<ConsoleApp>(std::move(settings), *console_backend_,
                                              [] { return random_token(); }, std::move(check_password));
  Result<std::unique_ptr<ConsoleServer>> server =
      ConsoleServer::start(io_, ip_listen_address(config_.console.listen), *console_app_,
                           config_.console.proxy_user_header, config_.console.trusted_proxies);
  if (!server.ok()) return server.status();
  console_server_ = *std::move(server);
  spdlog::info("console on http://{}/", config_.console.listen);
  return {};
}

void Daemon::reload_console() {
  if (!console_app_) return;
  std::string problem;
  ConsoleSettings settings = console_settings(config_, &problem);
  if (!problem.empty()) spdlog::warn("console: {}", problem);
  console_app_->set_users(std::move(settings.users));
}

// A failed announcement leaves its posts unrecorded: check_state() makes a
// full pass again, with backoff, until the outbox records them.
void Daemon::woke(const Announcement& result) {
  if (!result.status.ok()) {
    ++metrics_.errors["outbox"];
    outbox_->note_write(result.status);
    announce_pending_ = true;
    return;
  }
  if (result.new_posts > 0) {
    spdlog::info("announcing {} new post(s): {} delivery(ies) queued", result.new_posts,
                 result.deliveries);
  }
  if (!result.targets.empty()) engine_->wake(result.targets);
}

void Daemon::check_state() {
  if (std::optional<std::string> problem = outbox_problem(*outbox_, config_.state.dir, config_.state.database.has_value())) {
    health_.raise("outbox", *problem, wall_clock_ms());
  } else {
    health_.clear("outbox");
  }
  if (engine_ && built_) {
    auto waiting = std::chrono::duration_cast<std::chrono::seconds>(engine_->waiting());
    if (waiting >= kEngineStall) {
      health_.raise("delivery_stalled",
                    "the delivery engine has made no progress for " +
                        std::to_string(kEngineStall.count()) +
                        " s or more: deliveries wait; the log above says what it was doing; "
                        "restart herald if it does not recover",
                    wall_clock_ms());
    } else {
      health_.clear("delivery_stalled");
    }
    engine_->probe();
    expire_approvals();
    // A shared outbox gets deliveries from other instances (and their
    // expired leases) without this one being told: every lane claims.
    if (config_.state.database && outbox_->check_file().ok()) {
      std::vector<std::string> targets;
      for (const TargetConfig& target : config_.targets) targets.push_back(target.name);
      engine_->wake(targets);
    }
  }
  if (announce_pending_ && built_ && !announcing_again_ &&
      std::chrono::steady_clock::now() >= announce_again_at_) {
    announcing_again_ = true;
    site_->announce_again(after_site([this](const SiteOutcome& outcome) {
      announcing_again_ = false;
      if (!outcome.announcement.status.ok()) {
        announce_again_at_ = std::chrono::steady_clock::now() +
                             kStateCheckPeriod * (1 << std::min(announce_failures_++, 4));
        return;
      }
      announce_pending_ = false;
      announce_failures_ = 0;
      outbox_->note_write(Status{});
    }));
  }
  state_timer_.expires_after(kStateCheckPeriod);
  state_timer_.async_wait([this](const boost::system::error_code& error) {
    if (!error && !stopping_) check_state();
  });
}

DaemonSnapshot Daemon::snapshot() {
  refresh_health();
  DaemonSnapshot s;
  s.started_ms = started_ms_;
  s.pid = static_cast<int>(::getpid());
  s.version = HERALD_VERSION;
  const PostCounts& counts = counts_;
  s.published = counts.published;
  s.scheduled = counts.scheduled;
  s.drafts = counts.drafts;
  if (!built_) s.loading = loading_text();
  s.last_rebuild_ms = metrics_.last_rebuild_time * 1000;
  s.last_rebuild_duration_ms = last_seconds_ * 1000;
  s.last_rebuild_ok = last_errors_ == 0;
  s.last_errors = last_error_texts_;
  s.problems = health_.problems();
  s.broken_posts = broken_posts_;
  s.held_deletions = held_deletions_;
  if (config_.state.database) s.instance = instance_name(config_);
  s.outbox = config_.state.database ? config_.state.database->shown : outbox_path(config_);
  return s;
}

std::vector<std::string> Daemon::lane_names() const {
  std::vector<std::string> names;
  for (const TargetConfig& target : delivery_targets(config_)) names.push_back(target.name);
  return names;
}

TargetTypes Daemon::target_types() const { return target_types_of(delivery_targets(config_)); }

void Daemon::on_control(const std::string& command, const boost::json::object& args, const std::string& caller,
                        ControlServer::Respond respond) {
  auto read = [this](auto&& use) {
    return control_reader_ ? use(*control_reader_) : outbox_->with(use);
  };
  if (command == "status") {
    std::vector<TargetCounts> counts = read([](Outbox& outbox) { return outbox.counts(); });
    respond(status_json(snapshot(), counts, target_types()));
  } else if (command == "list") {
    Result<ListFilter> filter = parse_list_args(args);
    if (!filter.ok()) return respond(control_error(filter.error()));
    std::vector<PostDeliveries> posts = read([&](Outbox& outbox) { return outbox.list(*filter); });
    std::map<std::string, TargetPace> paces = read([](Outbox& outbox) { return outbox.paces(); });
    respond(list_json(posts, paces));
  } else if (command == "retry") {
    respond(retry(args, caller));
  } else if (command == "resend") {
    resend(args, caller, std::move(respond));
  } else if (command == "approve" || command == "reject") {
    respond(decide(command, args, caller));
  } else if (command == "confirm-deletions") {
    if (Status none = check_no_args(args); !none.ok()) return respond(control_error(none.message));
    auto started = std::chrono::steady_clock::now();
    std::size_t held = held_deletions_.size();
    site_->confirm_deletions(after_site([this, started, held, respond = std::move(respond)](
                                            const SiteOutcome& outcome) {
      record(outcome.report, started, "confirm-deletions");
      respond(confirm_deletions_json(held, outcome.report.posts_changed));
    }));
  } else if (command == "reload") {
    reload([this, respond = std::move(respond)](const Status& reloaded) {
      respond(reloaded.ok() ? boost::json::value(reload_json(snapshot()))
                            : boost::json::value(control_error(reloaded.message)));
    });
  } else {
    respond(control_error("unknown command \"" + command + "\""));
  }
}

boost::json::value Daemon::retry(const boost::json::object& args, const std::string& caller) {
  Result<RetryArgs> parsed = parse_retry_args(args);
  if (!parsed.ok()) return control_error(parsed.error());
  Result<std::int64_t> requeued = outbox_->with([&](Outbox& outbox) {
    return retry_dead(outbox, parsed->target, parsed->post, wall_clock_ms(), caller);
  });
  if (!requeued.ok()) return control_error(requeued.error());
  if (*requeued > 0) {
    spdlog::info("retry: {} dead delivery(ies) requeued by {}", *requeued, caller);
    engine_->wake(lane_names());
  }
  return retry_json(*requeued);
}

boost::json::value Daemon::decide(const std::string& command, const boost::json::object& args,
                                  const std::string& caller) {
  const bool approving = command == "approve";
  Result<DecisionArgs> parsed = parse_decision_args(args, approving);
  if (!parsed.ok()) return control_error(parsed.error());
  EditorDecision decision{parsed->delivery, parsed->post, parsed->target, parsed->text, caller, wall_clock_ms()};
  Result<std::vector<Delivery>> decided = outbox_->with([&](Outbox& outbox) {
    return approving ? approve_deliveries(outbox, config_, decision) : reject_deliveries(outbox, decision);
  });
  if (!decided.ok()) return control_error(decided.error());
  std::vector<std::string> woken;
  for (const Delivery& d : *decided) {
    spdlog::info("{}: delivery {} of post {} to {} {} by {}", command, d.id, d.post_id, d.target,
                 approving ? "approved" : "rejected", caller);
    woken.push_back(d.target);
  }
  if (approving && !woken.empty()) engine_->wake(woken);
  return decision_json(*decided);
}

void Daemon::expire_approvals() {
  // Skipped for this round while another thread uses the outbox: behind a
  // lock held elsewhere the loop would wait out a busy timeout per user
  // queued before it, with posts and requests waiting (state_faults).
  std::optional<Result<Outbox::ExpiredApprovals>> swept =
      outbox_->try_with([](Outbox& outbox) { return outbox.expire_approvals(wall_clock_ms()); });
  if (!swept) return;
  Result<Outbox::ExpiredApprovals>& expired = *swept;
  if (!expired.ok()) {
    outbox_->note_write(expired.status());
    ++metrics_.errors["outbox"];
    // An unreachable database is reported once, as the "outbox" problem.
    if (outbox_->check_file().ok()) spdlog::error("outbox: approval timeouts: {}", expired.error());
    return;
  }
  // Only a write made tells that writes work again: with nothing due, the
  // sweep only read, and a failing outbox stays reported.
  if (expired->decided > 0) outbox_->note_write(Status{});
  if (!expired->approved.empty()) engine_->wake(expired->approved);
}

// The plan needs the catalog: it is made on the site thread, and the answer
// comes back to the loop.
void Daemon::resend(const boost::json::object& args, const std::string& caller, ControlServer::Respond respond) {
  Result<ResendArgs> parsed = parse_resend_args(args);
  if (!parsed.ok()) return respond(control_error(parsed.error()));
  parsed->caller = caller;
  site_->resend(*std::move(parsed),
                [this, respond = std::move(respond)](boost::json::value reply,
                                                     std::vector<std::string> woken) {
                  if (!woken.empty()) engine_->wake(woken);
                  respond(reply);
                });
}

void Daemon::stop(const char* why) {
  stopping_ = true;
  notifier_.stopping("stopping (" + std::string(why) + ")");
  spdlog::info("{}: stopping", why);
  if (watcher_) watcher_->stop();
  if (server_) server_->stop();
  control_.reset();
  console_server_.reset();
  password_checker_.reset();  // the check under way finishes; its answer is dropped
  if (engine_) engine_->stop();
  schedule_timer_.cancel();
  write_retry_timer_.cancel();
  watchdog_timer_.cancel();
  status_timer_.cancel();
  state_timer_.cancel();
  signals_.cancel();
}

int Daemon::run() {
  metrics_.start_time = static_cast<std::int64_t>(std::time(nullptr));
  inherited_sockets_ = inherited_http_sockets();
  // Sockets first: an address in use is reported before any work is done.
  if (Status started = start_server(); !started.ok()) {
    spdlog::error("{}", started.message);
    return kExitUsage;
  }
  notifier_.status("reading " + config_.content.dir);
  site_ = std::make_unique<SiteThread>(
      message_id,
      [this](std::function<void()> job) {
        boost::asio::post(io_, [this, job = std::move(job)] {
          if (!stopping_) job();
        });
      },
      program_);
  auto started = std::chrono::steady_clock::now();
  // The record of the last clean stop is checked on the site thread, then
  // the site loads there, while another thread opens the outbox; the loop
  // serves the feeds on disk meanwhile (/healthz: starting) and says READY
  // when the record holds or the load's feeds are written.
  site_->check_last_stop(config_, [this, started] {
    vouched_ = true;
    if (server_) server_->set_starting(false);
    spdlog::info("the feeds of the last clean stop hold (nothing changed since, checked in {:.0f} ms): "
                 "serving them while the catalog loads",
                 ms_since(started));
    notifier_.ready("serving the feeds of the last clean stop; loading the catalog");
  });
  // Watching starts before the load's scan so that nothing written during
  // it is missed; its batches wait on the site thread behind the load.
  start_watcher();
  load_site(started);
  open_delivery(started);
  arm_watchdog();
  wait_for_signal();
  io_.run();
  if (opening_.valid()) opening_.wait();  // stopped before the outbox was open
  // The site job in progress ends (a feed write is never cut); the queued ones are dropped.
  site_->stop();
  if (exit_code_ == kExitOk) site_->vouch_at_stop();
  spdlog::info("stopped");
  return exit_code_;
}

void Daemon::load_site(std::chrono::steady_clock::time_point started) {
  // READY as soon as the feeds are written; the catalog cache and, once the
  // outbox is open, the announcements follow (announcing checks every
  // published id against the outbox: a first start records them all).
  site_->load(config_,
              [this, started] {
                rendered_ = true;
                if (vouched_) return;  // READY was said
                if (server_) server_->set_starting(false);
                spdlog::info("feeds written in {:.0f} ms: serving them while the posts read are recorded",
                             ms_since(started));
                notifier_.ready("serving the feeds just written; recording the posts read");
              },
              after_site([this, started](const SiteOutcome& outcome) {
                record(outcome.report, started, "start");
                if (server_) server_->set_starting(false);
                engine_->start();
                built_ = true;
                if (vouched_ || rendered_) {
                  notifier_.status(status_line());  // READY was said: feeds vouched for or written
                } else {
                  notifier_.ready(status_line());
                }
              }));
}

}  // namespace

int run_daemon(const std::string& config_path, const std::string& program) {
  setup_logging(LogLevel::info);
  ConfigResult loaded = load_daemon_config(config_path);
  if (loaded.config) {
    // At start only: later, a directory that goes away is held (SiteState).
    if (std::optional<Diagnostic> missing = content_dir_error(*loaded.config)) {
      loaded.errors.push_back(*missing);
    }
  }
  if (!loaded.errors.empty()) {
    for (const Diagnostic& error : loaded.errors) spdlog::error("{}", error.to_string());
    spdlog::error("the configuration has {} error(s); not starting", loaded.errors.size());
    return kExitUsage;
  }
  setup_logging(loaded.config->log.level);
  // A reader that disconnects mid-response must not kill the daemon.
  ::signal(SIGPIPE, SIG_IGN);
  DescriptorLimit limit = raise_descriptor_limit();
  spdlog::debug("open files: limit {} (hard {})", limit.soft, limit.hard);
  tune_malloc();
  Daemon daemon(std::move(*loaded.config), program);
  return daemon.run();
}

}  // namespace herald
