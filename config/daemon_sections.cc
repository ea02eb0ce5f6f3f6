// The sections `herald run` reads: serve, state, watch and log.
#include <cctype>
#include <utility>

#include "config/config_paths.h"
#include "config/credentials.h"
#include "config/config_sections.h"
#include "config/section_values.h"
#include "config/value_rules.h"

namespace herald {
namespace {

void read_seconds(const SectionReader& section, const std::string& key, std::chrono::seconds& out) {
  std::chrono::milliseconds value = out;
  read_duration(section, key, std::chrono::seconds(1), /*zero_allowed=*/true, value);
  out = std::chrono::duration_cast<std::chrono::seconds>(value);
}

void read_connection_limits(const SectionReader& section, ServeConfig& serve) {
  if (auto value = section.integer("max_connections_per_address", 0, 100000)) {
    serve.max_connections_per_address = static_cast<int>(*value);
  }
  if (auto value = section.integer("max_requests_per_connection", 1, 1000000)) {
    serve.max_requests_per_connection = static_cast<int>(*value);
  }
  std::chrono::milliseconds lifetime = serve.max_connection_lifetime;
  read_duration(section, "max_connection_lifetime", std::chrono::seconds(1), false, lifetime);
  serve.max_connection_lifetime = std::chrono::duration_cast<std::chrono::seconds>(lifetime);
}

void read_metrics_access(const SectionReader& section, ServeConfig& serve) {
  read_checked(section, "metrics_listen", check_listen_address, serve.metrics_listen);
  std::optional<std::vector<ScalarValue>> items = section.list("metrics_allow");
  if (!items) return;
  serve.metrics_allow.clear();
  for (const ScalarValue& item : *items) {
    std::string error = check_cidr(item.text);
    if (!error.empty()) section.error_at(item.mark, "metrics_allow", error);
    serve.metrics_allow.push_back(item.text);
  }
}

// state.instance: a name shown in herald status and kept in the database.
std::string check_instance_name(std::string_view text) {
  if (text.empty() || text.size() > 64) return "must be 1 to 64 characters, e.g. the host's name";
  for (char c : text) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) {
      return "may hold only letters, digits, '-', '_' and '.'";
    }
  }
  return "";
}

// state.database and its password file (database_url.h).
void read_state_database(const SectionReader& section, const EnvLookup& env, StateConfig& state) {
  std::optional<ScalarValue> url = section.string("database");
  if (!url) {
    if (section.has("database_password_file") && !section.has("database")) {
      section.error("database_password_file",
                    "is set, but 'state.database' is not; give the database's URL, or remove it");
    }
    return;
  }
  DatabaseUrl parsed = parse_database_url(url->text);
  if (!parsed.error.empty()) return section.error("database", parsed.error);
  if (std::optional<ScalarValue> file = section.string("database_password_file")) {
    if (!parsed.database.password.empty()) {
      return section.error("database_password_file",
                           "is set, and the URL of 'state.database' holds a password too; give it in one "
                           "place (remove the password from the URL, or this key)");
    }
    Credential password = read_credential(file->text, env);
    if (!password.error.empty()) return section.error("database_password_file", password.error);
    parsed.database.password = std::move(password.value);
  }
  state.database = std::move(parsed.database);
}

}  // namespace

void read_serve_section(const SectionReader& top, ServeConfig& serve) {
  if (!top.has("serve")) return;
  SectionReader section = top.section(
      "serve", {"listen", "cache_control", "max_connections", "idle_timeout", "header_timeout",
                "max_requests_per_second", "max_connections_per_address",
                "max_requests_per_connection", "max_connection_lifetime", "metrics_listen",
                "metrics_allow"});
  serve.enabled = true;
  read_checked(section, "listen", check_listen_address, serve.listen);
  read_string(section, "cache_control", serve.cache_control);
  if (auto value = section.integer("max_connections", 1, 100000)) {
    serve.max_connections = static_cast<int>(*value);
  }
  read_seconds(section, "idle_timeout", serve.idle_timeout);
  read_seconds(section, "header_timeout", serve.header_timeout);
  if (auto value = section.integer("max_requests_per_second", 1, 1000000)) {
    serve.max_requests_per_second = static_cast<int>(*value);
  }
  read_connection_limits(section, serve);
  read_metrics_access(section, serve);
}

