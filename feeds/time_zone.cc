// TimeZone over date/tz (Debian's libdate-tz, USE_OS_TZDB=1: the TZif files
// of /usr/share/zoneinfo). Known defects of that version, guarded here:
// - it aborts the process (an assert) on a file that is not TZif, so a name
//   is accepted only when the library's own list of zones holds it (its scan
//   of the directory skips tables, "leapseconds", directories, posix/ and
//   right/), and never as a path;
// - it ignores a TZif file's closing POSIX rule, so past the last listed
//   change (2037 in Debian's "fat" files) it would freeze the last offset:
//   those times are read 28 years earlier, where weekdays and leap years
//   repeat (exact up to 2099);
// - it reports every failure by throwing: caught here, a zone that cannot be
//   read is not loaded;
// - its database is one per process and never reloaded: each load builds
//   its own time_zone (date/tz_private.h makes the type complete), which
//   reads the zone's file anew, so a reload sees an updated tzdata.
#include "feeds/time_zone.h"

#include <date/tz.h>
#include <date/tz_private.h>

#include <algorithm>
#include <chrono>

namespace herald {

struct TimeZone::Rules {
  explicit Rules(const std::string& name) : zone(name, date::detail::undocumented{}) {}
  date::time_zone zone;
};

namespace {

using std::chrono::seconds;

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kCycle = 10227 * kDay;  // 28 years: 7 leap days, same weekdays
// 2038-01-01T00:00: later times are folded back by whole cycles.
constexpr std::int64_t kLastListed = 2145916800;

std::int64_t folded(std::int64_t seconds_since_epoch) {
  if (seconds_since_epoch < kLastListed) return seconds_since_epoch;
  std::int64_t cycles = (seconds_since_epoch - kLastListed) / kCycle + 1;
  return seconds_since_epoch - cycles * kCycle;
}

bool listed(const std::string& name) {
  const date::tzdb& db = date::get_tzdb();
  return std::any_of(db.zones.begin(), db.zones.end(),
                     [&name](const date::time_zone& z) { return z.name() == name; });
}

}  // namespace

TimeZone::TimeZone(std::string name, std::shared_ptr<const Rules> rules)
    : name_(std::move(name)), rules_(std::move(rules)) {}

std::optional<TimeZone> TimeZone::load(const std::string& iana_name) {
  try {
    if (!listed(iana_name)) return std::nullopt;
    auto rules = std::make_shared<const Rules>(iana_name);
    rules->zone.get_info(date::sys_seconds{});  // reads the file now, not on first use
    return TimeZone(iana_name, std::move(rules));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

TimeZone TimeZone::utc() { return TimeZone("UTC", nullptr); }

int TimeZone::offset_minutes_at_local(std::int64_t local_seconds) const {
  if (!rules_) return 0;
  date::local_info info = rules_->zone.get_info(date::local_seconds{seconds{folded(local_seconds)}});
  // unique: first; nonexistent (a gap) and ambiguous (an overlap): first is
  // the offset in force before the change.
  return static_cast<int>(info.first.offset.count() / 60);
}

int TimeZone::offset_minutes_at(std::int64_t unix_seconds) const {
  if (!rules_) return 0;
  date::sys_info info = rules_->zone.get_info(date::sys_seconds{seconds{folded(unix_seconds)}});
  return static_cast<int>(info.offset.count() / 60);
}

std::string TimeZone::rules_digest() const {
  if (!rules_) return "0";
  std::uint64_t hash = 1469598103934665603ULL;  // FNV-1a over (start, offset) of each period
  auto mix = [&hash](std::int64_t v) {
    for (int i = 0; i < 8; ++i) {
      hash ^= static_cast<std::uint64_t>(v >> (8 * i)) & 0xff;
      hash *= 1099511628211ULL;
    }
  };
  date::sys_seconds t{seconds{0}};
  while (t.time_since_epoch().count() < kLastListed) {
    date::sys_info info = rules_->zone.get_info(t);
    mix(t.time_since_epoch().count());
    mix(info.offset.count());
    if (info.end <= t) break;
    t = info.end;
  }
  return std::to_string(hash);
}

}  // namespace herald
