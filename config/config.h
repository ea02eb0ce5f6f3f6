// Config: the whole herald configuration, loaded from YAML and validated.
// Every error names file:line:col, what is wrong and what is expected;
// unknown keys are errors (typos are caught). Relative paths are resolved
// against the directory of the configuration file.
#pragma once

#include <chrono>
#include <optional>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "config/approval_config.h"
#include "config/database_url.h"
#include "config/pace_config.h"
#include "config/target_settings.h"
#include "config/target_type.h"
#include "feeds/diagnostic.h"
#include "feeds/feed_settings.h"
#include "feeds/post_rules.h"
#include "feeds/timestamp.h"

namespace herald {

struct ContentConfig {
  std::string dir;          // absolute
  int dir_line = 0;         // where the configuration sets it (0: unknown)
  int dir_column = 0;
  std::vector<std::string> include = {"*.md", "*.markdown", "*.txt"};
  std::vector<std::string> exclude; // added to the built-in editor/temp patterns
  PostRules rules;
};

struct OutputConfig {
  std::string dir;          // absolute
  // output.max_bytes: the feed files together (daemon/site/output_budget.h).
  std::uint64_t max_bytes = std::uint64_t{4} << 30;
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
  int max_connections_per_address = 64;   // per IPv4 address or IPv6 /64; 0: no cap
  int max_requests_per_connection = 1000;
  std::chrono::seconds max_connection_lifetime{600};
  std::string metrics_listen;             // empty: /metrics on `listen`
  // Who may read /metrics: loopback and the private networks by default.
  std::vector<std::string> metrics_allow = {"127.0.0.0/8",    "::1",            "10.0.0.0/8",
                                            "172.16.0.0/12",  "192.168.0.0/16", "fc00::/7"};
};

// Persistent state of `herald run`: the catalog cache and the outbox.
struct StateConfig {
  std::string dir;          // absolute; default $STATE_DIRECTORY, else /var/lib/herald
  bool configured = false;  // `state.dir` or $STATE_DIRECTORY given (herald build keeps state only then)
  // `state.database`: the PostgreSQL database that holds the outbox
  // (database_url.h), its password from the URL (${ENV}) or from
  // `state.database_password_file`; none: SQLite in `dir`. Not read for the
  // editor commands (TargetKeys::names_and_types): they hold no secret.
  std::optional<DatabaseConfig> database;
  // Whether the file sets `state.database`, also when it was not read
  // (names_and_types): `herald status` and `list` read the shared database,
  // loading it then, when the daemon is down.
  bool has_database = false;
  // `state.instance`: this instance's name among those sharing `database`
  // (who holds a lease, who sent a delivery: herald status). Empty: the
  // host's name (daemon/outbox/pg_outbox.h default_instance_name).
  std::string instance;
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
  // watch.max_deletions: one change that would remove more posts than
  // `posts`, or (two or more) more than `percent` of them, is held
  // (daemon/site/site_state.h).
  struct MaxDeletions {
    std::size_t posts = 20;
    std::size_t percent = 5;
  } max_deletions;
};

// One announcement target (`targets:` list item): the keys every type shares
// here, the type's own keys in `settings` (target_settings.h; docs/targets.md
// says which type reads which).
struct TargetConfig {
  std::string name;         // unique, [a-z0-9_-]+; the outbox keys deliveries by it
  TargetType type = TargetType::webhook;
  // What `url` is, by type: webhook, discord, slack: the URL POSTed to (it
  // may embed a token: never logged); mastodon: the server; bluesky: the
  // PDS (default https://bsky.social); telegram: the Bot API (default
  // https://api.telegram.org); matrix: the homeserver.
  std::string url;
  // The struct of `type` (default_settings(type) until the type's keys are read).
  TargetSettings settings = WebhookSettings{};
  // What the target announces: a post matches when every non-empty filter
  // matches (sections: its section slug is listed; tags: one of its tag
  // slugs is listed; flag: front-matter field `flag` is true/yes/1).
  std::vector<std::string> sections;   // slugs (text.h slugify)
  std::vector<std::string> tags;       // slugs
  std::string flag;
  std::chrono::seconds delay{0};       // announce no earlier than publication + delay
  bool wait_for_url = false;           // hold until the post's public URL answers 200
  bool post_updated = false;           // also send post.updated on edits
  bool post_deleted = false;           // also send post.deleted when a post disappears
  // Per-target limits (0: the delivery section's default).
  int concurrency = 0;                 // requests in flight at once
  double rate_per_second = 0;          // steady request rate; bursts up to concurrency
  int max_attempts = 0;
  std::chrono::milliseconds connect_timeout{0};
  std::chrono::milliseconds timeout{0};  // whole request
  std::string ca_file;                 // CA bundle; empty: delivery.ca_file or the system's
  PaceConfig pace;                     // `pace:` (pace_config.h)
  ApprovalConfig approval;             // `approval:` (approval_config.h)
  int line = 0;                        // where the item starts in the config (messages)

