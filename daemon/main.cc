// herald: the command-line entry point. One executable, subcommands:
//   herald run     the service: watch, rebuild incrementally, serve (daemon.h)
//   herald build   read the content directory, write every feed
//   herald check   report every problem, write nothing
//   herald version the version and the git commit (build_commit.h)
//   herald migrate-state  copy the SQLite outbox into state.database (cli_migrate_state.h)
//   herald status | list | resend | retry | approve | reject | reload | confirm-deletions | passwd
//                  the editor commands: talk to `herald run` over its control
//                  socket (daemon/cli/cli_commands.h, docs/cli.md)
// -c/--config PATH goes before or after the command (daemon/cli/cli_config.h).
// Exit codes: 0 all good; 1 some posts had errors (reported, the rest still
// published), or the daemon refused or failed an editor command; 2
// configuration or usage error (or output that could not be written); 3 an
// editor command that needs the daemon, and it is not running.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <ctime>
#include <iostream>

#include "config/config.h"
#include "daemon/base/malloc_tuning.h"
#include "daemon/base/wall_clock.h"
#include "daemon/build_commit.h"
#include "daemon/cli/cli_commands.h"
#include "daemon/console/console_passwd.h"
#include "daemon/cli/cli_config.h"
#include "daemon/cli/cli_migrate_state.h"
#include "daemon/cli/cli_control.h"
#include "daemon/control/control_commands.h"
#include "daemon/service/daemon.h"
#include "daemon/service/daemon_config.h"
#include "daemon/site/build_manifest.h"
#include "daemon/site/site_build.h"

namespace herald {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitPostErrors = 1;
constexpr int kExitUsage = 2;


// "herald 0.1.0 (commit 2def1d9)": `herald version` and `herald --version`.
std::string version_line() {
  return std::string("herald ") + HERALD_VERSION + " (commit " + build_commit() + ")";
}

void print_errors(const std::vector<Diagnostic>& errors) {
  for (const Diagnostic& d : errors) std::cerr << d.to_string() << '\n';
}

// The diagnostics that are errors, not warnings.
std::size_t error_count(const std::vector<Diagnostic>& diagnostics) {
  return static_cast<std::size_t>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                                [](const Diagnostic& d) { return !d.warning; }));
}

// The configuration file `flag` leads to; nullopt when there is none
// (reported).
std::optional<std::string> config_path_or_report(const std::string& flag) {
  Result<std::string> path = resolve_config_path(flag);
  if (!path.ok()) {
    std::cerr << "herald: " << path.error() << '\n';
    return std::nullopt;
  }
  return *std::move(path);
}

// `keys`: TargetKeys::names_and_types for the editor commands (config.h).
std::optional<Config> load_or_report(const std::string& flag,
                                     TargetKeys keys = TargetKeys::everything) {
  std::optional<std::string> path = config_path_or_report(flag);
  if (!path) return std::nullopt;
  ConfigResult loaded = load_daemon_config(*path, keys);
  if (!loaded.errors.empty()) {
    print_errors(loaded.errors);
    std::cerr << "herald: the configuration has " << loaded.errors.size()
              << " error(s); nothing was done\n";
    return std::nullopt;
  }
  return std::move(loaded.config);
}

// False, with the error printed, when content.dir is not there to read.
bool content_dir_present(const Config& config) {
  std::optional<Diagnostic> missing = content_dir_error(config);
  if (!missing) return true;
  print_errors({*missing});
  std::cerr << "herald: the configuration has 1 error(s); nothing was done\n";
  return false;
}

void print_summary(const BuildReport& r) {
  std::cout << "herald: " << r.files << " post files, " << r.posts << " read, " << r.published
            << " published, " << r.scheduled << " scheduled, " << r.drafts << " drafts, "
            << error_count(r.errors) << " with errors\n";
}

int run_build(const std::string& config_flag) {
  std::optional<Config> config = load_or_report(config_flag);
  if (!config || !content_dir_present(*config)) return kExitUsage;
  tune_malloc();
  BuildReport report = build_site(*config, BuildOptions{wall_clock_now(), true, 2, false, version_line(), true});
  print_errors(report.errors);
  for (const std::string& e : report.write_errors) std::cerr << "herald: error: " << e << '\n';
  if (!report.state_warning.empty()) {
    std::cerr << "herald: warning: " << report.state_warning
              << "; the next build reads every post again\n";
  }
  print_summary(report);
  if (report.skipped) {
    std::cout << "herald: nothing changed since the last build (" << config->state.dir << '/'
              << kBuildManifestFile << "); the " << report.outputs.size() << " feed files in "
              << config->output.dir << " are as it wrote them\n";
  } else {
    std::cout << "herald: wrote " << report.feeds_written << " of " << report.outputs.size()
              << " feed files (" << report.feeds_unchanged << " unchanged) in "
              << config->output.dir << '\n';
  }
  std::size_t shown = 0;
  for (const std::string& path : report.outputs) {
    if (shown++ == 3) break;
    std::cout << "  " << path << '\n';
  }
  if (!report.write_errors.empty()) return kExitUsage;
  return error_count(report.errors) == 0 ? kExitOk : kExitPostErrors;
}

