#include "daemon/delivery/delivery_engine.h"

#include <algorithm>
#include <mutex>
#include <atomic>
#include <chrono>
#include <cmath>
#include <map>
#include <set>
#include <utility>

#include <spdlog/spdlog.h>

#include "daemon/delivery/asio_delivery_io.h"
#include "daemon/delivery/clock_step.h"
#include "daemon/delivery/lane_pace.h"
#include "daemon/delivery/lanes.h"
#include "daemon/delivery/target_state_store.h"
#include "daemon/targets/target_driver.h"
#include "daemon/targets/webhook/websub.h"

namespace herald {
namespace {

// A lane with nothing due looks again this often (a safety net: new
// deliveries wake it at once).
constexpr std::int64_t kSweepMs = 60 * 1000;
// After an outbox error, try again this much later.
constexpr std::int64_t kOutboxRetryMs = 5 * 1000;
constexpr std::size_t kProbeBodyBytes = 64 * 1024;
// A wall clock that moved this much more or less than the monotonic clock
// between two readings was stepped (clock_step.h).
constexpr std::chrono::milliseconds kClockStep{1000};

template <typename T>
T or_default(T value, T fallback) {
  return value > T{} ? value : fallback;
}

struct Lane {
  Lane(DeliveryIo& io, SharedOutbox& outbox)
      : refilled(io.monotonic_now()), timer(io.make_timer()), pace(outbox) {}

  TargetConfig target;
  std::shared_ptr<TargetDriver> driver;  // shared with its running attempts (reloads replace it)
  int concurrency = 1;
  double rate = 0;  // requests per second; 0: unlimited
  std::chrono::milliseconds connect_timeout{0};
  std::chrono::milliseconds timeout{0};
  std::string ca_file;

  double tokens = 0;
  std::chrono::steady_clock::time_point refilled;
  std::int64_t paused_until_ms = 0;  // after a 429
  int in_flight = 0;
  bool retired = false;
  std::unique_ptr<DeliveryTimer> timer;
  std::int64_t timer_at_ms = 0;  // 0: not armed
  LanePace pace;  // its first attempts take turns (lane_pace.h)
};

}  // namespace

class DeliveryEngine::Impl {
 public:
  Impl(const Config& config, SharedOutbox& outbox, std::unique_ptr<DeliveryIo> owned, DeliveryIo& io)
      : owned_io_(std::move(owned)),
        io_(io),
        driver_inputs_(io_.driver_inputs()),
        outbox_(outbox),
        state_store_(outbox) {
    configure(config);
  }
  ~Impl() { stop(); }

  void start() {
    io_.start([this] {
      catch_up_with_a_step_while_stopped();
      pump_lanes(all_lanes());
    });
  }

  void stop() {
    io_.stop([this] {
      stopping_ = true;
      flush();
      for (auto& [name, lane] : lanes_) lane->timer->cancel();
      io_.cancel_sends();
    });
  }

  void wake(std::vector<std::string> targets) {
    io_.post([this, targets = std::move(targets)] {
      std::vector<Lane*> lanes;
      for (const std::string& name : targets) {
        auto lane = lanes_.find(name);
        if (lane != lanes_.end()) lanes.push_back(lane->second.get());
      }
      pump_lanes(lanes);
    });
  }

  void reconfigure(const Config& config) {
    io_.post([this, config] {
      configure(config);
      pump_lanes(all_lanes());
    });
  }

  void probe() {
    std::int64_t none = 0;
    std::int64_t asked = std::chrono::steady_clock::now().time_since_epoch().count();
    if (!probe_asked_.compare_exchange_strong(none, asked)) return;  // one is pending
    io_.post([this] { probe_asked_.store(0); });
  }
  std::chrono::steady_clock::duration waiting() const {
    std::int64_t asked = probe_asked_.load();
    if (asked == 0) return {};
    return std::chrono::steady_clock::now().time_since_epoch() -
           std::chrono::steady_clock::duration(asked);
  }

  DeliveryStats stats() const {
    DeliveryStats stats{sent_.load(), retried_.load(), dead_.load(), in_flight_.load(), {}};
    std::lock_guard lock(tally_mutex_);
    stats.by_target = by_target_;
    return stats;
  }

