#include "daemon/base/file_io.h"

#include "daemon/base/unique_fd.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>
#include <thread>

namespace herald {
namespace {


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
  return old.status.ok() && old.bytes == bytes;
}

}  // namespace

ReadResult read_whole_file(const std::string& path, std::size_t max_bytes, bool follow_links) {
  ReadResult result;
  // O_NONBLOCK: opening a FIFO must not wait for a writer.
  UniqueFd fd(::open(path.c_str(),
                     O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | (follow_links ? 0 : O_NOFOLLOW)));
  if (fd.get() < 0) {
    result.status = Status::failed(errno == ELOOP && !follow_links
                                       ? "is a symbolic link; only regular files are read here"
                                       : std::strerror(errno));
    return result;
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) {
    result.status = Status::failed(std::strerror(errno));
    return result;
  }
  if (S_ISREG(st.st_mode)) {
    if (static_cast<std::size_t>(st.st_size) > max_bytes) {
      result.too_large = true;
      result.size = static_cast<std::size_t>(st.st_size);
      result.status = Status::failed("file is larger than " + std::to_string(max_bytes) + " bytes");
      return result;
    }
    result.bytes.reserve(static_cast<std::size_t>(st.st_size));
  } else if (S_ISDIR(st.st_mode)) {
    result.status = Status::failed(std::strerror(EISDIR));
    return result;
  } else {
    result.status = Status::failed("not a regular file (a FIFO, socket or device is never read)");
    return result;
  }
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      result.status = Status::failed(std::strerror(errno));
      return result;
    }
    if (n == 0) break;
    result.bytes.append(buf, static_cast<std::size_t>(n));
    if (result.bytes.size() > max_bytes) {
      result.too_large = true;
      result.size = result.bytes.size();
      result.status = Status::failed("file is larger than " + std::to_string(max_bytes) + " bytes");
      result.bytes.clear();
      return result;
    }
  }
  return result;
}

namespace {

namespace fs = std::filesystem;

// A temporary holding one file's new bytes, waiting to be synced and renamed.
struct PendingFile {
  std::size_t index = 0;  // in the caller's list
  std::string tmp;
  std::string dir;
  int fd = -1;
  int sync_errno = 0;
};

// Runs work(i) for every i < count on up to `max_threads` threads. fsync
// mostly waits for the disk, so syncs running together share its flushes.
template <typename Work>
void in_parallel(std::size_t count, std::size_t max_threads, const Work& work) {
  std::atomic<std::size_t> next{0};
  auto run = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < count;) work(i);
  };
  std::vector<std::thread> threads;
  for (std::size_t t = 1; t < std::min(count, max_threads); ++t) threads.emplace_back(run);
  run();
  for (std::thread& t : threads) t.join();
}

constexpr std::size_t kSyncThreads = 16;
// Writes into the page cache are memory copies: one thread per core.
const std::size_t kWriteThreads = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
constexpr std::size_t kFilesPerRound = 256;  // open temporaries at once (file descriptor limit)

// Adds to *dirs `dir` and, for every directory create_directories is about
// to make, its parent (the new entry must be durable too). New directories
// are 0755 whatever the umask (the service runs with UMask=0077): feeds are
// public, and a web server in front may serve them.
bool make_directory(const fs::path& dir, std::set<std::string>* made,
                    std::vector<std::string>* dirs, std::string* error) {
  if (made->count(dir.string()) != 0) return true;
  std::error_code ec;
  std::vector<fs::path> missing;
  for (fs::path p = dir; !p.empty() && !fs::exists(p, ec); p = p.parent_path()) {
    missing.push_back(p);
    if (!p.has_parent_path() || p.parent_path() == p) break;
    dirs->push_back(p.parent_path().string());
  }
  fs::create_directories(dir, ec);
  if (ec) {
    *error = "cannot create directory " + dir.string() + ": " + ec.message();
    return false;
  }
  for (const fs::path& p : missing) ::chmod(p.c_str(), 0755);
  made->insert(dir.string());
  return true;
}

