#include "daemon/delivery/clock_step.h"

namespace herald {

std::int64_t ClockStepDetector::observe(std::int64_t wall_ms,
                                        std::chrono::steady_clock::time_point monotonic) {
  std::int64_t step = 0;
  if (wall_ms_) {
    auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(monotonic - monotonic_);
    step = wall_ms - (*wall_ms_ + elapsed.count());
    if (step < threshold_ms_ && step > -threshold_ms_) step = 0;
  }
  wall_ms_ = wall_ms;
  monotonic_ = monotonic;
  return step;
}

}  // namespace herald
