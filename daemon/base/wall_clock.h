// The wall clock as herald's daemon and CLI read it: Unix milliseconds (and
// microseconds), and whole-second Timestamps, from std::chrono::system_clock, the clock Asio's
// system_timer waits on (time() reads a coarse clock that may be a tick
// behind it, which once made the scheduler miss a post).
#pragma once

#include <chrono>
#include <cstdint>

#include "feeds/timestamp.h"

namespace herald {

inline std::int64_t wall_clock_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

inline std::int64_t wall_clock_us() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

inline Timestamp wall_clock_now() { return Timestamp{wall_clock_ms() / 1000, 0}; }

}  // namespace herald