// Writes `bytes` to a new temporary next to `path`. On failure fills *error.
bool write_temporary(const std::string& path, const std::string& bytes, PendingFile* out,
                     std::string* error) {
  fs::path target(path);
  out->tmp = (fs::path(out->dir) / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  out->fd = ::mkostemp(out->tmp.data(), O_CLOEXEC);
  if (out->fd < 0) {
    *error = "cannot create a temporary file in " + out->dir + ": " + std::strerror(errno);
    return false;
  }
  const char* what = nullptr;
  if (::fchmod(out->fd, 0644) != 0) {
    what = "set permissions of";
  } else if (!write_all(out->fd, bytes)) {
    what = "write";
  }
  if (what == nullptr) return true;
  *error = std::string("cannot ") + what + " " + path + ": " + std::strerror(errno);
  ::close(out->fd);
  ::unlink(out->tmp.c_str());
  return false;
}

// Syncs, closes and renames one round of temporaries (in the order
// `durability` says); fills their outcomes, or their errors (empty: none).
void commit_round(std::vector<PendingFile>& round,
                  const std::vector<std::pair<std::string, std::string>>& files,
                  std::vector<WriteOutcome>& outcomes, std::vector<std::string>& errors,
                  std::vector<std::string>* dirs, Durability durability) {
  auto sync_all = [&] {
    in_parallel(round.size(), kSyncThreads, [&](std::size_t i) {
      if (round[i].fd >= 0 && ::fsync(round[i].fd) != 0) round[i].sync_errno = errno;
    });
  };
  if (durability == Durability::sync_then_rename) sync_all();
  for (PendingFile& p : round) {
    const std::string& path = files[p.index].first;
    int err = p.sync_errno;
    const char* what = "sync";
    if (err == 0 && ::rename(p.tmp.c_str(), path.c_str()) != 0) {
      err = errno;
      what = "replace";
    }
    if (err != 0) {
      ::close(p.fd);
      p.fd = -1;
      ::unlink(p.tmp.c_str());
      errors[p.index] = std::string("cannot ") + what + " " + path + ": " + std::strerror(err);
      continue;
    }
    outcomes[p.index] = WriteOutcome::written;
    dirs->push_back(p.dir);
  }
  if (durability == Durability::rename_then_sync) sync_all();
  for (PendingFile& p : round) {
    if (p.fd < 0) continue;
    int closed = ::close(p.fd);
    int err = p.sync_errno != 0 ? p.sync_errno : closed != 0 ? errno : 0;
    if (err != 0 && errors[p.index].empty()) {
      // Renamed already: the new bytes are in place but may not be durable.
      errors[p.index] = "cannot sync " + files[p.index].first + ": " + std::strerror(err);
    }
  }
  round.clear();
}

void sync_directories(std::vector<std::string> dirs) {
  std::sort(dirs.begin(), dirs.end());
  dirs.erase(std::unique(dirs.begin(), dirs.end()), dirs.end());
  in_parallel(dirs.size(), kSyncThreads, [&](std::size_t i) {
    UniqueFd fd(::open(dirs[i].c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() >= 0) ::fsync(fd.get());
  });
}

}  // namespace

std::vector<WriteResult> write_files_atomically(
    const std::vector<std::pair<std::string, std::string>>& files, Durability durability) {
  std::vector<WriteOutcome> outcomes(files.size(), WriteOutcome::unchanged);
  std::vector<std::string> errors(files.size());  // empty: none
  std::set<std::string> made;          // directories known to exist
  std::vector<std::string> dirs;       // directories to sync at the end
  // Rounds of files: their directories made here, then (on a few threads:
  // copying into the page cache is the slow part of a large build) compared
  // with what is on disk and written to temporaries, then committed.
  std::vector<PendingFile> round;
  round.reserve(std::min(files.size(), kFilesPerRound));
  auto write_round = [&] {
    in_parallel(round.size(), kWriteThreads, [&](std::size_t r) {
      PendingFile& pending = round[r];
      const auto& [path, bytes] = files[pending.index];
      if (same_contents(path, bytes)) return;  // fd stays -1: unchanged
      if (!write_temporary(path, bytes, &pending, &errors[pending.index])) pending.fd = -1;
    });
    std::erase_if(round, [](const PendingFile& pending) { return pending.fd < 0; });
    commit_round(round, files, outcomes, errors, &dirs, durability);
  };
  for (std::size_t i = 0; i < files.size(); ++i) {
    fs::path target(files[i].first);
    PendingFile pending;
    pending.index = i;
    pending.dir = (target.has_parent_path() ? target.parent_path() : fs::path(".")).string();
    if (!make_directory(pending.dir, &made, &dirs, &errors[i])) continue;
    round.push_back(std::move(pending));
    if (round.size() == kFilesPerRound) write_round();
  }
  write_round();
  sync_directories(std::move(dirs));
  std::vector<WriteResult> results;
  results.reserve(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (errors[i].empty()) {
      results.emplace_back(outcomes[i]);
    } else {
      results.emplace_back(Status::failed(std::move(errors[i])));
    }
  }
  return results;
}

WriteResult write_file_atomically(const std::string& path, const std::string& bytes) {
  return write_files_atomically({{path, bytes}}).front();
}

}  // namespace herald
