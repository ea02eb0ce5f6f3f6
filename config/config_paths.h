// Directory paths of the configuration: resolution against the directory of
// the configuration file and containment checks. Lexical only: symbolic
// links are not followed and nothing needs to exist yet.
#pragma once

#include <string>

namespace herald {

// The absolute directory holding the file at `config_path` (relative paths
// are taken from the current directory).
std::string config_directory(const std::string& config_path);

// `dir` made absolute against `base` (itself absolute), normalised ("a/./b/.."
// -> "a"), without a trailing '/' (except for the root).
std::string resolve_directory(const std::string& base, const std::string& dir);

// True when `inner` is `outer` or lies below it; both resolved as above.
bool is_same_or_inside(const std::string& inner, const std::string& outer);

}  // namespace herald
