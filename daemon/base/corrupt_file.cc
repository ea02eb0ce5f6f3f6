#include "daemon/base/corrupt_file.h"

#include <ctime>
#include <filesystem>
#include <system_error>

namespace herald {
namespace fs = std::filesystem;
namespace {

constexpr char kInfix[] = ".corrupt-";

std::string utc_stamp(std::int64_t now_ms) {
  std::time_t seconds = static_cast<std::time_t>(now_ms / 1000);
  std::tm tm {};
  ::gmtime_r(&seconds, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &tm);
  return text;
}

}  // namespace

Result<std::string> move_aside_corrupt(const std::string& path, std::int64_t now_ms) {
  const std::string base = path + kInfix + utc_stamp(now_ms);
  std::string target = base;
  std::error_code ec;
  for (int n = 1; fs::exists(target, ec) || fs::exists(target + "-wal", ec); ++n) {
    target = base + "-" + std::to_string(n);
  }
  fs::rename(path, target, ec);
  if (ec) return Status::failed("cannot move " + path + " aside to " + target + ": " + ec.message());
  for (const char* companion : {"-wal", "-shm"}) {
    if (!fs::exists(path + companion, ec)) continue;
    fs::rename(path + companion, target + companion, ec);
    if (ec) {
      return Status::failed("moved " + path + " aside to " + target + " but not its " + companion +
                            " file: " + ec.message());
    }
  }
  return target;
}

std::string find_moved_aside(const std::string& path) {
  const fs::path file(path);
  const std::string prefix = file.filename().string() + kInfix;
  std::string newest;
  std::error_code ec;
  for (fs::directory_iterator it(file.parent_path().empty() ? "." : file.parent_path(), ec), end;
       !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.rfind(prefix, 0) != 0 || name.ends_with("-wal") || name.ends_with("-shm")) continue;
    if (name > newest) newest = name;
  }
  return newest.empty() ? "" : (file.parent_path() / newest).string();
}

}  // namespace herald
