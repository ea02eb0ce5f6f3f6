#include "daemon/base/file_lock.h"

#include <fcntl.h>
#include <sys/file.h>

#include <cerrno>
#include <charconv>
#include <cstring>

namespace herald {
namespace {

long read_pid(int fd) {
  char buf[32];
  ssize_t n = ::pread(fd, buf, sizeof buf, 0);
  long pid = 0;
  if (n > 0) std::from_chars(buf, buf + n, pid);
  return pid > 0 ? pid : 0;
}

void write_pid(int fd) {
  std::string text = std::to_string(::getpid()) + "\n";
  // Best effort: the pid only makes a contender's message better.
  if (::ftruncate(fd, 0) == 0) (void)!::pwrite(fd, text.data(), text.size(), 0);
}

}  // namespace

Result<FileLock> lock_file(const std::string& path) {
  UniqueFd file(::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600));
  if (!file.valid()) {
    return Result<FileLock>::failed(
        errno == ELOOP ? path + " is a symbolic link; remove it (herald makes its own lock file)"
                       : "cannot open " + path + ": " + std::strerror(errno));
  }
  int rc;
  do {
    rc = ::flock(file.get(), LOCK_EX | LOCK_NB);
  } while (rc != 0 && errno == EINTR);
  if (rc != 0) {
    if (errno == EWOULDBLOCK) return FileLock{UniqueFd(), read_pid(file.get())};
    return Result<FileLock>::failed("cannot lock " + path + ": " + std::strerror(errno));
  }
  write_pid(file.get());
  return FileLock{std::move(file), 0};
}

}  // namespace herald
