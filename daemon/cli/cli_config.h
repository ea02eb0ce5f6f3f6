// Where the `herald` CLI finds its configuration: `--config PATH`, else
// $HERALD_CONFIG, else /etc/herald/herald.yaml.
#pragma once

#include <string>

namespace herald {

inline constexpr const char* kDefaultConfigPath = "/etc/herald/herald.yaml";

// `flag` is the --config value ("" when not given).
std::string resolve_config_path(const std::string& flag);

}  // namespace herald
