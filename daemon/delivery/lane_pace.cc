#include "daemon/delivery/lane_pace.h"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "config/value_rules.h"

namespace herald {

void LanePace::configure(const std::string& target, const PaceConfig& pace) {
  target_ = target;
  pace_ = pace;
  if (loaded_ || !pace_.spaces()) return;
  Result<TargetPace> saved = outbox_.with([&](Outbox& outbox) { return outbox.pace(target_); });
  if (!saved.ok()) {
    spdlog::error("outbox: target {}: cannot read its pacing: {}", target_, saved.error());
    return;
  }
  saved_ = *saved;
  loaded_ = true;
}

void LanePace::save() {
  Status status = outbox_.with([&](Outbox& outbox) { return outbox.save_pace(target_, saved_); });
  outbox_.note_write(status);
  if (!status.ok()) spdlog::error("outbox: target {}: cannot save its pacing: {}", target_, status.message);
}

bool LanePace::decide(const TimeZone& zone, std::int64_t now) {
  next_ = next_announcement(pace_, zone, saved_.state, now);
  std::int64_t scheduled = next_.reason == PaceReason::none ? 0 : next_.at_ms;
  std::string reason = pace_reason_name(next_.reason);
  if (scheduled == saved_.scheduled_ms && reason == saved_.reason) return false;
  saved_.scheduled_ms = scheduled;
  saved_.reason = std::move(reason);
  return true;
}

std::int64_t LanePace::skip_stale(std::int64_t now) {
  std::int64_t max_age = pace_.max_age.count();
  if (max_age <= 0) return 0;
  const std::string age = format_duration(pace_.max_age);
  std::string reason = "skipped: the post was older than pace.max_age (" + age +
                       ") when its turn came; not announced (herald resend --now announces it anyway)";
  std::int64_t skipped =
      outbox_.with([&](Outbox& outbox) { return outbox.skip_stale(target_, now - max_age, reason, now); });
  if (skipped > 0) {
    spdlog::warn("target {}: {} post(s) older than pace.max_age ({}) skipped, not announced", target_, skipped, age);
  }
  return skipped;
}

ClaimRequest LanePace::claim_request(int room, const TimeZone& zone, std::int64_t now) {
  ClaimRequest request{target_, room};
  request.newest_first = pace_.order == PaceOrder::newest_first;
  if (pace_.spaces()) {
    if (decide(zone, now)) save();
    request.first_limit = next_.at_ms <= now ? 1 : 0;
  } else if (request.newest_first) {
    request.first_limit = room;
  }
  return request;
}

void LanePace::took_turn(const TimeZone& zone, std::int64_t now) {
  saved_.state = after_announcement(zone, saved_.state, now);
  decide(zone, now);
  save();
}

void LanePace::paused_until(std::int64_t retry_at_ms) {
  if (!pace_.spaces()) return;
  PaceState& state = saved_.state;
  state.held_until_ms = std::max(state.held_until_ms, retry_at_ms + pace_.min_interval.count());
  save();
}

void LanePace::clock_stepped(std::int64_t step_ms) {
  PaceState& state = saved_.state;
  if (state.last_sent_ms == 0 && state.held_until_ms == 0) return;
  if (state.last_sent_ms != 0) state.last_sent_ms += step_ms;
  if (state.held_until_ms != 0) state.held_until_ms += step_ms;
  save();
}

std::int64_t LanePace::first_attempt_at(std::int64_t due_ms) const {
  return pace_.spaces() ? std::max(due_ms, next_.at_ms) : due_ms;
}

bool LanePace::waits_for_wall_clock() const {
  return pace_.spaces() && (next_.reason == PaceReason::quiet_hours || next_.reason == PaceReason::daily_cap);
}

}  // namespace herald
