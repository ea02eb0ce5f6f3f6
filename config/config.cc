// Loading: read the file, parse the YAML, read each section in turn, and
// return every error in file order.
#include "config/config.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include <yaml-cpp/yaml.h>

#include "config/config_paths.h"
#include "config/config_sections.h"
#include "config/section_reader.h"

namespace herald {
namespace {

const std::vector<std::string> kTopLevelKeys = {
    "site", "content", "output", "feeds", "serve", "state", "watch", "log",
    "targets", "delivery", "control", "console"};

// File order, so that errors read top to bottom; errors without a position
// (a missing section in an empty file) come last.
void sort_by_position(std::vector<Diagnostic>& errors) {
  auto key = [](const Diagnostic& error) {
    return std::pair(error.line == 0 ? INT_MAX : error.line, error.column);
  };
  std::stable_sort(errors.begin(), errors.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
}

}  // namespace

std::optional<Diagnostic> content_dir_error(const Config& config) {
  std::error_code ec;
  if (std::filesystem::is_directory(config.content.dir, ec)) return std::nullopt;
  std::string why = ec ? ec.message() : std::filesystem::exists(config.content.dir, ec)
                                            ? std::string("not a directory")
                                            : std::string("No such file or directory");
  return Diagnostic{config.path, config.content.dir_line, config.content.dir_column,
                    "'content.dir' (" + config.content.dir + ") cannot be used: " + why +
                        "; create it, mount it, or point content.dir at the posts"};
}

ConfigResult load_config(const std::string& path, TargetKeys keys) {
  ConfigResult result;
  std::error_code status;
  if (std::filesystem::is_directory(path, status)) {
    result.errors.push_back(Diagnostic{path, 0, 0,
                                       "cannot read the configuration: it is a directory; "
                                       "give the path of a YAML file"});
    return result;
  }
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  if (!in || in.bad()) {
    std::string reason = errno != 0 ? std::strerror(errno) : "read error";
    result.errors.push_back(Diagnostic{path, 0, 0, "cannot read the configuration: " + reason});
    return result;
  }
  return parse_config(text.str(), path, keys);
}

ConfigResult parse_config(const std::string& text, const std::string& path, TargetKeys keys) {
  ReadContext context{path, process_environment(), {}};
  ConfigResult result;
  YAML::Node document;
  try {
    document = YAML::Load(text);
  } catch (const YAML::Exception& error) {
    context.error(error.mark, "invalid YAML: " + error.msg);
    result.errors = std::move(context.errors);
    return result;
  }
  Config config;
  config.path = path;
  config.source = text;
  std::string base_dir = config_directory(path);
  SectionReader top(context, document, "", kTopLevelKeys, YAML::Mark::null_mark());
  read_site_section(top, base_dir, config.site);
  read_content_section(top, base_dir, config.content);
  read_feeds_section(top, config.site.title, config.feeds);
  read_serve_section(top, config.serve);
  read_state_section(top, base_dir, context.env, keys, config.state);
  read_watch_section(top, config.watch);
  read_log_section(top, config.log);
  read_targets_section(top, base_dir, context.env, keys, config.targets);
  read_delivery_section(top, base_dir, config.site.timezone, config.targets, config.delivery);
  read_control_section(top, base_dir, config.state.dir, config.control);
  read_console_section(top, base_dir, config.state.dir, config.console);
  read_output_section(top, base_dir,
                      PrivatePaths{config.content.dir, config.state.dir,
                                   resolve_directory(base_dir, std::filesystem::path(path).filename().string()),
                                   config.control.socket},
                      config.output);
  sort_by_position(context.errors);
  result.errors = std::move(context.errors);
  if (result.errors.empty()) result.config = std::move(config);
  return result;
}

}  // namespace herald
