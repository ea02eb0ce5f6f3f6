// DriverInputs for the drivers' tests: a constant random number (the
// middle of [0, 1)) and a wall clock standing still at `now_us`.
#pragma once

#include <cstdint>

#include "daemon/targets/driver_inputs.h"

namespace herald::test {

inline DriverInputs fixed_driver_inputs(std::int64_t now_us = 1'700'000'000'000'000) {
  return DriverInputs{[] { return 0.5; }, [now_us] { return now_us; }};
}

}  // namespace herald::test
