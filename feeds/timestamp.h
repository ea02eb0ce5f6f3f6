// Timestamp: an instant plus the UTC offset it was written with, so a post
// dated "2021-08-10T16:17:00.000-06:00" is shown in feeds with -0600 / -06:00.
//
// Parsing accepts what real front matter holds (what Jekyll, through Ruby's
// Time.parse, accepts in practice; timestamp.cc lists every form):
//   2021-08-10T16:17:00.000-06:00   RFC 3339, optional fraction, Z or ±hh:mm
//   2021-08-10 16:17:00 -0600       Jekyll (±hhmm, ±hh:mm or ±hh, optional seconds)
//   2023-01-29 18:30:22 2023 -0800  Ruby's Time#to_s with the year repeated
//   2021-08-10 16:17:00 UTC         Z, UTC or GMT
//   Tue, 10 Aug 2021 16:17:00 -0600 RFC 2822; also 10 Aug 2021, 2021/08/10
//   2021-08-10 16:17                no offset: the site's time zone applies
//   2021-8-5                        date only: midnight in the site's time zone
// Formatting gives exactly what validators want (see shared/docs/feeds.md).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace herald {

class TimeZone;

struct Timestamp {
  std::int64_t unix_seconds = 0;  // UTC instant, sub-second part dropped
  int offset_minutes = 0;         // the zone the date was written in

  auto operator<=>(const Timestamp& o) const { return unix_seconds <=> o.unix_seconds; }
  bool operator==(const Timestamp& o) const { return unix_seconds == o.unix_seconds; }

  // "Tue, 10 Aug 2021 16:17:00 -0600" (RFC 822 with 4-digit year, numeric zone).
  std::string rfc822() const;
  // "2021-08-10T16:17:00-06:00"; "Z" when the offset is zero.
  std::string rfc3339() const;
  // Local calendar fields in the timestamp's own offset (for permalinks).
  int year() const;
  int month() const;
  int day() const;
  int hour() const;
  int minute() const;
  int second() const;
};

// Parses `text` in one of the forms above. Dates without an offset are
// resolved in `zone`. Returns nullopt (and sets *error to a human sentence
// naming the accepted forms) when the text is not a date.
std::optional<Timestamp> parse_timestamp(std::string_view text, const TimeZone& zone,
                                         std::string* error);

// Builds a timestamp for a civil date-time in `zone` (used for dates taken
// from Jekyll file names: YYYY-MM-DD-slug.md).
Timestamp civil_to_timestamp(int year, int month, int day, int hour, int minute, int second,
                             const TimeZone& zone);

}  // namespace herald
