// load_daemon_config: the configuration as herald will run it: load_config()
// (config/config.h) plus the checks only the daemon's modules can make,
// reported the same way (file:line: error: ...): each target's driver must
// be constructible (its text template compiles, for instance). Every
// command that acts on a configuration (run, reload, build, check, the
// editors' commands) loads it through here.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"

namespace herald {

// Without TargetKeys::everything (the editor commands, migrate-state) the drivers are not
// built: their settings were not read.
ConfigResult load_daemon_config(const std::string& path,
                                TargetKeys keys = TargetKeys::everything);

// The errors of `config`'s targets that only their drivers can find.
std::vector<Diagnostic> target_driver_errors(const Config& config);

}  // namespace herald
