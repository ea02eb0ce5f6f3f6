// TimeZone: an IANA zone ("America/Chihuahua") read from the system's tz
// database (Debian's tzdata in /usr/share/zoneinfo, through Howard Hinnant's
// date/tz library built with USE_OS_TZDB), used to resolve dates written
// without an offset and to show times in the site's zone. No clock.
//
// File reading: `load` is the one call that touches the disk, and it is the
// library that reads (the zone's TZif file, and once per process the list
// of zone names); herald's code reads nothing here. Each `load` reads the
// zone's file again, so a tzdata update takes effect at the next start or
// reload without a rebuild. After `load`, a TimeZone is an immutable value:
// copies share it and every const method is safe from any thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace herald {

class TimeZone {
 public:
  // Returns nullopt when `iana_name` is not a zone of the system's tz
  // database (a name listed there, never a path: "zone.tab", "../x" and
  // "America" are refused) or its file cannot be read.
  static std::optional<TimeZone> load(const std::string& iana_name);
  static TimeZone utc();

  const std::string& name() const { return name_; }

  // Offset from UTC, in minutes, in effect at the local civil time given as
  // seconds since 1970-01-01T00:00 *local*. For a local time skipped or
  // repeated by a DST change the earlier offset wins (the one in force
  // before the change). After 2037, where tzdata's files stop listing
  // changes, the rules of the same calendar 28 years earlier apply.
  int offset_minutes_at_local(std::int64_t local_seconds) const;

  // Offset in minutes in effect at the instant `unix_seconds`.
  int offset_minutes_at(std::int64_t unix_seconds) const;

  // A digest of the zone's rules from 1970 to 2037: it changes when a tzdata
  // update changes this zone, so what was computed under the old rules can
  // be recognised as stale. "0" for UTC.
  std::string rules_digest() const;

 private:
  struct Rules;
  TimeZone(std::string name, std::shared_ptr<const Rules> rules);
  std::string name_;
  std::shared_ptr<const Rules> rules_;  // null: UTC
};

}  // namespace herald
