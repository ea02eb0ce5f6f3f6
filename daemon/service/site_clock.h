// SiteClock: the time the site thread publishes and announces by: the wall
// clock, but never earlier than a time it already gave.
//
// Why: a post is published when the clock passes its date, and the site
// remembers how far it has published (SiteState's due mark). Were the clock
// stepped back an hour (NTP correcting it), a post published a minute ago
// would be "scheduled" again: the next change would pull it from the feeds,
// and the scheduler, already past its date, would not put it back. Holding
// the time until the wall clock passes it again keeps it published; a step
// forward publishes at once what is now due (each post once: its id is in
// the outbox). Not thread-safe: one thread asks (the site thread).
#pragma once

#include <cstdint>
#include <functional>
#include <limits>

#include "feeds/timestamp.h"

namespace herald {

class SiteClock {
 public:
  explicit SiteClock(std::function<Timestamp()> wall) : wall_(std::move(wall)) {}

  // The wall clock's time, or the latest time given before if that is later.
  Timestamp now();

 private:
  std::function<Timestamp()> wall_;
  std::int64_t latest_ = std::numeric_limits<std::int64_t>::min();
};

}  // namespace herald
