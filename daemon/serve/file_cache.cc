#include "daemon/serve/file_cache.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "feeds/head_snippet.h"

namespace herald {
namespace {

constexpr int kDirFlags = O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

// Reads up to `limit` + 1 bytes of `fd`; false on a read error.
bool read_all(int fd, std::size_t expected, std::size_t limit, std::string& out) {
  out.resize(std::min(expected, limit) + 1);
  std::size_t done = 0;
  for (;;) {
    if (done == out.size()) {
      if (out.size() > limit) break;
      out.resize(std::min(out.size() * 2, limit + 1));
    }
    ssize_t n = ::read(fd, out.data() + done, out.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  out.resize(done);
  return true;
}

}  // namespace

FileCache::FileCache(std::string root, std::size_t max_bytes, std::size_t max_file_bytes,
                     std::size_t max_open_files, FeedFileNames feeds)
    : root_(std::move(root)),
      max_bytes_(max_bytes),
      max_file_bytes_(max_file_bytes),
      max_open_files_(max_open_files),
      feeds_(std::move(feeds)) {}

FileCache::Identity FileCache::identity_of(const struct stat& st) {
  return {st.st_dev, st.st_ino, st.st_size,
          static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec};
}

std::size_t FileCache::cost(const ServedFile& file) {
  return file.bytes->size() + (file.gzip ? file.gzip->size() : 0) + 256;
}

std::size_t FileCache::cached_bytes() const {
  std::lock_guard lock(mutex_);
  return cached_bytes_;
}

std::size_t FileCache::open_files() const {
  std::lock_guard lock(mutex_);
  return open_files_;
}

int FileCache::root_fd() {
  std::lock_guard lock(mutex_);
  if (!root_fd_.valid()) {
    // Opened lazily (and again after a failure): the daemon may create the
    // output directory after the server starts.
    root_fd_ = UniqueFd(::open(root_.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
  }
  return root_fd_.get();
}

FileLookup FileCache::lookup(const RequestPath& path) {
  int dir_fd = root_fd();
  if (dir_fd < 0) return {404, nullptr};
  // Walk to the directory holding the last segment; `dirs` keeps the chain open.
  std::vector<UniqueFd> dirs;
  std::string name = path.segments.empty() ? std::string() : path.segments.back();
  std::size_t walk = path.segments.empty() ? 0 : path.segments.size() - 1;
  for (std::size_t i = 0; i < walk; ++i) {
    dirs.emplace_back(::openat(dir_fd, path.segments[i].c_str(), kDirFlags));
    if (!dirs.back().valid()) return {404, nullptr};
    dir_fd = dirs.back().get();
  }
  struct stat st {};
  std::string key = path.relative();
  if (!name.empty() && ::fstatat(dir_fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
    return gone(key);
  }
  if (name.empty() || S_ISDIR(st.st_mode)) {
    if (!name.empty()) {
      dirs.emplace_back(::openat(dir_fd, name.c_str(), kDirFlags));
      if (!dirs.back().valid()) return {404, nullptr};
      dir_fd = dirs.back().get();
    }
    name = "index.html";
    std::string index_key = key.empty() ? name : key + "/" + name;
    if (::fstatat(dir_fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
      // The root without an index.html: the page listing every feed.
      if (!key.empty()) return gone(index_key);
      name = kFeedsIndexFile;
      index_key = name;
      if (::fstatat(dir_fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return gone(index_key);
    }
    key = index_key;
  } else if (path.trailing_slash) {
    return {404, nullptr};
  }
  if (!S_ISREG(st.st_mode)) return {404, nullptr};
  {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it != entries_.end() && it->second.identity == identity_of(st)) {
      lru_.splice(lru_.begin(), lru_, it->second.lru);
      return {200, it->second.file};
    }
  }
  return load(dir_fd, name, key);
}

FileLookup FileCache::load(int dir_fd, const std::string& name, const std::string& key) {
  UniqueFd fd(::openat(dir_fd, name.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
  struct stat st {};
  if (!fd.valid() || ::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) return {404, nullptr};
  std::string bytes;
  if (!read_all(fd.get(), static_cast<std::size_t>(st.st_size), max_file_bytes_, bytes)) {
    spdlog::error("http: cannot read {}: {}", key, std::strerror(errno));
    return {500, nullptr};
  }
  if (bytes.size() > max_file_bytes_) {
    spdlog::error("http: {} is larger than {} bytes, not served", key, max_file_bytes_);
    return {500, nullptr};
  }
  bool keep_fd = bytes.size() >= kSendfileMinBytes;
  auto file = make_served_file(std::move(bytes), media_type_for(name, feeds_), st.st_mtim.tv_sec,
                               keep_fd ? std::move(fd) : UniqueFd());
  std::lock_guard lock(mutex_);
  remember(key, identity_of(st), file);
  return {200, file};
}

// `file` is not yet shared: its descriptor may still be dropped.
void FileCache::remember(const std::string& key, const Identity& identity,
                         std::shared_ptr<ServedFile> file) {
  erase(key);
  std::size_t size = cost(*file);
  if (size > max_bytes_) return;  // served once, with its descriptor
  while (cached_bytes_ + size > max_bytes_ && !lru_.empty()) erase(lru_.back());
  if (file->source && open_files_ >= max_open_files_) file->source.reset();
  if (file->source) ++open_files_;
  lru_.push_front(key);
  entries_[key] = Entry{identity, std::move(file), lru_.begin()};
  cached_bytes_ += size;
}

void FileCache::erase(const std::string& key) {
  auto it = entries_.find(key);
  if (it == entries_.end()) return;
  cached_bytes_ -= cost(*it->second.file);
  if (it->second.file->source) --open_files_;
  lru_.erase(it->second.lru);
  entries_.erase(it);
}

// A file deleted behind the cache's back: its entry (and the descriptor
// holding the deleted file's blocks) goes at once, not at eviction.
FileLookup FileCache::gone(const std::string& key) {
  invalidate(key);
  return {404, nullptr};
}

void FileCache::invalidate(const std::string& relative_path) {
  std::lock_guard lock(mutex_);
  erase(relative_path);
}

}  // namespace herald