 private:
  // Lanes follow the configuration; a lane whose target is gone retires
  // (its requests in flight finish; its pending deliveries wait in the
  // outbox for the target to come back).
  void configure(const Config& config) {
    delivery_ = config.delivery;
    std::optional<TimeZone> zone = TimeZone::load(config.site.timezone);
    zone_ = zone ? *zone : TimeZone::utc();
    std::set<std::string> names;
    for (const TargetConfig& target : delivery_targets(config)) {
      names.insert(target.name);
      std::unique_ptr<Lane>& slot = lanes_[target.name];
      if (!slot) slot = std::make_unique<Lane>(io_, outbox_);
      Lane& lane = *slot;
      lane.target = target;
      DriverResult driver = make_target_driver(target, config, &state_store_, driver_inputs_);
      if (!driver.ok()) spdlog::error("{}", driver.error());
      lane.driver = driver.ok() ? std::move(*driver) : nullptr;
      lane.retired = lane.driver == nullptr;
      lane.concurrency = or_default(target.concurrency, delivery_.concurrency);
      lane.rate = or_default(target.rate_per_second, delivery_.rate_per_second);
      lane.connect_timeout = or_default(target.connect_timeout, delivery_.connect_timeout);
      lane.timeout = or_default(target.timeout, delivery_.timeout);
      lane.ca_file = target.ca_file.empty() ? delivery_.ca_file : target.ca_file;
      lane.tokens = std::min<double>(lane.tokens, burst(lane));
      lane.pace.configure(target.name, target.pace);
    }
    for (auto& [name, lane] : lanes_) {
      if (names.count(name) == 0) {
        lane->retired = true;
        lane->timer->cancel();
        lane->timer_at_ms = 0;
      }
    }
  }

  // The wall clock; a step since the last reading is applied first
  // (on_clock_step), so every time the engine computes is on one timeline.
  std::int64_t now_ms() {
    std::int64_t before = last_wall_ms_;
    std::int64_t wall = io_.now_ms();
    std::int64_t step = clock_.observe(wall, io_.monotonic_now());
    last_wall_ms_ = wall;
    if (step != 0) on_clock_step(step, before, wall);
    return wall;
  }

  // A reading of the wall clock, with the step it was the first to see (0:
  // none). A wall time computed on an earlier reading is moved by that
  // step before it is compared with this one (arm, step).
  struct Reading {
    std::int64_t ms = 0;
    std::int64_t step_ms = 0;
  };
  Reading read_clock() {
    const std::int64_t seen = steps_seen_ms_;
    const std::int64_t ms = now_ms();
    return {ms, steps_seen_ms_ - seen};
  }

  // Notes the wall clock in the outbox (Outbox::wall_mark).
  void mark(std::int64_t wall) {
    Status noted = outbox_.with([&](Outbox& outbox) { return outbox.set_wall_mark(wall); });
    if (!noted.ok()) spdlog::debug("outbox: cannot note the time: {}", noted.message);
  }

  // The wall clock stepped back while herald was stopped: the retries and
  // leases recorded before are that much further away than they were
  // meant to be. Moves them as a step seen while running would.
  void catch_up_with_a_step_while_stopped() {
    std::optional<std::int64_t> marked = outbox_.with([](Outbox& outbox) { return outbox.wall_mark(); });
    std::int64_t wall = now_ms();
    if (!marked || wall >= *marked - kClockStep.count()) return;
    spdlog::warn("the wall clock reads {} s earlier than when herald last ran", (*marked - wall) / 1000.0);
    on_clock_step(wall - *marked, *marked, wall);
    mark(wall);
  }

