// LanePace: one delivery lane's pacing (docs/delivery.md "Pacing"): the
// target's `pace:`, its state as kept in the outbox, and when its next first
// attempt may start. The rule itself is targets/pace_rule.h; this keeps it
// in step with the outbox (loaded once, saved when it moves) and with what
// happens in the lane: a first attempt started, a 429's pause, a step of the
// wall clock. Outbox failures are logged, never thrown. The engine's thread
// only.
#pragma once

#include <cstdint>
#include <string>

#include "daemon/outbox/shared_outbox.h"
#include "daemon/targets/pace_rule.h"

namespace herald {

class LanePace {
 public:
  explicit LanePace(SharedOutbox& outbox) : outbox_(outbox) {}

  // The target's name and pace (a reload); the saved state is read the
  // first time the pace spaces announcements out.
  void configure(const std::string& target, const PaceConfig& pace);
  const PaceConfig& pace() const { return pace_; }

  // pace.max_age at `now`: what is too old is recorded as skipped; how many.
  std::int64_t skip_stale(std::int64_t now);
  // The lane's claim of up to `room` deliveries at `now`: at most one first
  // attempt, and only once the pace lets it (decided, and saved for status).
  ClaimRequest claim_request(int room, const TimeZone& zone, std::int64_t now);
  // A first attempt started at `now`: the pace moves on from it.
  void took_turn(const TimeZone& zone, std::int64_t now);
  // A 429 paused the lane until `retry_at_ms`: the next first attempt keeps
  // min_interval from the end of the pause (the retry goes then).
  void paused_until(std::int64_t retry_at_ms);
  // The wall clock stepped by `step_ms`: measured waits keep their length.
  void clock_stepped(std::int64_t step_ms);

  // When first attempts due at `due_ms` may start.
  std::int64_t first_attempt_at(std::int64_t due_ms) const;
  // Whether the pace waits for a wall-clock time (the end of quiet hours
  // or of a capped day), which a step of the clock moves.
  bool waits_for_wall_clock() const;

 private:
  // Decides the next first attempt at `now`; whether what status shows changed.
  bool decide(const TimeZone& zone, std::int64_t now);
  void save();

  SharedOutbox& outbox_;
  std::string target_;
  PaceConfig pace_;
  TargetPace saved_;
  bool loaded_ = false;
  PaceDecision next_;
};

}  // namespace herald
