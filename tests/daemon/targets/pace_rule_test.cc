// The pacing rule on its own: intervals, quiet hours crossing midnight and
// meeting daylight-saving changes (Europe/Madrid, America/Tijuana), a zone
// without them (America/Mexico_City), the daily cap rolling over at local
// midnight, and which limit wins.
#include "daemon/targets/pace_rule.h"

#include <boost/test/unit_test.hpp>

#include "feeds/timestamp.h"

namespace herald {
namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;

// An instant written in UTC ("2026-03-29T01:30:00Z"), in Unix ms.
std::int64_t at(const std::string& utc) {
  std::string error;
  std::optional<Timestamp> t = parse_timestamp(utc, TimeZone::utc(), &error);
  BOOST_TEST_REQUIRE(error == "");
  return t->unix_seconds * 1000;
}

TimeZone zone(const std::string& name) {
  std::optional<TimeZone> z = TimeZone::load(name);
  BOOST_TEST_REQUIRE(z.has_value());
  return *z;
}

PaceConfig quiet(int start_hour, int start_minute, int end_hour, int end_minute) {
  PaceConfig pace;
  pace.quiet_hours = QuietHours{start_hour * 60 + start_minute, end_hour * 60 + end_minute};
  return pace;
}

// Where the next announcement may start, and why, at `now`.
std::pair<std::int64_t, PaceReason> next(const PaceConfig& pace, const TimeZone& z, const PaceState& s,
                                         std::int64_t now) {
  PaceDecision d = next_announcement(pace, z, s, now);
  return {d.at_ms, d.reason};
}

using Next = std::pair<std::int64_t, PaceReason>;

}  // namespace

BOOST_AUTO_TEST_SUITE(pace_rule)

BOOST_AUTO_TEST_CASE(no_pace_sends_now) {
  BOOST_TEST((next(PaceConfig{}, TimeZone::utc(), PaceState{}, 1000) == Next{1000, PaceReason::none}));
}

BOOST_AUTO_TEST_CASE(interval_counts_from_the_last_announcement) {
  PaceConfig pace;
  pace.min_interval = minutes(10);
  PaceState state = after_announcement(TimeZone::utc(), {}, at("2026-05-10T12:00:00Z"));
  BOOST_TEST((next(pace, TimeZone::utc(), state, at("2026-05-10T12:03:00Z")) ==
              Next{at("2026-05-10T12:10:00Z"), PaceReason::interval}));
  BOOST_TEST((next(pace, TimeZone::utc(), state, at("2026-05-10T12:10:00Z")) ==
              Next{at("2026-05-10T12:10:00Z"), PaceReason::none}));
  BOOST_TEST((next(pace, TimeZone::utc(), PaceState{}, 5) == Next{5, PaceReason::none}));
}

BOOST_AUTO_TEST_CASE(a_rate_limit_pause_and_the_interval_the_later_wins) {
  PaceConfig pace;
  pace.min_interval = minutes(10);
  PaceState state = after_announcement(TimeZone::utc(), {}, at("2026-05-10T12:00:00Z"));
  state.held_until_ms = at("2026-05-10T12:25:00Z");
  BOOST_TEST((next(pace, TimeZone::utc(), state, at("2026-05-10T12:01:00Z")) ==
              Next{at("2026-05-10T12:25:00Z"), PaceReason::rate_limit}));
  state.held_until_ms = at("2026-05-10T12:05:00Z");
  BOOST_TEST((next(pace, TimeZone::utc(), state, at("2026-05-10T12:01:00Z")) ==
              Next{at("2026-05-10T12:10:00Z"), PaceReason::interval}));
}

BOOST_AUTO_TEST_CASE(quiet_hours_cross_midnight) {
  TimeZone mexico = zone("America/Mexico_City");  // UTC-6, no daylight saving
  PaceConfig pace = quiet(23, 0, 7, 0);
  const Next morning{at("2026-05-11T13:00:00Z"), PaceReason::quiet_hours};  // 07:00 local
  BOOST_TEST((next(pace, mexico, {}, at("2026-05-11T05:00:00Z")) == morning));  // 23:00, it starts
  BOOST_TEST((next(pace, mexico, {}, at("2026-05-11T06:30:00Z")) == morning));  // 00:30
  BOOST_TEST((next(pace, mexico, {}, at("2026-05-11T12:59:59Z")) == morning));  // 06:59:59
  BOOST_TEST((next(pace, mexico, {}, at("2026-05-11T13:00:00Z")) ==
              Next{at("2026-05-11T13:00:00Z"), PaceReason::none}));
  BOOST_TEST((next(pace, mexico, {}, at("2026-05-11T04:59:59Z")) ==
              Next{at("2026-05-11T04:59:59Z"), PaceReason::none}));       // 22:59:59
}

