// Config: the whole herald configuration, loaded from YAML and validated.
// Every error names file:line:col, what is wrong and what is expected;
// unknown keys are errors (typos are caught). Relative paths are resolved
// against the directory of the configuration file.
#pragma once

#include <chrono>
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

// `herald run`'s HTTP server; absent `serve` section: no server (an
// operator may point nginx at output.dir instead).
struct ServeConfig {
  bool enabled = false;
  std::string listen = "127.0.0.1:8080";  // host:port, [v6]:port or :port
  std::string cache_control = "public, max-age=300";
  int max_connections = 512;
  std::chrono::seconds idle_timeout{30};
  std::chrono::seconds header_timeout{10};
  int max_requests_per_second = 50;       // per connection
};

// Persistent state of `herald run` (the catalog cache; later the outbox).
struct StateConfig {
  std::string dir;          // absolute; default $STATE_DIRECTORY, else /var/lib/herald
};

// How `herald run` notices changes in content.dir.
enum class WatchMode {
  kAuto,     // inotify; polling when out of inotify resources
  kInotify,  // inotify only
  kPoll,     // never inotify: a full rescan every poll_interval
};
struct WatchConfig {
  WatchMode mode = WatchMode::kAuto;
  std::chrono::milliseconds quiet{2};           // debounce: quiet period after the last event
  std::chrono::milliseconds cap{500};           // never hold a change longer than this
  std::chrono::milliseconds open_write_grace{2000};  // a file written but not closed
  std::chrono::milliseconds rescan_interval{3600 * 1000};  // periodic full rescan; 0: never
  std::chrono::milliseconds poll_interval{2000};
};

enum class LogLevel { debug, info, warning, error };
struct LogConfig {
  LogLevel level = LogLevel::info;
};

struct Config {
  std::string path;         // the file it was loaded from
  SiteConfig site;
  ContentConfig content;
  OutputConfig output;
  FeedsConfig feeds;
  ServeConfig serve;
  StateConfig state;
  WatchConfig watch;
  LogConfig log;
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
