#include "daemon/delivery/lanes.h"

#include "daemon/targets/webhook/websub.h"

namespace herald {

std::vector<TargetConfig> delivery_targets(const Config& config) {
  std::vector<TargetConfig> targets = config.targets;
  for (TargetConfig& hub : websub_targets(config)) targets.push_back(std::move(hub));
  return targets;
}

}  // namespace herald
