// TimeZone: an IANA zone ("America/Chihuahua"), backed by ICU's tz database,
// used only to resolve dates written without an offset. Pure: no clock.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace herald {

class TimeZone {
 public:
  // Returns nullopt when ICU does not know `iana_name`.
  static std::optional<TimeZone> load(const std::string& iana_name);
  static TimeZone utc();

  TimeZone(const TimeZone&);
  TimeZone& operator=(const TimeZone&);
  TimeZone(TimeZone&&) noexcept;
  TimeZone& operator=(TimeZone&&) noexcept;
  ~TimeZone();

  const std::string& name() const { return name_; }

  // Offset from UTC, in minutes, in effect at the local civil time given as
  // seconds since 1970-01-01T00:00 *local*. For a local time skipped or
  // repeated by a DST change the earlier offset wins.
  int offset_minutes_at_local(std::int64_t local_seconds) const;

 private:
  struct Impl;
  explicit TimeZone(std::string name, std::unique_ptr<Impl> impl);
  std::string name_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace herald
