// The delivery engine's lanes: one per target it delivers to, the
// configured targets (in order) and then one per WebSub hub
// (targets/webhook/websub.h websub_targets). Each lane has its own
// concurrency, pacing and pause state in the engine.
#pragma once

#include <vector>

#include "config/config.h"

namespace herald {

// config.targets and then websub_targets(config).
std::vector<TargetConfig> delivery_targets(const Config& config);

}  // namespace herald
