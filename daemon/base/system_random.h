// The system's random numbers: uniform in [0, 1), from a generator seeded
// from std::random_device (one per thread). The daemon hands it to the
// pure layers (targets/driver_inputs.h), which never read a device.
#pragma once

#include <functional>

namespace herald {

std::function<double()> system_random();

}  // namespace herald
