// The inotify watches of one directory tree: one watch on the root and on
// every directory below it (hidden and symlinked directories are skipped, as
// scan_content skips them), and the decoding of the kernel's event records
// into paths relative to the root. No event loop: the owner waits for fd()
// to be readable and then calls read_events().
//
// A watch follows its directory's inode, so the owner must unwatch_tree() a
// directory moved away and watch_tree() one moved in. Events of
// subdirectories about themselves (deleted, moved, ignored) are dropped: the
// parent reports them by name. The root's own deletion, move or unmount is
// reported with an empty path; a queue overflow with an empty path and
// IN_Q_OVERFLOW.
#pragma once

#include <sys/inotify.h>

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>

#include "feeds/status.h"

namespace herald {

struct WatchFailure {
  std::string directory;          // absolute path, or "" for inotify_init
  int error = 0;                  // errno
  bool out_of_resources = false;  // ENOSPC, EMFILE, ENFILE or max_watches reached
  std::string message;            // one line naming the directory and the fix
};

struct TreeEvent {
  std::string path;   // relative to the root, '/' separated; "" for the root itself
  std::uint32_t mask = 0;  // IN_* bits, IN_ISDIR when the subject is a directory
};

// Whether the open directory `dir_fd` has no subdirectories, told by its
// link count where the file system keeps one per subdirectory (ext2/3/4,
// XFS, tmpfs: 2 for '.' and the parent's entry, one more for each child's
// '..'). Elsewhere (btrfs says 1, network and FUSE file systems say what
// they like) false: list it to know. watch_tree() skips listing such a
// directory: a site's year directories hold 100,000 posts each and no
// directory, and the walk otherwise reads every entry of the tree.
bool known_leaf_directory(int dir_fd);

class InotifyTree {
 public:
  // `max_watches` caps the number of watches (0 = only the kernel's limit);
  // beyond it watch_tree() fails as the kernel does when out of watches.
  InotifyTree(std::string root, std::size_t max_watches);
  ~InotifyTree();
  InotifyTree(const InotifyTree&) = delete;
  InotifyTree& operator=(const InotifyTree&) = delete;

  std::optional<WatchFailure> open();  // inotify_init1(IN_NONBLOCK | IN_CLOEXEC)
  void close();                        // drops every watch
  int fd() const { return fd_; }

  // Watches `dir` (relative, "" = the root) and every directory below it.
  // Directories that vanish meanwhile are skipped; unreadable ones are
  // skipped with a warning. Fails when out of watches, or when the root
  // itself cannot be watched.
  std::optional<WatchFailure> watch_tree(const std::string& dir);
  void unwatch_tree(const std::string& dir);
  std::size_t size() const { return wd_by_dir_.size(); }

  // Reads until the kernel has no more events, calling `on_event` for each.
  // `on_event` may call any method, close() included (reading then stops).
  // Fails with the errno text of a failed read.
  Status read_events(const std::function<void(const TreeEvent&)>& on_event);

 private:
  std::optional<WatchFailure> watch_one(const std::string& dir);
  void decode(const inotify_event& event, const std::function<void(const TreeEvent&)>& on_event);
  std::string absolute(const std::string& dir) const;

  std::string root_;
  std::size_t max_watches_;
  int fd_ = -1;
  std::unordered_map<int, std::string> dir_by_wd_;
  std::map<std::string, int> wd_by_dir_;
  alignas(inotify_event) std::array<char, 64 * 1024> buffer_;
};

}  // namespace herald
