// The pacing rule: when a target's next new announcement may be sent, given
// its `pace:` (config/pace_config.h), the site's time zone, the lane's
// durable pacing state and now. Pure: no clock is read, `now_ms` is given.
//
// Three limits, the latest wins: `min_interval` after the last announcement;
// `max_per_day` announcements per local day of site.timezone (the rest wait
// for the next local midnight); `quiet_hours`, a local period that holds
// announcements until its end. A quiet period is a span of instants: it
// starts at the first instant whose local time reaches its start and ends
// at the first instant whose local time reaches its end, on the local day
// it started (or the next, when it crosses midnight). So a daylight-saving
// change neither doubles it (the repeated hour after its end is not quiet
// again) nor skips it (a start or end inside the skipped hour is the
// instant the clocks jump), and a step of the wall clock simply lands
// inside or outside a period.
//
// Retries of a delivery are not paced; only the first attempt of each new
// announcement takes a turn (after_announcement).
#pragma once

#include <cstdint>
#include <string>

#include "config/pace_config.h"
#include "feeds/time_zone.h"

namespace herald {

// A lane's pacing state, kept in the outbox (Outbox::pace_state).
struct PaceState {
  std::int64_t last_sent_ms = 0;   // the last new announcement started (0: none)
  std::int64_t day = 0;            // the local day (days since 1970-01-01 local) day_count counts
  int day_count = 0;               // new announcements started on `day`
  std::int64_t held_until_ms = 0;  // no new announcement before (a 429's pause; 0: none)
  bool operator==(const PaceState&) const = default;
};

enum class PaceReason { none, interval, quiet_hours, daily_cap, rate_limit };
// "interval", "quiet hours", "daily cap", "rate limit" ("" for none).
const char* pace_reason_name(PaceReason reason);

struct PaceDecision {
  std::int64_t at_ms = 0;               // the earliest time the next one may start (>= now)
  PaceReason reason = PaceReason::none; // what holds it until then (none: now)
};

// The earliest instant at or after `now_ms` when the next new announcement
// may start, and the limit that held it last.
PaceDecision next_announcement(const PaceConfig& pace, const TimeZone& zone, const PaceState& state,
                               std::int64_t now_ms);

// The state after a new announcement started at `sent_ms`.
PaceState after_announcement(const TimeZone& zone, PaceState state, std::int64_t sent_ms);

// The local day (days since 1970-01-01 in `zone`) of the instant `unix_ms`.
std::int64_t local_day(const TimeZone& zone, std::int64_t unix_ms);

}  // namespace herald
