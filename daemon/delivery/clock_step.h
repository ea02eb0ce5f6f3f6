// ClockStepDetector: notices the wall clock being stepped (NTP correcting
// it by an hour, an operator's `date -s`) by comparing how far it moved
// between two readings with how far the monotonic clock moved. Pure: the
// caller passes both readings.
//
// A machine that was suspended also shows as a forward step (the monotonic
// clock stands still while suspended); slewing (NTP's gradual correction,
// at most 0.5 ms per second) stays under the threshold between readings a
// few minutes apart, and when it does not, the "step" it yields is small.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

namespace herald {

class ClockStepDetector {
 public:
  explicit ClockStepDetector(std::chrono::milliseconds threshold) : threshold_ms_(threshold.count()) {}

  // The step (ms, negative: backwards) the wall clock took since the
  // previous reading, or 0 when it kept pace with the monotonic clock
  // within the threshold. The first reading yields 0.
  std::int64_t observe(std::int64_t wall_ms, std::chrono::steady_clock::time_point monotonic);

 private:
  std::int64_t threshold_ms_;
  std::optional<std::int64_t> wall_ms_;
  std::chrono::steady_clock::time_point monotonic_;
};

}  // namespace herald
