#include "daemon/watch/inotify_tree.h"

#include <dirent.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <spdlog/spdlog.h>
#include <vector>

namespace herald {
namespace {

namespace fs = std::filesystem;

constexpr std::uint32_t kDirectoryMask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE |
                                         IN_CREATE | IN_MODIFY | IN_ATTRIB | IN_DELETE_SELF |
                                         IN_MOVE_SELF | IN_ONLYDIR | IN_EXCL_UNLINK;
constexpr std::uint32_t kRootGone = IN_DELETE_SELF | IN_MOVE_SELF | IN_UNMOUNT | IN_IGNORED;

bool out_of_resources(int error) { return error == ENOSPC || error == EMFILE || error == ENFILE; }

std::string sysctl_hint(int error) {
  if (error == ENOSPC) return "; raise the sysctl fs.inotify.max_user_watches";
  if (error == EMFILE) return "; raise the sysctl fs.inotify.max_user_instances";
  return "";
}

// The non-hidden, non-symlinked subdirectories of `dir`, as paths relative
// to the root. readdir's d_type: a content directory of 100,000 posts is
// listed at every start, and a path object per entry cost more than the
// listing. A directory its link count vouches for is not listed.
std::vector<std::string> subdirectories(const fs::path& dir, const std::string& relative) {
  std::vector<std::string> found;
  DIR* stream = ::opendir(dir.c_str());
  if (stream == nullptr) return found;
  if (known_leaf_directory(::dirfd(stream))) {
    ::closedir(stream);
    return found;
  }
  while (const dirent* entry = ::readdir(stream)) {
    if (entry->d_name[0] == '.') continue;
    bool directory = entry->d_type == DT_DIR;
    if (entry->d_type == DT_UNKNOWN) {
      struct stat st {};
      directory = ::fstatat(::dirfd(stream), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
    }
    if (directory) found.push_back(relative.empty() ? std::string(entry->d_name) : relative + "/" + entry->d_name);
  }
  ::closedir(stream);
  return found;
}

}  // namespace

bool known_leaf_directory(int dir_fd) {
  struct stat st {};
  if (::fstat(dir_fd, &st) != 0 || !S_ISDIR(st.st_mode) || st.st_nlink != 2) return false;
  struct statfs fs {};
  if (::fstatfs(dir_fd, &fs) != 0) return false;
  switch (fs.f_type) {
    case EXT4_SUPER_MAGIC:  // ext2 and ext3 share it
    case XFS_SUPER_MAGIC:
    case TMPFS_MAGIC:
      return true;
    default:
      return false;
  }
}

InotifyTree::InotifyTree(std::string root, std::size_t max_watches)
    : root_(std::move(root)), max_watches_(max_watches) {}

InotifyTree::~InotifyTree() { close(); }

std::optional<WatchFailure> InotifyTree::open() {
  close();
  fd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd_ >= 0) return std::nullopt;
  int error = errno;
  return WatchFailure{"", error, out_of_resources(error),
                      std::string("cannot start inotify: ") + std::strerror(error) +
                          sysctl_hint(error)};
}

void InotifyTree::close() {
  if (fd_ >= 0) ::close(fd_);  // drops every watch with it
  fd_ = -1;
  dir_by_wd_.clear();
  wd_by_dir_.clear();
}

std::string InotifyTree::absolute(const std::string& dir) const {
  return dir.empty() ? root_ : root_ + "/" + dir;
}

std::optional<WatchFailure> InotifyTree::watch_one(const std::string& dir) {
  const std::string path = absolute(dir);
  if (max_watches_ != 0 && wd_by_dir_.size() >= max_watches_ && !wd_by_dir_.count(dir)) {
    return WatchFailure{path, ENOSPC, true,
                        "cannot watch " + path + ": the limit of " +
                            std::to_string(max_watches_) + " watched directories is reached"};
  }
  // The root may be a symlink to the content; below it, symlinks are not followed.
  std::uint32_t mask = kDirectoryMask | (dir.empty() ? 0 : IN_DONT_FOLLOW);
  int wd = ::inotify_add_watch(fd_, path.c_str(), mask);
  if (wd < 0) {
    int error = errno;
    return WatchFailure{path, error, out_of_resources(error),
                        "cannot watch " + path + ": " + std::strerror(error) + sysctl_hint(error)};
  }
  // The same inode under a new name gets its old descriptor back.
  // A directory re-created under an old name replaces the stale descriptor.
  auto old = dir_by_wd_.find(wd);
  if (old != dir_by_wd_.end()) wd_by_dir_.erase(old->second);
  auto stale = wd_by_dir_.find(dir);
  if (stale != wd_by_dir_.end()) dir_by_wd_.erase(stale->second);
  dir_by_wd_[wd] = dir;
  wd_by_dir_[dir] = wd;
  return std::nullopt;
}

std::optional<WatchFailure> InotifyTree::watch_tree(const std::string& dir) {
  std::vector<std::string> pending{dir};
  while (!pending.empty()) {
    std::string next = std::move(pending.back());
    pending.pop_back();
    if (std::optional<WatchFailure> failure = watch_one(next)) {
      if (failure->out_of_resources || next.empty()) return failure;
      if (failure->error != ENOENT && failure->error != ENOTDIR) {
        spdlog::warn("{}; changes below it are noticed by the periodic rescan only",
                     failure->message);
      }
      continue;
    }
    for (std::string& sub : subdirectories(absolute(next), next)) pending.push_back(std::move(sub));
  }
  return std::nullopt;
}

void InotifyTree::unwatch_tree(const std::string& dir) {
  for (auto it = wd_by_dir_.lower_bound(dir); it != wd_by_dir_.end();) {
    const std::string& watched = it->first;
    bool below = watched == dir || dir.empty() ||
                 (watched.size() > dir.size() && watched.starts_with(dir) && watched[dir.size()] == '/');
    if (!below) {
      if (!watched.starts_with(dir)) break;
      ++it;  // a sibling such as "a-b" sorts between "a" and "a/"
      continue;
    }
    ::inotify_rm_watch(fd_, it->second);
    dir_by_wd_.erase(it->second);
    it = wd_by_dir_.erase(it);
  }
}

Status InotifyTree::read_events(const std::function<void(const TreeEvent&)>& on_event) {
  while (fd_ >= 0) {
    ssize_t n = ::read(fd_, buffer_.data(), buffer_.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return {};
    if (n < 0) return Status::failed(std::strerror(errno));
    for (ssize_t offset = 0; offset < n && fd_ >= 0;) {
      const auto* event = reinterpret_cast<const inotify_event*>(buffer_.data() + offset);
      offset += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
      decode(*event, on_event);
    }
    if (n == 0) return {};
  }
  return {};
}

void InotifyTree::decode(const inotify_event& event,
                         const std::function<void(const TreeEvent&)>& on_event) {
  if (event.mask & IN_Q_OVERFLOW) {
    on_event(TreeEvent{"", IN_Q_OVERFLOW});
    return;
  }
  auto it = dir_by_wd_.find(event.wd);
  if (it == dir_by_wd_.end()) return;  // a watch already dropped
  const std::string dir = it->second;
  if (event.len == 0) {  // about the watched directory itself
    if (event.mask & IN_IGNORED) {
      dir_by_wd_.erase(it);
      auto named = wd_by_dir_.find(dir);
      if (named != wd_by_dir_.end() && named->second == event.wd) wd_by_dir_.erase(named);
    }
    if (dir.empty() && (event.mask & kRootGone)) on_event(TreeEvent{"", event.mask});
    return;
  }
  std::string name(event.name);  // NUL-padded to event.len
  on_event(TreeEvent{dir.empty() ? name : dir + "/" + name, event.mask});
}

}  // namespace herald
