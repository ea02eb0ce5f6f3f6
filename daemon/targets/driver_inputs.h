// DriverInputs: what a target driver reads from the world besides the
// answers to its requests: uniform random numbers (retry jitter, Bluesky's
// clock id) and the wall clock in microseconds (Bluesky's record keys).
// The pure layer never reads a clock or a random device itself: the daemon
// passes the system's, tests pass fixed ones.
#pragma once

#include <cstdint>
#include <functional>

namespace herald {

// Uniform numbers in [0, 1).
using UniformRandom = std::function<double()>;
// Unix microseconds.
using MicrosClock = std::function<std::int64_t()>;

struct DriverInputs {
  UniformRandom random;
  MicrosClock wall_clock_us;
};

}  // namespace herald
