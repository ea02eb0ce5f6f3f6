// Where the `herald` CLI finds its configuration: `-c/--config PATH` (before
// or after the command), else $HERALD_CONFIG, else /etc/herald/herald.yaml.
#pragma once

#include <string>

#include "feeds/status.h"

namespace herald {

inline constexpr const char* kDefaultConfigPath = "/etc/herald/herald.yaml";

// The file to read. `flag` is the --config value ("" when not given). A
// path given by --config or $HERALD_CONFIG is returned as is (a missing
// file is reported by the load, naming it); when neither is given and the
// default is absent, fails with a message saying so, how to pass --config
// and where the annotated example and docs/operations.md are.
Result<std::string> resolve_config_path(const std::string& flag);

// Where the annotated example is: <prefix>/share/doc/herald/examples/
// herald.example.yaml beside the running binary's <prefix>/bin, when it is
// there; "" otherwise (a binary run from its build tree).
std::string installed_example_path();

}  // namespace herald
