#include "daemon/cli/cli_config.h"

#include <cstdlib>

namespace herald {

std::string resolve_config_path(const std::string& flag) {
  if (!flag.empty()) return flag;
  const char* env = std::getenv("HERALD_CONFIG");
  if (env && *env) return env;
  return kDefaultConfigPath;
}

}  // namespace herald
