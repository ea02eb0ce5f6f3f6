// ShownTime: how `herald status` and `herald list` show a time the daemon
// answered in RFC 3339: in the site's zone with its offset
// ("2026-12-02 09:10:00 -06:00"), or in UTC ("2026-12-02 15:10:00 UTC")
// with --utc or when the site's zone is UTC. JSON output is not touched.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <string>

#include "config/config.h"
#include "feeds/time_zone.h"

namespace herald {

class ShownTime {
 public:
  explicit ShownTime(TimeZone zone) : zone_(std::move(zone)) {}
  // config.site.timezone, or UTC when `utc` (or when that zone cannot be loaded).
  static ShownTime of(const Config& config, bool utc);

  // "2026-12-02 09:10:00 -06:00" / "2026-12-02 15:10:00 UTC"; "-" for null;
  // text that is not an RFC 3339 time as it is.
  std::string seconds(const boost::json::value& json_time) const;
  // "2026-12-02 09:10 -06:00" / "2026-12-02 15:10" (the column says UTC).
  std::string minutes(const boost::json::value& json_time) const;
  bool utc() const { return zone_.name() == "UTC"; }
  // The same, knowing today (the day of `now_ms` in the zone) for scheduled().
  ShownTime on(std::int64_t now_ms) const;
  // What pacing holds, from {"at", "reason"}: "scheduled at 09:10 (interval)",
  // with " on 2026-12-03" after the time when that is not today, " UTC" in
  // UTC; "" for null.
  std::string scheduled(const boost::json::value& scheduled) const;

 private:
  // "2026-12-02 09:10:00" and "-06:00" of the time in the zone; false when
  // `json_time` is not an RFC 3339 time.
  bool split(const boost::json::value& json_time, std::string* local, std::string* offset) const;
  TimeZone zone_;
  std::int64_t now_ms_ = -1;  // -1: today unknown (every scheduled time shows its date)
};

}  // namespace herald
