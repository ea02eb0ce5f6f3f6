#include "daemon/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace herald {
namespace {

// Closes a file descriptor on scope exit.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  int release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  int fd_;
};

bool write_all(int fd, const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

bool same_contents(const std::string& path, const std::string& bytes) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  if (static_cast<std::size_t>(st.st_size) != bytes.size()) return false;
  ReadResult old = read_whole_file(path, bytes.size());
  return old.ok && old.bytes == bytes;
}

}  // namespace

ReadResult read_whole_file(const std::string& path, std::size_t max_bytes) {
  ReadResult result;
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    result.error = std::strerror(errno);
    return result;
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) == 0 && S_ISREG(st.st_mode)) {
    if (static_cast<std::size_t>(st.st_size) > max_bytes) {
      result.too_large = true;
      result.size = static_cast<std::size_t>(st.st_size);
      result.error = "file is larger than " + std::to_string(max_bytes) + " bytes";
      return result;
    }
    result.bytes.reserve(static_cast<std::size_t>(st.st_size));
  } else if (S_ISDIR(st.st_mode)) {
    result.error = std::strerror(EISDIR);
    return result;
  }
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      result.error = std::strerror(errno);
      return result;
    }
    if (n == 0) break;
    result.bytes.append(buf, static_cast<std::size_t>(n));
    if (result.bytes.size() > max_bytes) {
      result.too_large = true;
      result.size = result.bytes.size();
      result.error = "file is larger than " + std::to_string(max_bytes) + " bytes";
      result.bytes.clear();
      return result;
    }
  }
  result.ok = true;
  return result;
}

WriteResult write_file_atomically(const std::string& path, const std::string& bytes) {
  namespace fs = std::filesystem;
  WriteResult result;
  if (same_contents(path, bytes)) {
    result.outcome = WriteOutcome::unchanged;
    return result;
  }
  fs::path target(path);
  fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    result.error = "cannot create directory " + dir.string() + ": " + ec.message();
    return result;
  }
  std::string tmp = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  Fd fd(::mkostemp(tmp.data(), O_CLOEXEC));
  if (fd.get() < 0) {
    result.error = "cannot create a temporary file in " + dir.string() + ": " + std::strerror(errno);
    return result;
  }
  auto fail = [&](const char* what) {
    int err = errno;
    ::unlink(tmp.c_str());
    result.error = std::string("cannot ") + what + " " + path + ": " + std::strerror(err);
    return result;
  };
  if (::fchmod(fd.get(), 0644) != 0) return fail("set permissions of");
  if (!write_all(fd.get(), bytes)) return fail("write");
  if (::fsync(fd.get()) != 0) return fail("sync");
  if (::close(fd.release()) != 0) return fail("close");
  if (::rename(tmp.c_str(), path.c_str()) != 0) return fail("replace");
  Fd dir_fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir_fd.get() >= 0) ::fsync(dir_fd.get());
  result.outcome = WriteOutcome::written;
  return result;
}

}  // namespace herald