  // NTP stepped the wall clock: every wait the engine measured (retries,
  // leases, a 429's pause, the lanes' wake-ups) keeps its length, so a step
  // forward neither sends them all at once nor takes a request in flight
  // for an abandoned one, and a step back does not hold them an extra hour.
  void on_clock_step(std::int64_t step, std::int64_t before, std::int64_t after) {
    steps_seen_ms_ += step;
    Result<std::int64_t> moved =
        outbox_.with([&](Outbox& outbox) { return outbox.shift_waits(step, before, after); });
    if (moved.ok()) {
      spdlog::warn("the wall clock stepped by {} s; {} retry and lease time(s) moved with it", step / 1000.0,
                   *moved);
    } else {
      spdlog::error("the wall clock stepped by {} s; outbox: {}", step / 1000.0, moved.error());
    }
    // Outcomes waiting for their write were timed before the step (this is
    // the first reading after it).
    for (DeliveryOutcome& outcome : outcomes_) {
      outcome.at_ms += step;
      if (outcome.retry_at_ms != 0) outcome.retry_at_ms += step;
    }
    for (auto& [name, lane] : lanes_) {
      if (lane->paused_until_ms != 0) lane->paused_until_ms += step;
      if (lane->timer_at_ms != 0) lane->timer_at_ms += step;
      lane->pace.clock_stepped(step);
    }
  }

  // What `lane` claims with `room` (its pace decides its first attempts);
  // posts too old for its pace.max_age are skipped first.
  ClaimRequest claim_request(Lane& lane, int room, std::int64_t now) {
    if (std::int64_t skipped = lane.pace.skip_stale(now); skipped > 0) {
      dead_ += static_cast<std::uint64_t>(skipped);
      std::lock_guard lock(tally_mutex_);
      by_target_[lane.target.name].dead += static_cast<std::uint64_t>(skipped);
    }
    return lane.pace.claim_request(room, zone_, now);
  }

  // When `lane` should look again with nothing due now: the next pending
  // delivery, or the end of a lease held by no request of this engine (its
  // outcome was lost), else the sweep.
  std::int64_t next_wake_ms(const Lane& lane, std::int64_t now) {
    std::optional<std::int64_t> next = outbox_.with([&](Outbox& outbox) {
      if (!lane.pace.pace().spaces()) return outbox.next_due(lane.target.name);
      // First attempts wait for the pace as well.
      std::optional<std::int64_t> others = outbox.next_due(lane.target.name, DueKind::others);
      std::optional<std::int64_t> first = outbox.next_due(lane.target.name, DueKind::first_attempts);
      if (first) *first = lane.pace.first_attempt_at(*first);
      if (!first || (others && *others < *first)) return others;
      return first;
    });
    auto leases = outbox_.with([&](Outbox& outbox) { return outbox.leases(lane.target.name); });
    for (const auto& [id, lease_until] : leases) {
      if (running_ids_.count(id) == 0 && (!next || lease_until < *next)) next = lease_until;
    }
    // The end of quiet hours or of a capped day is a wall-clock time: a
    // lane waiting for one looks every sweep, so a step of the clock is
    // noticed (now_ms) and the wait computed again.
    if (lane.pace.waits_for_wall_clock() && next) next = std::min(*next, now + kSweepMs);
    return next ? std::max(*next, now + 1) : now + kSweepMs;
  }

  std::vector<Lane*> all_lanes() {
    std::vector<Lane*> lanes;
    for (auto& [name, lane] : lanes_) lanes.push_back(lane.get());
    return lanes;
  }

  static double burst(const Lane& lane) { return std::max(1, lane.concurrency); }

  void refill(Lane& lane) {
    auto now = io_.monotonic_now();
    if (lane.rate <= 0) {
      lane.tokens = burst(lane);
    } else {
      double elapsed = std::chrono::duration<double>(now - lane.refilled).count();
      lane.tokens = std::min(burst(lane), lane.tokens + elapsed * lane.rate);
    }
    lane.refilled = now;
  }

  void pump(Lane& lane) { pump_lanes({&lane}); }