BOOST_AUTO_TEST_CASE(quiet_hours_within_a_day) {
  PaceConfig pace = quiet(13, 30, 15, 0);
  BOOST_TEST((next(pace, TimeZone::utc(), {}, at("2026-05-11T14:00:00Z")) ==
              Next{at("2026-05-11T15:00:00Z"), PaceReason::quiet_hours}));
  BOOST_TEST((next(pace, TimeZone::utc(), {}, at("2026-05-11T15:00:00Z")).second == PaceReason::none));
  BOOST_TEST((next(pace, TimeZone::utc(), {}, at("2026-05-11T13:29:00Z")).second == PaceReason::none));
}

BOOST_AUTO_TEST_CASE(mexico_city_keeps_eight_hours_where_daylight_saving_was) {
  // The first Sunday of April was Mexico's change until 2022; no longer.
  TimeZone mexico = zone("America/Mexico_City");
  PaceConfig pace = quiet(23, 0, 7, 0);
  BOOST_TEST((next(pace, mexico, {}, at("2026-04-05T05:00:00Z")) ==
              Next{at("2026-04-05T13:00:00Z"), PaceReason::quiet_hours}));
}

BOOST_AUTO_TEST_CASE(a_quiet_period_meeting_the_spring_gap_is_neither_skipped_nor_lengthened) {
  // Madrid, 2026-03-29: 02:00 CET (01:00 UTC) jumps to 03:00 CEST.
  TimeZone madrid = zone("Europe/Madrid");
  // Ending inside the skipped hour: it ends at the jump.
  PaceConfig ends = quiet(23, 0, 2, 30);
  BOOST_TEST((next(ends, madrid, {}, at("2026-03-28T22:00:00Z")) ==
              Next{at("2026-03-29T01:00:00Z"), PaceReason::quiet_hours}));  // 23:00 CET
  BOOST_TEST((next(ends, madrid, {}, at("2026-03-29T00:59:59Z")).first == at("2026-03-29T01:00:00Z")));
  BOOST_TEST((next(ends, madrid, {}, at("2026-03-29T01:00:00Z")).second == PaceReason::none));
  // Starting inside it: it starts at the jump, and still ends at 06:00 CEST.
  PaceConfig starts = quiet(2, 30, 6, 0);
  BOOST_TEST((next(starts, madrid, {}, at("2026-03-29T00:59:59Z")).second == PaceReason::none));
  BOOST_TEST((next(starts, madrid, {}, at("2026-03-29T01:00:00Z")) ==
              Next{at("2026-03-29T04:00:00Z"), PaceReason::quiet_hours}));
  // Tijuana, 2026-03-08: 02:00 PST (10:00 UTC) jumps to 03:00 PDT.
  TimeZone tijuana = zone("America/Tijuana");
  BOOST_TEST((next(quiet(23, 0, 7, 0), tijuana, {}, at("2026-03-08T09:30:00Z")) ==
              Next{at("2026-03-08T14:00:00Z"), PaceReason::quiet_hours}));  // 07:00 PDT
}

