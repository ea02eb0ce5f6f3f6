#include "daemon/site/site_files.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <string_view>

#include <cerrno>
#include <cstring>

namespace herald {

namespace {

// How many files one task of DiskSiteFiles::stamp_files stats: enough that
// opening their directory is rare, few enough to keep every worker busy.
constexpr std::size_t kStampSlice = 2048;

// The directory of the files being stamped, opened to stat them (O_PATH:
// no read permission needed, as for stat() through it). open() gives -1
// when it cannot be opened, and does not try again for the next file of
// the same directory.
class OpenDirectory {
 public:
  explicit OpenDirectory(const std::string& root) : root_(root) {}
  ~OpenDirectory() { close(); }
  OpenDirectory(const OpenDirectory&) = delete;
  OpenDirectory& operator=(const OpenDirectory&) = delete;
  // Opens `relative` (below the root; "" is the root) unless it is the one
  // open already: sorted files come a directory at a time.
  int open(std::string_view relative) {
    if (opened_ && relative == relative_) return fd_;
    close();
    opened_ = true;
    relative_.assign(relative);
    std::string path = root_;
    if (!relative.empty()) path.append("/").append(relative);
    fd_ = ::open(path.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    return fd_;
  }

 private:
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    opened_ = false;
  }
  const std::string& root_;
  std::string relative_;
  bool opened_ = false;
  int fd_ = -1;
};

class DiskSiteFiles final : public SiteFiles {
 public:
  Result<FileStamp> stamp(const std::string& path) override { return stamp_file(path); }
  std::vector<std::optional<FileStamp>> stamp_files(const std::string& dir, const std::vector<std::string>& files,
                                                    const TaskRunner& run) override {
    std::vector<std::optional<FileStamp>> stamps(files.size());
    run((files.size() + kStampSlice - 1) / kStampSlice, [&](std::size_t slice) {
      OpenDirectory parent(dir);
      const std::size_t end = std::min(files.size(), (slice + 1) * kStampSlice);
      for (std::size_t i = slice * kStampSlice; i < end; ++i) {
        const std::string& file = files[i];
        const std::size_t slash = file.rfind('/');
        const bool nested = slash != std::string::npos;
        int fd = parent.open(nested ? std::string_view(file).substr(0, slash) : std::string_view());
        // A directory that cannot be opened: stat() says what it says.
        Result<FileStamp> stamp =
            fd >= 0 ? stamp_file_at(fd, file.c_str() + (nested ? slash + 1 : 0)) : stamp_file(dir + "/" + file);
        if (stamp.ok()) stamps[i] = *stamp;
      }
    });
    return stamps;
  }
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
  std::vector<WriteResult> write(std::vector<std::pair<std::string, std::string>> files,
                                 Durability durability) override {
    return write_files_atomically(std::move(files), durability);
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
