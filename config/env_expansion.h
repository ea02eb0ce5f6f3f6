// Environment expansion of configuration values: "${NAME}" is replaced by the
// value of the environment variable NAME and "$${" stands for a literal "${".
// NAME is [A-Za-z_][A-Za-z0-9_]*. A "$" not followed by "{" is kept as is.
// The environment is passed in as a lookup so that the rule is testable.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace herald {

using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// The process environment (getenv).
EnvLookup process_environment();

struct Expansion {
  std::string text;   // the expanded value, when error is empty
  // What went wrong, phrased to follow the quoted key name, e.g.
  // "uses ${TOKEN}, but the environment variable TOKEN is not set; ...".
  std::string error;
};

Expansion expand_environment(std::string_view text, const EnvLookup& lookup);

}  // namespace herald
