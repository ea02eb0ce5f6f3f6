// Config: the whole herald configuration, loaded from YAML and validated.
// Every error names file:line:col, what is wrong and what is expected;
// unknown keys are errors (typos are caught). Relative paths are resolved
// against the directory of the configuration file.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "feeds/diagnostic.h"
#include "feeds/feed_settings.h"
#include "feeds/post_rules.h"

namespace herald {

struct ContentConfig {
  std::string dir;          // absolute
  std::vector<std::string> include = {"*.md", "*.markdown", "*.txt"};
  std::vector<std::string> exclude; // added to the built-in editor/temp patterns
  PostRules rules;
};

struct OutputConfig {
  std::string dir;          // absolute
};

struct Config {
  std::string path;         // the file it was loaded from
  SiteConfig site;
  ContentConfig content;
  OutputConfig output;
  FeedsConfig feeds;
};

struct ConfigResult {
  std::optional<Config> config;       // set when errors is empty
  std::vector<Diagnostic> errors;
};

// Reads and validates the file at `path`.
ConfigResult load_config(const std::string& path);
// Same, from text (tests); `path` is used in messages and to resolve paths.
ConfigResult parse_config(const std::string& text, const std::string& path);

}  // namespace herald
