// Watches the content directory of `herald run` and tells the daemon which
// post files may have changed. Events are hints: the daemon stats, reads,
// hashes and diffs the reported paths itself, keyed by post identity.
//
// With inotify, every directory of the tree is watched (hidden and symlinked
// ones skipped, as scan_content does). Paths that pass the ContentFilter are
// debounced (see ChangeDebouncer): one batch once `quiet` passed without an
// event, at the latest `cap` after the oldest settled change; a file still
// open for writing is held until closed or `open_write_grace`. Temp names
// (builtin_temp_patterns, exclude globs) never appear in a batch. A created
// file counts as open until IN_CLOSE_WRITE, so a new hard link or symlink is
// delivered after `open_write_grace`; IN_ATTRIB (chmod) reports the file.
//  - A new directory (created or moved in) is watched, then scanned, and
//    every post file found below it is reported.
//  - A directory deleted or moved away yields a full_rescan batch
//    ("directory-removed"): the watcher does not track files, the daemon does.
//  - A queue overflow re-watches the tree and yields a full_rescan
//    ("overflow"); every `rescan_interval` the same happens ("periodic").
//  - When inotify runs out of instances or watches (ENOSPC, EMFILE, ENFILE,
//    or `max_watches`) in mode kAuto, or the root itself is deleted or moved,
//    the watcher logs one warning and polls: a full_rescan batch ("poll")
//    every `poll_interval`. Polling because the root went away ends when it
//    is back: the tree is watched again and one full_rescan ("root-back")
//    catches up.
//
// start() delivers nothing: the daemon loads the tree itself, after start()
// so that no change made during its first scan is missed. Callbacks run on
// the io_context's thread, never after stop(); `on_change` must not throw
// and must not destroy the watcher (it may call stop()). Nothing throws out
// of this module.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "daemon/watch/change_debouncer.h"
#include "daemon/watch/content_scanner.h"

#include "config/config.h"  // WatchMode
#include "feeds/status.h"

namespace boost::asio {
class io_context;
}

namespace herald {

struct WatchOptions {
  WatchMode mode = WatchMode::kAuto;
  std::chrono::milliseconds quiet{2};
  std::chrono::milliseconds cap{500};
  std::chrono::milliseconds open_write_grace{2000};
  std::chrono::seconds rescan_interval{3600};      // 0 = never
  std::chrono::milliseconds poll_interval{2000};
  std::size_t max_watches = 0;  // watched directories at most; 0 = the kernel's limit only
};

struct WatchStats {
  std::uint64_t events = 0;     // inotify events read
  std::uint64_t batches = 0;    // batches delivered
  std::uint64_t overflows = 0;  // IN_Q_OVERFLOW seen
  std::size_t watched_directories = 0;
  bool polling = false;
};

class ContentWatcher {
 public:
  using ChangeHandler = std::function<void(ChangeBatch)>;

  // REQUIRES: `io` outlives the watcher.
  ContentWatcher(boost::asio::io_context& io, std::string root, ContentFilter filter,
                 WatchOptions options, ChangeHandler on_change);
  ~ContentWatcher();
  ContentWatcher(const ContentWatcher&) = delete;
  ContentWatcher& operator=(const ContentWatcher&) = delete;

  // Call once. Fails when the root cannot be watched at all (e.g. "cannot
  // watch /srv/content: No such file or directory").
  Status start();
  void stop();
  WatchStats stats() const;  // on the io_context's thread, like every call

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace herald