int run_check(const std::string& config_flag, const std::string& dir) {
  std::optional<Config> config = load_or_report(config_flag);
  if (!config) return kExitUsage;
  if (!dir.empty()) config->content.dir = dir;
  if (dir.empty() && !content_dir_present(*config)) return kExitUsage;
  config->content.rules.warn_missing_alt = true;
  BuildReport report = build_site(*config, BuildOptions{wall_clock_now(), false, 2, true, "", true});
  print_errors(report.errors);
  print_summary(report);
  if (report.errors.empty()) std::cout << "herald: no problems found\n";
  return error_count(report.errors) == 0 ? kExitOk : kExitPostErrors;
}

// On the program and on each command that reads a configuration, so that
// `herald -c x.yaml status` and `herald status -c x.yaml` both work.
void add_config_option(CLI::App* command, std::string& config_flag) {
  command->add_option("-c,--config", config_flag,
                      "configuration file (default: $HERALD_CONFIG, else /etc/herald/herald.yaml)");
}

// The editor commands' subcommands and their options.
DecisionOptions rejecting() {
  DecisionOptions options;
  options.approve = false;
  return options;
}

struct EditorCommands {
  CLI::App* status = nullptr;
  CLI::App* list = nullptr;
  CLI::App* resend = nullptr;
  CLI::App* retry = nullptr;
  CLI::App* approve = nullptr;
  CLI::App* reject = nullptr;
  CLI::App* reload = nullptr;
  CLI::App* passwd = nullptr;
  CLI::App* confirm_deletions = nullptr;
  bool json = false;
  bool status_utc = false;
  ListOptions list_options;
  ResendOptions resend_options;
  RetryOptions retry_options;
  DecisionOptions approve_options;
  DecisionOptions reject_options = rejecting();
  std::string approve_text;
  PasswdOptions passwd_options;
};

void add_decision_options(CLI::App* command, DecisionOptions& options) {
  command->add_option("post", options.post, "every delivery of this post awaiting approval (id, file path or public URL)");
  command->add_option("-d,--delivery", options.delivery, "only this delivery (its id in herald list --json)")
      ->check(CLI::PositiveNumber);
  command->add_option("-t,--target", options.target, "only the post's delivery to this target");
}

void add_json_flag(CLI::App* command, bool& json) {
  command->add_flag("--json", json, "print the answer as one line of JSON (docs/cli.md)");
}

void add_editor_commands(CLI::App& app, std::string& config_flag, EditorCommands& e) {
  e.status = app.add_subcommand(
      "status", "the daemon, its posts and every target's deliveries (read from the outbox when "
                "the daemon is down)");
  e.status->add_flag("--utc", e.status_utc, "times in UTC (default: the site's time zone)");
  e.list = app.add_subcommand("list", "recent posts with their delivery state per target");
  e.list->add_flag("--utc", e.list_options.utc, "times in UTC (default: the site's time zone)");
  e.list->add_option("-t,--target", e.list_options.target, "only this target's deliveries");
  e.list->add_option("-s,--state", e.list_options.state, "only posts with a delivery in this state")
      ->check(CLI::IsMember({"pending", "in_flight", "sent", "dead", "awaiting_approval", "rejected"}));
  e.list->add_option("-n,--limit", e.list_options.limit, "at most this many posts, newest first")
      ->default_val(20)
      ->check(CLI::Range(1, kMaxListLimit));
  e.resend = app.add_subcommand("resend", "announce a post again, on purpose (new deliveries)");
  e.resend->add_option("post", e.resend_options.post, "the post's id, file path or public URL")
      ->required();
  e.resend->add_option("-t,--target", e.resend_options.targets,
                       "only this target (repeat for several; default: every target that "
                       "announces the post)");
  e.resend->add_flag("--dry-run", e.resend_options.dry_run,
                     "print exactly what would be sent; send nothing");
  e.resend->add_flag("--now", e.resend_options.now,
                     "jump the queue: send as soon as possible, not paced (pace: of the target)");
  e.retry = app.add_subcommand("retry", "requeue dead deliveries now");
  e.retry->add_option("post", e.retry_options.post, "only this post (id, file path or public URL)");
  e.retry->add_option("-t,--target", e.retry_options.target, "only this target");
  e.approve = app.add_subcommand("approve", "release deliveries awaiting approval (approval: required)");
  add_decision_options(e.approve, e.approve_options);
  e.approve->add_option("--text", e.approve_text,
                        "post this text instead (it must fit the network's limit as it counts it)");
  e.reject = app.add_subcommand("reject", "reject deliveries awaiting approval: they are never sent");
  add_decision_options(e.reject, e.reject_options);
  e.passwd = app.add_subcommand("passwd", "set a console account's password (read from the terminal or stdin)");
  e.passwd->add_option("user", e.passwd_options.user, "the account's name")->required();
  e.passwd->add_option("--role", e.passwd_options.role, "viewer, editor or admin (default: kept, else editor)")
      ->check(CLI::IsMember({"viewer", "editor", "admin"}));
  e.passwd->add_flag("--print", e.passwd_options.print,
                     "print the console.users entry instead of writing console.users_file");
  add_config_option(e.passwd, config_flag);
  e.reload = app.add_subcommand(
      "reload", "make the daemon re-read its configuration and rebuild; wait for the outcome");
  e.confirm_deletions = app.add_subcommand(
      "confirm-deletions",
      "apply the post deletions herald held back (watch.max_deletions, or content.dir gone)");
  for (CLI::App* command : {e.status, e.list, e.resend, e.retry, e.approve, e.reject, e.reload,
                            e.confirm_deletions}) {
    add_config_option(command, config_flag);
    add_json_flag(command, e.json);
  }
}