BOOST_AUTO_TEST_CASE(a_quiet_period_in_the_repeated_autumn_hour_is_not_doubled) {
  // Tijuana, 2026-11-01: 02:00 PDT (09:00 UTC) falls back to 01:00 PST;
  // 01:00-02:00 happens twice. The period ends at the first 01:30.
  TimeZone tijuana = zone("America/Tijuana");
  PaceConfig pace = quiet(23, 0, 1, 30);
  BOOST_TEST((next(pace, tijuana, {}, at("2026-11-01T06:00:00Z")) ==
              Next{at("2026-11-01T08:30:00Z"), PaceReason::quiet_hours}));  // 23:00 PDT
  BOOST_TEST((next(pace, tijuana, {}, at("2026-11-01T08:45:00Z")).second == PaceReason::none));  // 01:45 PDT
  BOOST_TEST((next(pace, tijuana, {}, at("2026-11-01T09:15:00Z")).second == PaceReason::none));  // 01:15 PST
  // Madrid, 2026-10-25: 03:00 CEST (01:00 UTC) falls back to 02:00 CET.
  TimeZone madrid = zone("Europe/Madrid");
  PaceConfig repeated = quiet(2, 0, 2, 30);
  BOOST_TEST((next(repeated, madrid, {}, at("2026-10-25T00:15:00Z")) ==
              Next{at("2026-10-25T00:30:00Z"), PaceReason::quiet_hours}));  // 02:15 CEST
  BOOST_TEST((next(repeated, madrid, {}, at("2026-10-25T01:15:00Z")).second == PaceReason::none));  // 02:15 CET
  // A period across the change keeps its local ends: 23:00 CEST to 07:00 CET is nine hours.
  BOOST_TEST((next(quiet(23, 0, 7, 0), madrid, {}, at("2026-10-24T21:00:00Z")) ==
              Next{at("2026-10-25T06:00:00Z"), PaceReason::quiet_hours}));
}

BOOST_AUTO_TEST_CASE(a_stepped_clock_lands_inside_or_outside_a_period) {
  TimeZone mexico = zone("America/Mexico_City");
  PaceConfig pace = quiet(23, 0, 7, 0);
  // The clock stepped forward from 22:50 to 06:50 local: ten minutes of quiet remain.
  BOOST_TEST((next(pace, mexico, {}, at("2026-05-11T12:50:00Z")) ==
              Next{at("2026-05-11T13:00:00Z"), PaceReason::quiet_hours}));
  // Stepped back from 07:10 to 06:10: quiet again until 07:00, once.
  BOOST_TEST((next(pace, mexico, {}, at("2026-05-11T12:10:00Z")).first == at("2026-05-11T13:00:00Z")));
}

BOOST_AUTO_TEST_CASE(the_daily_cap_rolls_over_at_local_midnight) {
  TimeZone mexico = zone("America/Mexico_City");
  PaceConfig pace;
  pace.max_per_day = 2;
  PaceState state = after_announcement(mexico, {}, at("2026-05-10T20:00:00Z"));  // 14:00 local
  BOOST_TEST(state.day_count == 1);
  BOOST_TEST((next(pace, mexico, state, at("2026-05-10T21:00:00Z")).second == PaceReason::none));
  state = after_announcement(mexico, state, at("2026-05-11T05:50:00Z"));  // 23:50 local, same day
  BOOST_TEST(state.day_count == 2);
  const Next midnight{at("2026-05-11T06:00:00Z"), PaceReason::daily_cap};  // 00:00 local
  BOOST_TEST((next(pace, mexico, state, at("2026-05-11T05:51:00Z")) == midnight));
  BOOST_TEST((next(pace, mexico, state, at("2026-05-11T06:00:00Z")).second == PaceReason::none));
  state = after_announcement(mexico, state, at("2026-05-11T06:00:00Z"));
  BOOST_TEST(state.day_count == 1);  // a new local day (UTC's changed at 00:00 UTC, not here)
}

BOOST_AUTO_TEST_CASE(a_capped_day_ends_in_quiet_hours_then_waits_for_their_end) {
  TimeZone mexico = zone("America/Mexico_City");
  PaceConfig pace = quiet(23, 0, 7, 0);
  pace.max_per_day = 1;
  pace.min_interval = minutes(10);
  PaceState state = after_announcement(mexico, {}, at("2026-05-10T22:00:00Z"));  // 16:00
  BOOST_TEST((next(pace, mexico, state, at("2026-05-10T22:05:00Z")) ==
              Next{at("2026-05-11T13:00:00Z"), PaceReason::quiet_hours}));
}

BOOST_AUTO_TEST_CASE(reasons_have_names) {
  BOOST_TEST(pace_reason_name(PaceReason::interval) == "interval");
  BOOST_TEST(pace_reason_name(PaceReason::quiet_hours) == "quiet hours");
  BOOST_TEST(pace_reason_name(PaceReason::daily_cap) == "daily cap");
  BOOST_TEST(pace_reason_name(PaceReason::rate_limit) == "rate limit");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
