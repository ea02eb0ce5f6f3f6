#include "daemon/site/site_files.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace herald {
namespace {

class DiskSiteFiles final : public SiteFiles {
 public:
  Result<FileStamp> stamp(const std::string& path) override { return stamp_file(path); }
  bool is_regular(const std::string& path) override {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
  }
  std::int64_t stamp_clock_ns() override { return stamp_clock_now_ns(); }
  ReadResult read(const std::string& path, std::size_t max_bytes) override {
    return read_whole_file(path, max_bytes, /*follow_links=*/false);
  }
  ScanResult scan(const std::string& content_dir, const ContentFilter& filter) override {
    return scan_content(content_dir, filter);
  }
  std::vector<WriteResult> write(const std::vector<std::pair<std::string, std::string>>& files,
                                 Durability durability) override {
    return write_files_atomically(files, durability);
  }
  RemoveResult remove(const std::string& path) override {
    if (::unlink(path.c_str()) == 0) return RemoveOutcome::removed;
    if (errno == ENOENT) return RemoveOutcome::absent;
    return RemoveResult::failed(std::strerror(errno));
  }
  Status list_directory(const std::string& path) override {
    DIR* dir = ::opendir(path.c_str());
    if (dir == nullptr) return Status::failed(std::strerror(errno));
    errno = 0;
    bool readable = ::readdir(dir) != nullptr || errno == 0;
    int error = errno;
    ::closedir(dir);
    return readable ? Status{} : Status::failed(std::strerror(error));
  }
};

}  // namespace

SiteFiles& disk_site_files() {
  static DiskSiteFiles disk;
  return disk;
}

}  // namespace herald