// -1 when no editor command was given.
int run_editor_command(const std::string& config_flag, EditorCommands& e) {
  if (!(e.status->parsed() || e.list->parsed() || e.resend->parsed() || e.retry->parsed() ||
        e.approve->parsed() || e.reject->parsed() || e.reload->parsed() || e.confirm_deletions->parsed() ||
        e.passwd->parsed())) {
    return -1;
  }
  // They need the state directory, the control socket and the targets'
  // names and types: never a secret (the daemon checks those).
  std::optional<Config> config = load_or_report(config_flag, TargetKeys::names_and_types);
  if (!config) return kCliUsage;
  if (e.status->parsed()) return run_status(*config, e.json, e.status_utc);
  if (e.passwd->parsed()) return run_passwd(*config, e.passwd_options);
  e.list_options.json = e.resend_options.json = e.retry_options.json = e.json;
  if (e.list->parsed()) return run_list(*config, e.list_options);
  if (e.resend->parsed()) return run_resend(*config, e.resend_options);
  if (e.retry->parsed()) return run_retry(*config, e.retry_options);
  if (e.approve->parsed() || e.reject->parsed()) {
    DecisionOptions& options = e.approve->parsed() ? e.approve_options : e.reject_options;
    if (e.approve->count("--text") > 0) options.text = e.approve_text;
    if ((options.delivery > 0) == !options.post.empty()) {
      std::cerr << "herald: give either a POST or --delivery ID\n";
      return kCliUsage;
    }
    options.json = e.json;
    return run_decision(*config, options);
  }
  if (e.confirm_deletions->parsed()) return run_confirm_deletions(*config, e.json);
  return run_reload(*config, e.json);
}

}  // namespace
}  // namespace herald

int main(int argc, char** argv) {
  using namespace herald;
  CLI::App app{"herald: keeps a news site's RSS, Atom and JSON feeds current"};
  app.require_subcommand(1);
  app.set_version_flag("--version", version_line());
  std::string config_flag;
  std::string check_dir;
  add_config_option(&app, config_flag);

  CLI::App* run = app.add_subcommand(
      "run", "keep the feeds current as posts change, and serve them (the systemd service)");
  add_config_option(run, config_flag);
  CLI::App* build = app.add_subcommand("build", "read every post and write every feed");
  add_config_option(build, config_flag);
  CLI::App* check = app.add_subcommand("check", "report every problem in the posts; write nothing");
  add_config_option(check, config_flag);
  check->add_option("dir", check_dir, "content directory to check (default: content.dir)")
      ->check(CLI::ExistingDirectory);
  CLI::App* version = app.add_subcommand("version", "print herald's version");
  CLI::App* migrate_state = app.add_subcommand(
      "migrate-state", "copy the outbox of state.dir (SQLite) into the PostgreSQL database of state.database");
  add_config_option(migrate_state, config_flag);
  EditorCommands editor;
  add_editor_commands(app, config_flag, editor);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  if (version->parsed()) {
    std::cout << version_line() << '\n';
    return kExitOk;
  }
  if (run->parsed()) {
    std::optional<std::string> path = config_path_or_report(config_flag);
    return path ? run_daemon(*path, version_line()) : kExitUsage;
  }
  if (build->parsed()) return run_build(config_flag);
  if (check->parsed()) return run_check(config_flag, check_dir);
  if (migrate_state->parsed()) {
    // The database's password, no target's secret.
    std::optional<Config> config = load_or_report(config_flag, TargetKeys::names_types_and_database);
    return config ? run_migrate_state(*config) : kExitUsage;
  }
  if (int code = run_editor_command(config_flag, editor); code >= 0) return code;
  return kExitUsage;
}
