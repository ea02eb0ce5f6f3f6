#include "daemon/watch/content_scanner.h"

#include <fnmatch.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace herald {
namespace {

namespace fs = std::filesystem;

bool matches_any(const std::vector<std::string>& globs, const std::string& text, int flags) {
  return std::any_of(globs.begin(), globs.end(), [&](const std::string& glob) {
    return ::fnmatch(glob.c_str(), text.c_str(), flags) == 0;
  });
}

std::string file_name_of(const std::string& relative_path) {
  std::size_t slash = relative_path.rfind('/');
  return slash == std::string::npos ? relative_path : relative_path.substr(slash + 1);
}

bool hidden_component(const std::string& relative_path) {
  std::size_t start = 0;
  while (start < relative_path.size()) {
    if (relative_path[start] == '.') return true;
    std::size_t slash = relative_path.find('/', start);
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return false;
}

}  // namespace

const std::vector<std::string>& builtin_temp_patterns() {
  static const std::vector<std::string> patterns = {
      "*~", ".*.swp", ".*.swx", "4913", ".#*", "#*#", ".goutputstream-*", ".~tmp~", "*.tmp",
  };
  return patterns;
}

bool ContentFilter::accepts(const std::string& relative_path) const {
  if (hidden_component(relative_path)) return false;
  std::string name = file_name_of(relative_path);
  if (!matches_any(include, name, 0)) return false;
  if (matches_any(builtin_temp_patterns(), name, 0)) return false;
  return !matches_any(exclude, name, 0) && !matches_any(exclude, relative_path, FNM_PATHNAME);
}

ScanResult scan_content(const std::string& content_dir, const ContentFilter& filter) {
  ScanResult result;
  const fs::path root(content_dir);
  std::vector<fs::path> pending{root};
  while (!pending.empty()) {
    fs::path dir = std::move(pending.back());
    pending.pop_back();
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
      std::string what = dir == root ? "cannot read the content directory: "
                                     : "cannot read directory: ";
      std::string fix = dir == root ? "; check content.dir and its permissions"
                                    : "; its posts are skipped until it is readable";
      result.errors.push_back({dir.string(), 0, 0, what + ec.message() + fix});
      continue;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) break;
      const fs::directory_entry& entry = *it;
      if (entry.path().filename().string().starts_with('.')) continue;
      std::error_code type_ec;
      if (entry.is_directory(type_ec)) {
        if (!entry.is_symlink(type_ec)) pending.push_back(entry.path());
        continue;
      }
      std::string relative = entry.path().lexically_relative(root).generic_string();
      if (entry.is_regular_file(type_ec) && filter.accepts(relative)) {
        result.files.push_back(std::move(relative));
      }
    }
    if (ec) {
      result.errors.push_back({dir.string(), 0, 0,
                               "cannot list directory: " + ec.message() +
                                   "; some of its posts may be missing"});
    }
  }
  std::sort(result.files.begin(), result.files.end());
  return result;
}

}  // namespace herald
