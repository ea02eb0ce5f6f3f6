#include "daemon/service/site_clock.h"

#include <algorithm>

namespace herald {

Timestamp SiteClock::now() {
  Timestamp wall = wall_();
  latest_ = std::max(latest_, wall.unix_seconds);
  return Timestamp{latest_, wall.offset_minutes};
}

}  // namespace herald
