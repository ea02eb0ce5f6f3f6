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
// A round is written when it holds this many files (open temporaries at
// once: the file descriptor limit) or this many bytes (the memory held:
// 32 MiB was a tenth of a 100,000-post build's peak, 8 MiB writes as fast).
constexpr std::size_t kFilesPerRound = 256;
constexpr std::size_t kBytesPerRound = 8 << 20;

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

void sync_directories(std::vector<std::string> dirs) {
  std::sort(dirs.begin(), dirs.end());
  dirs.erase(std::unique(dirs.begin(), dirs.end()), dirs.end());
  in_parallel(dirs.size(), kSyncThreads, [&](std::size_t i) {
    UniqueFd fd(::open(dirs[i].c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() >= 0) ::fsync(fd.get());
  });
}

}  // namespace

// One file added: where it goes, and its temporary once written.
struct AtomicWriteBatch::File {
  std::string path;
  std::string dir;
  std::string bytes;  // until its round is written
  std::string tmp;    // empty: nothing to rename (unchanged, or failed)
  WriteOutcome outcome = WriteOutcome::unchanged;
  std::string error;  // empty: none
};

AtomicWriteBatch::AtomicWriteBatch(Durability durability) : durability_(durability) {}

AtomicWriteBatch::~AtomicWriteBatch() { abandon(); }

void AtomicWriteBatch::add(std::string path, std::string bytes) {
  bytes_added_ += bytes.size();
  File& file = files_.emplace_back();
  fs::path target(path);
  file.dir = (target.has_parent_path() ? target.parent_path() : fs::path(".")).string();
  file.path = std::move(path);
  if (!make_directory(file.dir, &made_, &dirs_, &file.error)) return;
  file.bytes = std::move(bytes);
  round_bytes_ += file.bytes.size();
  round_.push_back(files_.size() - 1);
  if (round_.size() >= kFilesPerRound || round_bytes_ >= kBytesPerRound) write_round();
}

// Compares each file of the round with the one on disk and writes the
// different ones to temporaries next to them; under sync_then_rename a
// thread syncs and closes them while the caller goes on (finish_sync),
// otherwise they are closed here.
void AtomicWriteBatch::write_round() {
  finish_sync();  // one round's descriptors open at a time
  std::vector<int> fds(round_.size(), -1);
  in_parallel(round_.size(), kWriteThreads, [&](std::size_t r) {
    File& file = files_[round_[r]];
    if (same_contents(file.path, file.bytes)) return;
    std::string tmp = (fs::path(file.dir) / ("." + fs::path(file.path).filename().string() + ".tmp-XXXXXX")).string();
    int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
    if (fd < 0) {
      file.error = "cannot create a temporary file in " + file.dir + ": " + std::strerror(errno);
      return;
    }
    const char* what = nullptr;
    if (::fchmod(fd, 0644) != 0) {
      what = "set permissions of";
    } else if (!write_all(fd, file.bytes)) {
      what = "write";
    }
    if (what != nullptr) {
      file.error = std::string("cannot ") + what + " " + file.path + ": " + std::strerror(errno);
      ::close(fd);
      ::unlink(tmp.c_str());
      return;
    }
    file.tmp = std::move(tmp);
    fds[r] = fd;
  });
  for (std::size_t index : round_) std::string().swap(files_[index].bytes);
  std::vector<Syncing> written;
  for (std::size_t r = 0; r < round_.size(); ++r) {
    if (fds[r] >= 0) written.push_back({round_[r], fds[r]});
  }
  round_.clear();
  round_bytes_ = 0;
  if (durability_ != Durability::sync_then_rename) {
    for (Syncing& w : written) w.error = ::close(w.fd) == 0 ? 0 : errno;
    syncing_ = std::move(written);
    finish_sync();
    return;
  }
  // The disk flushes this round while the caller renders the next one. The
  // thread touches only its own vector: files_ may grow meanwhile.
  syncing_ = std::move(written);
  sync_thread_ = std::thread([this] {
    in_parallel(syncing_.size(), kSyncThreads, [&](std::size_t i) {
      Syncing& w = syncing_[i];
      w.error = ::fsync(w.fd) == 0 ? 0 : errno;
      if (::close(w.fd) != 0 && w.error == 0) w.error = errno;
    });
  });
}

void AtomicWriteBatch::finish_sync() {
  if (sync_thread_.joinable()) sync_thread_.join();
  for (const Syncing& w : syncing_) {
    if (w.error == 0) continue;
    File& file = files_[w.file];
    file.error = "cannot sync " + file.path + ": " + std::strerror(w.error);
    ::unlink(file.tmp.c_str());
    file.tmp.clear();
  }
  syncing_.clear();
}

std::vector<WriteResult> AtomicWriteBatch::commit() {
  write_round();
  finish_sync();
  std::vector<std::size_t> renamed;
  for (std::size_t i = 0; i < files_.size(); ++i) {
    File& file = files_[i];
    if (file.tmp.empty()) continue;
    if (::rename(file.tmp.c_str(), file.path.c_str()) != 0) {
      file.error = "cannot replace " + file.path + ": " + std::strerror(errno);
      ::unlink(file.tmp.c_str());
    } else {
      file.outcome = WriteOutcome::written;
      dirs_.push_back(file.dir);
      renamed.push_back(i);
    }
    file.tmp.clear();
  }
  if (durability_ == Durability::rename_then_sync) {
    in_parallel(renamed.size(), kSyncThreads, [&](std::size_t r) {
      File& file = files_[renamed[r]];
      UniqueFd fd(::open(file.path.c_str(), O_RDONLY | O_CLOEXEC));
      if (fd.get() < 0 || ::fsync(fd.get()) != 0) {
        // Renamed already: the new bytes are in place but may not be durable.
        file.error = "cannot sync " + file.path + ": " + std::strerror(errno);
      }
    });
  }
  sync_directories(std::move(dirs_));
  std::vector<WriteResult> results;
  results.reserve(files_.size());
  for (File& file : files_) {
    if (file.error.empty()) {
      results.emplace_back(file.outcome);
    } else {
      results.emplace_back(Status::failed(std::move(file.error)));
    }
  }
  files_.clear();
  dirs_.clear();
  made_.clear();
  bytes_added_ = 0;
  return results;
}

void AtomicWriteBatch::abandon() {
  finish_sync();
  for (File& file : files_) {
    if (!file.tmp.empty()) ::unlink(file.tmp.c_str());
  }
  files_.clear();
  round_.clear();
  round_bytes_ = 0;
  dirs_.clear();
  made_.clear();
  bytes_added_ = 0;
}

std::vector<WriteResult> write_files_atomically(
    std::vector<std::pair<std::string, std::string>> files, Durability durability) {
  AtomicWriteBatch batch(durability);
  for (auto& [path, bytes] : files) batch.add(std::move(path), std::move(bytes));
  return batch.commit();
}

WriteResult write_file_atomically(const std::string& path, const std::string& bytes) {
  return write_files_atomically({{path, bytes}}).front();
}

}  // namespace herald
