#include "daemon/base/private_files.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "daemon/base/unique_fd.h"

namespace herald {
namespace {

// By path, never by opening an existing file: closing any descriptor of a
// database would drop the POSIX locks SQLite holds on it in this process.
Status chmod_file(const std::string& path, bool create) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    // Not there (or not reachable): the opener (SQLite) reports it in its words.
    if (errno != ENOENT || !create) return {};
    UniqueFd made(::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (!made.valid() && errno != EEXIST) return {};
    if (::lstat(path.c_str(), &st) != 0) return {};
  }
  if (S_ISLNK(st.st_mode)) {
    return Status::failed(path + " is a symbolic link; herald keeps its state in files of its "
                                 "own: remove the link");
  }
  if ((st.st_mode & 07777) == 0600) return {};
  if (::chmod(path.c_str(), 0600) != 0) {
    return Status::failed("cannot make " + path + " private (mode 0600): " + std::strerror(errno));
  }
  return {};
}

}  // namespace

Status make_private_directory(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::failed("cannot create the state directory " + dir + ": " + ec.message());
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0) {
    return Status::failed("cannot stat the state directory " + dir + ": " + std::strerror(errno));
  }
  if ((st.st_mode & 07777) == 0700) return {};
  if (::chmod(dir.c_str(), 0700) != 0) {
    return Status::failed("cannot make the state directory " + dir + " private (mode 0700): " +
                          std::strerror(errno));
  }
  return {};
}

Status make_private_file(const std::string& path, bool create) {
  if (Status s = chmod_file(path, create); !s.ok()) return s;
  for (const char* companion : {"-wal", "-shm"}) {
    if (Status s = chmod_file(path + companion, false); !s.ok()) return s;
  }
  return {};
}

}  // namespace herald