void read_state_section(const SectionReader& top, const std::string& base_dir,
                        const EnvLookup& env, TargetKeys keys, StateConfig& state) {
  // systemd's StateDirectory= sets $STATE_DIRECTORY (a ':'-separated list
  // when several directories are configured: the first is ours).
  state.dir = "/var/lib/herald";
  if (std::optional<std::string> from_systemd = env("STATE_DIRECTORY")) {
    std::string first = from_systemd->substr(0, from_systemd->find(':'));
    if (!first.empty()) {
      state.dir = resolve_directory(base_dir, first);
      state.configured = true;
    }
  }
  if (!top.has("state")) return;
  SectionReader section = top.section("state", {"dir", "database", "database_password_file", "instance"});
  state.has_database = section.has("database");
  if (keys != TargetKeys::names_and_types) read_state_database(section, env, state);
  read_checked(section, "instance", check_instance_name, state.instance);
  std::string dir;
  if (read_checked(section, "dir", [](std::string_view text) {
        return text.empty() ? std::string("must not be empty; give a directory for herald's "
                                          "state, e.g. /var/lib/herald")
                            : std::string();
      }, dir)) {
    state.dir = resolve_directory(base_dir, dir);
    state.configured = true;
  }
}

void read_watch_section(const SectionReader& top, WatchConfig& watch) {
  if (!top.has("watch")) return;
  SectionReader section = top.section("watch", {"mode", "quiet", "cap", "open_write_grace",
                                                "rescan_interval", "poll_interval",
                                                "max_deletions"});
  if (section.has("max_deletions")) {
    SectionReader max = section.section("max_deletions", {"posts", "percent"});
    if (auto posts = max.integer("posts", 0, 100'000'000)) {
      watch.max_deletions.posts = static_cast<std::size_t>(*posts);
    }
    if (auto percent = max.integer("percent", 0, 100)) {
      watch.max_deletions.percent = static_cast<std::size_t>(*percent);
    }
  }
  std::string mode;
  if (read_checked(section, "mode", [](std::string_view text) {
        return text == "auto" || text == "inotify" || text == "poll"
                   ? std::string()
                   : "must be auto, inotify or poll, got '" + std::string(text) + "'";
      }, mode)) {
    watch.mode = mode == "inotify" ? WatchMode::kInotify
                 : mode == "poll"  ? WatchMode::kPoll
                                   : WatchMode::kAuto;
  }
  using std::chrono::milliseconds;
  read_duration(section, "quiet", milliseconds(1), true, watch.quiet);
  read_duration(section, "cap", milliseconds(1), true, watch.cap);
  read_duration(section, "open_write_grace", milliseconds(100), true, watch.open_write_grace);
  read_duration(section, "rescan_interval", milliseconds(60 * 1000), true, watch.rescan_interval);
  read_duration(section, "poll_interval", milliseconds(100), true, watch.poll_interval);
  if (watch.cap < watch.quiet) {
    section.error("cap", "must not be shorter than 'watch.quiet' (" +
                             std::to_string(watch.quiet.count()) + "ms)");
  }
}

void read_log_section(const SectionReader& top, LogConfig& log) {
  if (!top.has("log")) return;
  SectionReader section = top.section("log", {"level"});
  std::string level;
  if (read_checked(section, "level", [](std::string_view text) {
        return text == "debug" || text == "info" || text == "warning" || text == "error"
                   ? std::string()
                   : "must be debug, info, warning or error, got '" + std::string(text) + "'";
      }, level)) {
    log.level = level == "debug"     ? LogLevel::debug
                : level == "warning" ? LogLevel::warning
                : level == "error"   ? LogLevel::error
                                     : LogLevel::info;
  }
}

}  // namespace herald