  // The settings of the target's type. REQUIRES: `settings` holds a T.
  template <typename T>
  const T& as() const { return std::get<T>(settings); }
  template <typename T>
  T& as() { return std::get<T>(settings); }
  // The text settings when the type writes text (social_text()); nullptr otherwise.
  const SocialText* text() const { return social_text(settings); }
};

// How announcements are decided and delivered (`delivery:`).
enum class FirstStartPolicy {
  kPresent,   // everything present at first start counts as announced
  kCutoff,    // posts dated before `cutoff` count as announced; later ones are announced
};
struct DeliveryConfig {
  FirstStartPolicy first_start = FirstStartPolicy::kPresent;
  std::optional<Timestamp> cutoff;     // set with kCutoff
  int max_attempts = 12;               // then the delivery is dead
  std::chrono::milliseconds backoff_initial{30 * 1000};
  std::chrono::milliseconds backoff_max{6 * 3600 * 1000};
  std::chrono::milliseconds lease{120 * 1000};   // a claimed delivery's lease
  int concurrency = 4;                 // default per target
  double rate_per_second = 10;         // default per target
  std::chrono::milliseconds connect_timeout{10 * 1000};
  std::chrono::milliseconds timeout{30 * 1000};
  std::chrono::milliseconds url_check_interval{60 * 1000};  // wait_for_url polling
  std::chrono::milliseconds url_check_max{24 * 3600 * 1000}; // then announce anyway
  std::string ca_file;                 // empty: the system's CA store
  // A post's image, uploaded by Mastodon and Bluesky targets, is fetched
  // only from the site's origin or one of these (http(s)://host[:port]),
  // and only from public addresses or these networks (CIDR): the URL comes
  // from a post, so it must not reach the intranet or cloud metadata.
  std::vector<std::string> image_origins;
  std::vector<std::string> image_networks;
};

// The control socket the `herald` CLI talks to.
struct ControlConfig {
  std::string socket;       // absolute; default <state.dir>/control.sock
};

// `console:` (docs/console.md): the editors' web console, off unless
// `listen` is given.
struct ConsoleAccount {
  std::string name;
  std::string role;           // viewer, editor or admin
  std::string password_hash;  // "$argon2id$..." (herald passwd prints one)
  int line = 0;
};
struct ConsoleConfig {
  bool enabled = false;
  std::string listen;                   // host:port, [v6]:port
  std::string users_file;               // absolute; default <state.dir>/console-users
  std::vector<ConsoleAccount> users;    // accounts written in the configuration
  bool secure_cookies = true;           // false only for plain http on loopback
  std::chrono::milliseconds session_lifetime{12 * 3600 * 1000};
  std::string proxy_user_header;        // "": no reverse proxy is trusted
  std::vector<std::string> trusted_proxies;  // addresses (CIDR) that may send that header
};

enum class LogLevel { debug, info, warning, error };
struct LogConfig {
  LogLevel level = LogLevel::info;
};

struct Config {
  std::string path;         // the file it was loaded from
  std::string source;       // its text as loaded (what a build key is made of)
  SiteConfig site;
  ContentConfig content;
  OutputConfig output;
  FeedsConfig feeds;
  ServeConfig serve;
  StateConfig state;
  WatchConfig watch;
  LogConfig log;
  std::vector<TargetConfig> targets;
  DeliveryConfig delivery;
  ControlConfig control;
  ConsoleConfig console;
};

struct ConfigResult {
  std::optional<Config> config;       // set when errors is empty
  std::vector<Diagnostic> errors;
};

// What a load reads of each target.
// - `everything` (herald run, build, check, and the daemon's reload): every
//   key; secrets expanded from the environment, credential files read,
//   every value checked.
// - `names_and_types` (the editor commands status, list, resend, retry,
//   reload, run from an editor's shell): a target's name, type and the keys
//   every target shares (filters, delay, events, limits, timeouts). The
//   type's own keys (url, secret, token, password and their *_file
//   credentials, headers, template, ...) are neither expanded nor read, so
//   their ${ENV} variables and $CREDENTIALS_DIRECTORY need not be set, and
//   no secret is ever held, logged or printed. Those settings keep the
//   type's defaults: such a Config names targets, it never sends to them.
//   Nor is state.database read.
// - `names_types_and_database` (herald migrate-state): the targets as
//   names_and_types, and state.database with its password: the one secret
//   the copy needs, so it runs where the targets' secrets are not set.
enum class TargetKeys { everything, names_and_types, names_types_and_database };

// Reads and validates the file at `path`.
ConfigResult load_config(const std::string& path, TargetKeys keys = TargetKeys::everything);
// Same, from text (tests); `path` is used in messages and to resolve paths.
ConfigResult parse_config(const std::string& text, const std::string& path,
                          TargetKeys keys = TargetKeys::everything);

// The error at content.dir's key when that directory does not exist (or is
// not a directory) now: `herald run`, `build` and `check` refuse to start,
// since an unmounted or mistyped directory would publish empty feeds. The
// editor commands do not ask (they work while the content is away).
std::optional<Diagnostic> content_dir_error(const Config& config);

}  // namespace herald
