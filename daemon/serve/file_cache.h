// Finds files under the served directory safely and keeps recently served
// ones in memory.
//
// Safety: the path is walked one segment at a time from a descriptor of the
// root with O_NOFOLLOW, so no symbolic link is ever followed (a link, even to
// a file inside the root, is 404) and nothing outside the root is reachable.
// A directory is served through its index.html; without one it is 404,
// except the root, which then serves the page listing every feed
// (feeds.html, feeds/head_snippet.h).
//
// Freshness: every lookup stats the file; a cached entry is used only while
// (device, inode, size, mtime in ns) are unchanged, so rewrites by rename,
// deletions and replacements are seen without invalidate(), which only frees
// memory early (a lookup that finds the file deleted drops its entry too). Bounded: entries are evicted least recently used first once
// their bytes (plain + gzip) exceed `max_bytes`; larger files are served
// uncached. Files above `max_file_bytes` are refused (status 500).
//
// Descriptors: a file of at least kSendfileMinBytes keeps the descriptor it
// was read from (ServedFile::source) so that its body can be sendfile'd; at
// most `max_open_files` cached entries hold one (the others are served from
// memory), and a file too large to cache holds its own only while served.
//
// Thread-safe: the server's io threads look files up concurrently while the
// daemon's loop invalidates entries. The entry table is guarded by a mutex
// held only for table operations; stats, reads, hashing and gzip run outside
// it (two threads missing the same file both load it; the later one is kept).
#pragma once

#include <sys/stat.h>
#include <sys/types.h>

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "daemon/base/unique_fd.h"
#include "daemon/serve/http_request_path.h"
#include "daemon/serve/served_file.h"

namespace herald {

struct FileLookup {
  unsigned status = 404;                   // 200, 404 or 500
  std::shared_ptr<const ServedFile> file;  // when 200
};

class FileCache {
 public:
  static constexpr std::size_t kSendfileMinBytes = 32 * 1024;

  // `feeds`: the feed file names, which decide the feeds' media types.
  FileCache(std::string root, std::size_t max_bytes, std::size_t max_file_bytes,
            std::size_t max_open_files, FeedFileNames feeds = {});

  // REQUIRES: path.status == 0.
  FileLookup lookup(const RequestPath& path);
  // Drops the entry for "dir/name" (as written under the root), if any.
  void invalidate(const std::string& relative_path);
  std::size_t cached_bytes() const;
  // Cached entries holding a descriptor.
  std::size_t open_files() const;

 private:
  struct Identity {
    dev_t dev = 0;
    ino_t ino = 0;
    off_t size = 0;
    long long mtime_ns = 0;
    bool operator==(const Identity&) const = default;
  };
  struct Entry {
    Identity identity;
    std::shared_ptr<const ServedFile> file;
    std::list<std::string>::iterator lru;
  };

  FileLookup load(int dir_fd, const std::string& name, const std::string& key);
  FileLookup gone(const std::string& key);
  int root_fd();
  // REQUIRES: mutex_ held.
  void remember(const std::string& key, const Identity& identity,
                std::shared_ptr<ServedFile> file);
  void erase(const std::string& key);  // REQUIRES: mutex_ held
  static std::size_t cost(const ServedFile& file);
  static Identity identity_of(const struct stat& st);

  std::string root_;
  mutable std::mutex mutex_;
  UniqueFd root_fd_;  // once valid, never closed while the cache lives
  std::size_t max_bytes_;
  std::size_t max_file_bytes_;
  std::size_t max_open_files_;
  FeedFileNames feeds_;
  std::size_t cached_bytes_ = 0;
  std::size_t open_files_ = 0;
  std::list<std::string> lru_;  // most recent first
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace herald