  // Claims (in one outbox transaction) and starts as many due deliveries as
  // each lane has room for.
  void pump_lanes(const std::vector<Lane*>& lanes) {
    if (stopping_) return;
    std::int64_t now = now_ms();
    std::vector<ClaimRequest> wanted;
    std::vector<Lane*> claiming;
    for (Lane* lane : lanes) {
      if (lane->retired) continue;
      if (lane->paused_until_ms > now) {
        arm(*lane, lane->paused_until_ms);
        continue;
      }
      refill(*lane);
      int free_slots = lane->concurrency - lane->in_flight;
      int room = std::min(free_slots, static_cast<int>(std::floor(lane->tokens)));
      if (room <= 0) {
        if (free_slots > 0) arm(*lane, now + token_wait_ms(*lane));
        continue;  // else a completion pumps again
      }
      wanted.push_back(claim_request(*lane, room, now));
      claiming.push_back(lane);
    }
    if (claiming.empty()) return;
    std::vector<Delivery> claimed;
    std::int64_t lease = delivery_.lease.count();
    Status status = outbox_.with(
        [&](Outbox& outbox) { return outbox.claim_many(wanted, now, lease, &claimed); });
    outbox_.note_write(status);
    if (!status.ok()) {
      spdlog::error("outbox: {}", status.message);
      // From the failure, not from `now`: a claim that waited out a lock
      // held elsewhere (SQLite's 5 s busy timeout) would otherwise retry at
      // once and keep the outbox from the loop.
      std::int64_t failed_at = now_ms();
      for (Lane* lane : claiming) arm(*lane, failed_at + kOutboxRetryMs);
      return;
    }
    // The claimed rows' times are on the clock of the steps seen so far.
    const std::int64_t claimed_steps = steps_seen_ms_;
    std::map<std::string, int> got;
    for (Delivery& delivery : claimed) {
      Lane& lane = *lanes_.at(delivery.target);
      ++got[delivery.target];
      if (!running_ids_.insert(delivery.id).second) {
        // Its lease ran out while its request is still ours in flight: that
        // request's outcome settles it; never two requests for one delivery.
        spdlog::warn("post {} -> {}: still in flight past its lease; not sent again", delivery.post_id,
                     lane.target.name);
        continue;
      }
      if (lane.pace.pace().spaces() && first_attempt(delivery)) lane.pace.took_turn(zone_, now);
      lane.tokens -= 1;
      ++lane.in_flight;
      ++in_flight_;
      dispatch(lane, std::move(delivery), claimed_steps);
    }
    // Read again: starting the claimed deliveries read the clock, and a step
    // one of them saw has moved the outbox's waits onto the new clock.
    now = now_ms();
    for (std::size_t i = 0; i < claiming.size(); ++i) {
      Lane& lane = *claiming[i];
      if (got[lane.target.name] < wanted[i].limit) {
        // Nothing more is due now: look again when the next one is.
        arm(lane, next_wake_ms(lane, now));
      } else if (lane.in_flight < lane.concurrency) {
        arm(lane, now + token_wait_ms(lane));
      }
    }
  }

  // Credentials refused or the endpoint gone: a driver's verdict, or the
  // statuses that mean it for every network (401, 403, 404, 410).
  static bool refuses_target(const DeliveryOutcome& outcome) {
    int s = outcome.http_status;
    return outcome.target_refused || s == 401 || s == 403 || s == 404 || s == 410;
  }

