#include "daemon/cli/cli_config.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace herald {
namespace {

std::string missing_default_message() {
  std::string example = installed_example_path();
  std::string where =
      example.empty()
          ? "config/herald.example.yaml in herald's source (installed as "
            "/usr/share/doc/herald/examples/herald.example.yaml); how to install and "
            "configure herald: docs/operations.md"
          : example + "; how to install and configure herald: " +
                std::filesystem::path(example).parent_path().parent_path().string() +
                "/operations.md";
  return std::string("no configuration file at ") + kDefaultConfigPath +
         " (the default); pass one with -c/--config PATH, or set $HERALD_CONFIG\n"
         "herald: an annotated example to start from: " + where;
}

}  // namespace

Result<std::string> resolve_config_path(const std::string& flag) {
  if (!flag.empty()) return flag;
  const char* env = std::getenv("HERALD_CONFIG");
  if (env && *env) return std::string(env);
  std::error_code error;
  if (!std::filesystem::exists(kDefaultConfigPath, error) && !error) {
    return Result<std::string>::failed(missing_default_message());
  }
  return std::string(kDefaultConfigPath);
}

std::string installed_example_path() {
  std::error_code error;
  std::filesystem::path binary = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) return "";
  std::filesystem::path example = binary.parent_path().parent_path() / "share" / "doc" /
                                  "herald" / "examples" / "herald.example.yaml";
  return std::filesystem::is_regular_file(example, error) ? example.string() : "";
}

}  // namespace herald
