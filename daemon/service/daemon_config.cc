#include "daemon/service/daemon_config.h"

#include "daemon/delivery/asio_delivery_io.h"
#include "daemon/targets/target_driver.h"

namespace herald {

std::vector<Diagnostic> target_driver_errors(const Config& config) {
  std::vector<Diagnostic> errors;
  for (const TargetConfig& target : config.targets) {
    DriverResult driver = make_target_driver(target, config, nullptr, system_driver_inputs());
    if (!driver.ok()) errors.push_back(Diagnostic{config.path, target.line, 0, driver.error()});
  }
  return errors;
}

ConfigResult load_daemon_config(const std::string& path, TargetKeys keys) {
  ConfigResult loaded = load_config(path, keys);
  if (!loaded.config || keys != TargetKeys::everything) return loaded;
  loaded.errors = target_driver_errors(*loaded.config);
  if (!loaded.errors.empty()) loaded.config.reset();
  return loaded;
}

}  // namespace herald