  static std::int64_t token_wait_ms(const Lane& lane) {
    if (lane.rate <= 0) return 1;
    double missing = std::max(0.0, 1.0 - lane.tokens);
    return std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(missing / lane.rate * 1000)));
  }

  // Wakes the lane at `at_ms` (an earlier wake-up already armed stands).
  // `at_ms` is on the clock of an earlier reading: a step this reading is
  // the first to see moves it as well.
  void arm(Lane& lane, std::int64_t at_ms) {
    const Reading now = read_clock();
    at_ms += now.step_ms;
    if (lane.timer_at_ms != 0 && lane.timer_at_ms <= at_ms) return;
    lane.timer_at_ms = at_ms;
    lane.timer->arm(std::chrono::milliseconds(std::max<std::int64_t>(0, at_ms - now.ms)), [this, &lane] {
      lane.timer_at_ms = 0;
      pump(lane);
    });
  }

  HttpRequest with_limits(const Lane& lane, HttpRequest request) const {
    request.connect_timeout = lane.connect_timeout;
    request.timeout = lane.timeout;
    request.ca_file = lane.ca_file;
    return request;
  }

  // `claimed_steps`: steps_seen_ms_ when `delivery` was read.
  void dispatch(Lane& lane, Delivery delivery, std::int64_t claimed_steps) {
    if (delivery.check_url.empty()) {
      send(lane, std::move(delivery));
    } else {
      probe(lane, std::move(delivery), claimed_steps);
    }
  }

  // wait_for_url: the post's public URL must answer 200 first, for at most
  // url_check_max since the delivery was recorded.
  void probe(Lane& lane, Delivery delivery, std::int64_t claimed_steps) {
    HttpRequest request;
    request.method = "GET";
    request.url = delivery.check_url;
    request.max_response_bytes = kProbeBodyBytes;
    request = with_limits(lane, std::move(request));
    io_.send(std::move(request), [this, &lane, claimed_steps,
                                  delivery = std::move(delivery)](HttpResponse response) mutable {
      if (stopping_) return;
      std::int64_t now = now_ms();
      // Onto the clock after any step seen since the claim, as shift_waits
      // moves the row's (SQLite; PostgreSQL's rows stay, pg_outbox.h).
      delivery.created_ms += steps_seen_ms_ - claimed_steps;
      if (response.status == 200) {
        send(lane, std::move(delivery));
        return;
      }
      if (now - delivery.created_ms >= delivery_.url_check_max.count()) {
        spdlog::warn("post {} -> {}: {} still answers {}; announcing anyway after {} s", delivery.post_id,
                     lane.target.name, delivery.check_url, probe_result(response),
                     delivery_.url_check_max.count() / 1000);
        send(lane, std::move(delivery));
        return;
      }
      spdlog::debug("post {} -> {}: waiting for {} (it answers {})", delivery.post_id, lane.target.name,
                    delivery.check_url, probe_result(response));
      DeliveryOutcome outcome;
      outcome.id = delivery.id;
      outcome.kind = DeliveryOutcome::Kind::url_pending;
      outcome.at_ms = now;
      outcome.retry_at_ms = now + delivery_.url_check_interval.count();
      outcome.http_status = response.status;
      outcome.error = "waiting for the post's URL to answer 200 (it answers " + probe_result(response) + ")";
      complete(lane, std::move(outcome));
    });
  }

  static std::string probe_result(const HttpResponse& response) {
    return response.status != 0 ? "HTTP " + std::to_string(response.status) : response.error;
  }

  // One attempt: the driver's steps, request by request, until it is done.
  void send(Lane& lane, Delivery delivery) {
    auto running = std::make_shared<Running>();
    running->driver = lane.driver;
    running->attempt = lane.driver->attempt(delivery);
    running->delivery = std::move(delivery);
    step(lane, running, running->attempt->first(now_ms()));
  }

  struct Running {
    Delivery delivery;
    std::shared_ptr<TargetDriver> driver;  // outlives the attempt
    std::unique_ptr<DeliveryAttempt> attempt;
    HttpResponse last;  // the last response (for the log line)
    int steps = 0;
  };

  void step(Lane& lane, const std::shared_ptr<Running>& running, AttemptStep next) {
    if (next.kind == AttemptStep::Kind::done) {
      DeliveryOutcome outcome = std::move(next.outcome);
      outcome.id = running->delivery.id;
      if (outcome.at_ms == 0) {
        const Reading now = read_clock();
        outcome.at_ms = now.ms;
        // Timed by the driver on the reading before this one.
        if (outcome.retry_at_ms != 0) outcome.retry_at_ms += now.step_ms;
      }
      report(lane, running->delivery, outcome, running->last);
      complete(lane, std::move(outcome));
      return;
    }
    if (++running->steps > kMaxAttemptSteps) {
      DeliveryOutcome outcome;
      outcome.id = running->delivery.id;
      outcome.kind = DeliveryOutcome::Kind::retry;
      outcome.at_ms = now_ms();
      outcome.retry_at_ms = outcome.at_ms + delivery_.backoff_initial.count();
      outcome.error = "the attempt did not finish within " + std::to_string(kMaxAttemptSteps) + " requests";
      report(lane, running->delivery, outcome, running->last);
      complete(lane, std::move(outcome));
      return;
    }
    if (next.kind == AttemptStep::Kind::wait) {
      // Another attempt renews the account's credentials: resume after it
      // (at once when it has ended already).
      auto resume = [this, &lane, running] {
        io_.post([this, &lane, running] {
          if (!stopping_) step(lane, running, running->attempt->resume(now_ms()));
        });
      };
      if (next.gate->busy()) {
        next.gate->wait(std::move(resume));
      } else {
        resume();
      }
      return;
    }
    // send_at_ms is on the clock of the driver's reading: a step this
    // reading is the first to see moves it as well.
    const Reading now = read_clock();
    const std::int64_t wait_ms = next.send_at_ms + now.step_ms - now.ms;
    if (wait_ms > 0) {
      std::shared_ptr<DeliveryTimer> timer = io_.make_timer();
      timer->arm(std::chrono::milliseconds(wait_ms), [this, &lane, running, timer, next = std::move(next)]() mutable {
        if (stopping_) return;
        next.send_at_ms = 0;
        step(lane, running, std::move(next));
      });
      return;
    }
    io_.send(with_limits(lane, std::move(next.request)), [this, &lane, running](HttpResponse response) {
      if (stopping_) return;
      AttemptStep following = running->attempt->next(response, now_ms());
      running->last = std::move(response);
      step(lane, running, std::move(following));
    });
  }

  void report(const Lane& lane, const Delivery& delivery, const DeliveryOutcome& outcome,
              const HttpResponse& response) {
    const std::string& target = lane.target.name;
    tally(target, outcome.kind);
    switch (outcome.kind) {
      case DeliveryOutcome::Kind::sent:
        ++sent_;
        spdlog::info("post {} -> {}: {} delivered (HTTP {}, {} ms, attempt {}){}", delivery.post_id, target,
                     delivery.event, response.status, response.elapsed.count(), delivery.attempts,
                     outcome.remote_url.empty() ? "" : ": " + outcome.remote_url);
        break;
      case DeliveryOutcome::Kind::retry:
        ++retried_;
        spdlog::warn("post {} -> {}: attempt {} failed: {}; next attempt in {} s", delivery.post_id, target,
                     delivery.attempts, lane.driver->redact(outcome.error),
                     std::max<std::int64_t>(0, (outcome.retry_at_ms - outcome.at_ms + 999) / 1000));
        break;
      case DeliveryOutcome::Kind::dead:
        ++dead_;
        spdlog::error("post {} -> {}: given up after {} attempt(s): {}", delivery.post_id, target,
                      delivery.attempts, lane.driver->redact(outcome.error));
        break;
      case DeliveryOutcome::Kind::url_pending:
        break;
    }
  }

  // Queues the outcome; outcomes are written in one transaction per turn
  // of the loop, then the lanes that finished something look for more.
  void complete(Lane& lane, DeliveryOutcome outcome) {
    running_ids_.erase(outcome.id);
    --lane.in_flight;
    --in_flight_;
    if (outcome.kind == DeliveryOutcome::Kind::retry && outcome.http_status == 429) {
      lane.paused_until_ms = std::max(lane.paused_until_ms, outcome.retry_at_ms);
      lane.pace.paused_until(outcome.retry_at_ms);
    }
    if (outcome.kind == DeliveryOutcome::Kind::dead && refuses_target(outcome)) {
      stops_.emplace_back(lane.target.name, "not sent: the target refused an earlier delivery (" +
                                                outcome.error + "); fix it, then run herald retry --target " +
                                                lane.target.name);
    }
    outcomes_.push_back(std::move(outcome));
    finished_lanes_.insert(&lane);
    if (!flush_posted_) {
      flush_posted_ = true;
      io_.post([this] { flush(); });
    }
  }

  void flush() {
    flush_posted_ = false;
    if (!outcomes_.empty()) {
      std::vector<DeliveryOutcome> batch = std::move(outcomes_);
      outcomes_.clear();
      // The time is noted with the outcomes (whose retry times it bounds),
      // only once they are written: a locked or failing outbox costs no
      // extra wait.
      Status status = outbox_.with([&](Outbox& outbox) {
        Status finished = outbox.finish(batch);
        if (finished.ok()) outbox.set_wall_mark(last_wall_ms_);
        return finished;
      });
      outbox_.note_write(status);
      // Unrecorded outcomes leave their deliveries in_flight: the lease
      // expires and they are claimed again with the same idempotency key.
      if (!status.ok()) spdlog::error("outbox: {} ({} outcome(s) not recorded)", status.message, batch.size());
    }
    for (auto& [target, reason] : std::exchange(stops_, {})) {
      // Read outside the outbox's turn: a step seen by this reading moves
      // the outbox's waits, in a turn of its own.
      const std::int64_t now = now_ms();
      std::int64_t stopped =
          outbox_.with([&](Outbox& outbox) { return outbox.stop_target(target, reason, now); });
      if (stopped > 0) {
        dead_ += static_cast<std::uint64_t>(stopped);
        {
          std::lock_guard lock(tally_mutex_);
          by_target_[target].dead += static_cast<std::uint64_t>(stopped);
        }
        spdlog::error("target {}: stopped: {} pending delivery(ies) marked dead; fix the target, then run "
                      "herald retry --target {}", target, stopped, target);
      }
    }
    std::vector<Lane*> lanes(finished_lanes_.begin(), finished_lanes_.end());
    finished_lanes_.clear();
    pump_lanes(lanes);
  }

  std::unique_ptr<DeliveryIo> owned_io_;  // production: the engine's own loop
  DeliveryIo& io_;                        // before the lanes: their timers are its
  DriverInputs driver_inputs_;
  SharedOutbox& outbox_;
  OutboxTargetState state_store_;
  DeliveryConfig delivery_;
  TimeZone zone_ = TimeZone::utc();  // site.timezone: quiet hours and days
  std::map<std::string, std::unique_ptr<Lane>> lanes_;
  std::vector<DeliveryOutcome> outcomes_;
  std::vector<std::pair<std::string, std::string>> stops_;  // targets that refused herald, with why
  std::set<Lane*> finished_lanes_;
  std::set<std::int64_t> running_ids_;  // deliveries with a request of ours in flight
  ClockStepDetector clock_{kClockStep};
  std::int64_t last_wall_ms_ = 0;
  std::int64_t steps_seen_ms_ = 0;  // the sum of the steps seen (read_clock)
  bool flush_posted_ = false;
  bool stopping_ = false;
  std::atomic<std::uint64_t> sent_{0}, retried_{0}, dead_{0}, in_flight_{0};
  std::atomic<std::int64_t> probe_asked_{0};  // steady ticks of the pending probe; 0: none
  // Outcomes by target for stats(), read from the daemon's loop.
  mutable std::mutex tally_mutex_;
  std::map<std::string, DeliveryStats::Tally> by_target_;
  void tally(const std::string& target, DeliveryOutcome::Kind kind) {
    std::lock_guard lock(tally_mutex_);
    DeliveryStats::Tally& t = by_target_[target];
    if (kind == DeliveryOutcome::Kind::sent) ++t.sent;
    if (kind == DeliveryOutcome::Kind::retry) ++t.retried;
    if (kind == DeliveryOutcome::Kind::dead) ++t.dead;
  }
};

DeliveryEngine::DeliveryEngine(const Config& config, SharedOutbox& outbox) {
  std::unique_ptr<DeliveryIo> io = make_asio_delivery_io(config);
  DeliveryIo& loop = *io;
  impl_ = std::make_unique<Impl>(config, outbox, std::move(io), loop);
}
DeliveryEngine::DeliveryEngine(const Config& config, SharedOutbox& outbox, DeliveryIo& io)
    : impl_(std::make_unique<Impl>(config, outbox, nullptr, io)) {}
DeliveryEngine::~DeliveryEngine() = default;
void DeliveryEngine::start() { impl_->start(); }
void DeliveryEngine::stop() { impl_->stop(); }
void DeliveryEngine::wake(const std::vector<std::string>& targets) { impl_->wake(targets); }
void DeliveryEngine::reconfigure(const Config& config) { impl_->reconfigure(config); }
DeliveryStats DeliveryEngine::stats() const { return impl_->stats(); }
void DeliveryEngine::probe() { impl_->probe(); }
std::chrono::steady_clock::duration DeliveryEngine::waiting() const { return impl_->waiting(); }

}  // namespace herald
