// herald: the command-line entry point. One executable, subcommands:
//   herald run     the service: watch, rebuild incrementally, serve (daemon.h)
//   herald build   read the content directory, write every feed
//   herald check   report every problem, write nothing
//   herald version
// Exit codes: 0 all good; 1 some posts had errors (reported, the rest still
// published); 2 configuration or usage error (or output that could not be
// written).
#include <CLI/CLI.hpp>
#include <ctime>
#include <iostream>

#include "config/config.h"
#include "daemon/cli_config.h"
#include "daemon/daemon.h"
#include "daemon/site_build.h"

namespace herald {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitPostErrors = 1;
constexpr int kExitUsage = 2;

Timestamp wall_clock_now() { return Timestamp{static_cast<std::int64_t>(std::time(nullptr)), 0}; }

void print_errors(const std::vector<Diagnostic>& errors) {
  for (const Diagnostic& d : errors) std::cerr << d.to_string() << '\n';
}

std::optional<Config> load_or_report(const std::string& flag) {
  std::string path = resolve_config_path(flag);
  ConfigResult loaded = load_config(path);
  if (!loaded.errors.empty()) {
    print_errors(loaded.errors);
    std::cerr << "herald: the configuration has " << loaded.errors.size()
              << " error(s); nothing was done\n";
    return std::nullopt;
  }
  return std::move(loaded.config);
}

void print_summary(const BuildReport& r) {
  std::cout << "herald: " << r.files << " post files, " << r.posts << " read, " << r.published
            << " published, " << r.scheduled << " scheduled, " << r.drafts << " drafts, "
            << r.errors.size() << " with errors\n";
}

int run_build(const std::string& config_flag) {
  std::optional<Config> config = load_or_report(config_flag);
  if (!config) return kExitUsage;
  BuildReport report = build_site(*config, BuildOptions{wall_clock_now(), true, 2});
  print_errors(report.errors);
  for (const std::string& e : report.write_errors) std::cerr << "herald: error: " << e << '\n';
  print_summary(report);
  std::cout << "herald: wrote " << report.feeds_written << " of " << report.outputs.size()
            << " feed files (" << report.feeds_unchanged << " unchanged) in "
            << config->output.dir << '\n';
  std::size_t shown = 0;
  for (const std::string& path : report.outputs) {
    if (shown++ == 3) break;
    std::cout << "  " << path << '\n';
  }
  if (!report.write_errors.empty()) return kExitUsage;
  return report.errors.empty() ? kExitOk : kExitPostErrors;
}

int run_check(const std::string& config_flag, const std::string& dir) {
  std::optional<Config> config = load_or_report(config_flag);
  if (!config) return kExitUsage;
  if (!dir.empty()) config->content.dir = dir;
  BuildReport report = build_site(*config, BuildOptions{wall_clock_now(), false, 2});
  print_errors(report.errors);
  print_summary(report);
  if (report.errors.empty()) std::cout << "herald: no problems found\n";
  return report.errors.empty() ? kExitOk : kExitPostErrors;
}

void add_config_option(CLI::App* command, std::string& config_flag) {
  command->add_option("-c,--config", config_flag,
                      "configuration file (default: $HERALD_CONFIG, else /etc/herald/herald.yaml)");
}

}  // namespace
}  // namespace herald

int main(int argc, char** argv) {
  using namespace herald;
  CLI::App app{"herald: keeps a news site's RSS, Atom and JSON feeds current"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("herald ") + HERALD_VERSION);
  std::string config_flag;
  std::string check_dir;

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

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  if (version->parsed()) {
    std::cout << "herald " << HERALD_VERSION << '\n';
    return kExitOk;
  }
  if (run->parsed()) return run_daemon(resolve_config_path(config_flag));
  if (build->parsed()) return run_build(config_flag);
  if (check->parsed()) return run_check(config_flag, check_dir);
  return kExitUsage;
}
