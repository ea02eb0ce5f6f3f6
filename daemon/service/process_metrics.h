// The standard process_* metrics of the Prometheus client libraries
// (CPU seconds, resident and virtual memory, open and maximum file
// descriptors, start time), measured at each exposition, for Linux.
#pragma once

#include <cstdint>
#include <string>

namespace herald {

// Exposition text of the process_* families; `start_time` in unix seconds.
std::string process_metrics(std::int64_t start_time);

}  // namespace herald
