#include "config/config_paths.h"

#include <algorithm>
#include <filesystem>

namespace herald {

namespace fs = std::filesystem;

std::string config_directory(const std::string& config_path) {
  std::error_code ignored;
  fs::path absolute = fs::absolute(fs::path(config_path), ignored);
  return absolute.lexically_normal().parent_path().string();
}

std::string resolve_directory(const std::string& base, const std::string& dir) {
  fs::path resolved = (fs::path(base) / fs::path(dir)).lexically_normal();
  std::string text = resolved.string();
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  return text;
}

bool is_same_or_inside(const std::string& inner, const std::string& outer) {
  fs::path in(inner);
  fs::path out(outer);
  auto [out_end, in_end] = std::mismatch(out.begin(), out.end(), in.begin(), in.end());
  (void)in_end;
  return out_end == out.end();
}

}  // namespace herald
