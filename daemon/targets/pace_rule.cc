#include "daemon/targets/pace_rule.h"

#include <optional>

namespace herald {
namespace {

constexpr std::int64_t kDaySeconds = 86400;

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

std::int64_t local_seconds(const TimeZone& zone, std::int64_t unix_seconds) {
  return unix_seconds + std::int64_t{zone.offset_minutes_at(unix_seconds)} * 60;
}

// The first instant (Unix seconds) whose local time is `local` or later:
// the first of two when the local time is repeated, the instant the clocks
// jumped when it was skipped.
std::int64_t first_instant_at(const TimeZone& zone, std::int64_t local) {
  std::int64_t instant = local - std::int64_t{zone.offset_minutes_at_local(local)} * 60;
  if (local_seconds(zone, instant) == local) return instant;
  // Skipped: the jump lies between the instant the later offset gives and this one.
  std::int64_t before = local - std::int64_t{zone.offset_minutes_at(instant)} * 60;
  int old_offset = zone.offset_minutes_at(before);
  while (instant - before > 1) {
    std::int64_t middle = before + (instant - before) / 2;
    (zone.offset_minutes_at(middle) == old_offset ? before : instant) = middle;
  }
  return instant;
}

// The end (Unix seconds) of the quiet period holding the instant `at_ms`,
// or nullopt when it is not quiet.
std::optional<std::int64_t> quiet_end(const QuietHours& quiet, const TimeZone& zone, std::int64_t at_ms) {
  std::int64_t day = floor_div(local_seconds(zone, floor_div(at_ms, 1000)), kDaySeconds);
  for (std::int64_t start_day : {day - 1, day}) {
    std::int64_t start = first_instant_at(zone, start_day * kDaySeconds + quiet.start_minute * 60);
    std::int64_t end_day = quiet.end_minute > quiet.start_minute ? start_day : start_day + 1;
    std::int64_t end = first_instant_at(zone, end_day * kDaySeconds + quiet.end_minute * 60);
    if (start * 1000 <= at_ms && at_ms < end * 1000) return end;
  }
  return std::nullopt;
}

}  // namespace

const char* pace_reason_name(PaceReason reason) {
  switch (reason) {
    case PaceReason::interval: return "interval";
    case PaceReason::quiet_hours: return "quiet hours";
    case PaceReason::daily_cap: return "daily cap";
    case PaceReason::rate_limit: return "rate limit";
    case PaceReason::none: break;
  }
  return "";
}

std::int64_t local_day(const TimeZone& zone, std::int64_t unix_ms) {
  return floor_div(local_seconds(zone, floor_div(unix_ms, 1000)), kDaySeconds);
}

PaceDecision next_announcement(const PaceConfig& pace, const TimeZone& zone, const PaceState& state,
                               std::int64_t now_ms) {
  PaceDecision decision{now_ms, PaceReason::none};
  auto hold_until = [&decision](std::int64_t at_ms, PaceReason reason) {
    if (at_ms <= decision.at_ms) return;
    decision.at_ms = at_ms;
    decision.reason = reason;
  };
  hold_until(state.held_until_ms, PaceReason::rate_limit);
  if (pace.min_interval.count() > 0 && state.last_sent_ms != 0) {
    hold_until(state.last_sent_ms + pace.min_interval.count(), PaceReason::interval);
  }
  // A cap moves to a local midnight, which may be quiet; the end of a quiet
  // period is on a day whose count is new or the same: two rounds settle it.
  for (int round = 0; round < 3; ++round) {
    std::int64_t before = decision.at_ms;
    std::int64_t day = local_day(zone, decision.at_ms);
    if (pace.max_per_day > 0 && day == state.day && state.day_count >= pace.max_per_day) {
      hold_until(first_instant_at(zone, (day + 1) * kDaySeconds) * 1000, PaceReason::daily_cap);
    }
    if (pace.quiet_hours) {
      if (std::optional<std::int64_t> end = quiet_end(*pace.quiet_hours, zone, decision.at_ms)) {
        hold_until(*end * 1000, PaceReason::quiet_hours);
      }
    }
    if (decision.at_ms == before) break;
  }
  return decision;
}

PaceState after_announcement(const TimeZone& zone, PaceState state, std::int64_t sent_ms) {
  std::int64_t day = local_day(zone, sent_ms);
  if (day != state.day) {
    state.day = day;
    state.day_count = 0;
  }
  ++state.day_count;
  state.last_sent_ms = sent_ms;
  if (state.held_until_ms <= sent_ms) state.held_until_ms = 0;
  return state;
}

}  // namespace herald
