// KnownFiles: what SiteState knows of each post file, by path relative to
// the content directory: its stamp when last read and its content hash.
//
// Packed, as a site may hold a million of them: no allocation per file. The
// paths' bytes sit once in an arena of large chunks, the entries in one
// vector (88 bytes each: the KnownFile, where its path is), and an index of
// entry numbers finds a path with no string made. An erased entry's slot is
// reused; its path's bytes are garbage until the arena, when more than half
// of it is garbage, is rebuilt with the live paths only.
//
// Pointers and views it hands out (find, path_of, at, for_each) are valid
// until the next set or erase; an entry number that set() returns, until the
// next erase. Not thread-safe; not copyable or movable (the index refers to
// the object).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include <boost/unordered/unordered_flat_set.hpp>

#include "daemon/base/file_stamp.h"

namespace herald {

// What the state knows of a post file: enough to tell it unchanged without
// reading (stamp) or without parsing (hash).
struct KnownFile {
  FileStamp stamp;
  std::int64_t stamped_ns = 0;
  PackedHash hash;
};

class KnownFiles {
 public:
  KnownFiles();
  ~KnownFiles();
  KnownFiles(const KnownFiles&) = delete;
  KnownFiles& operator=(const KnownFiles&) = delete;

  // Null when `path` is unknown. O(1).
  const KnownFile* find(std::string_view path) const;
  KnownFile* find(std::string_view path);
  // Adds `path` or replaces what is known of it (in place: its path is not
  // stored again). Returns its entry number. Amortized O(1).
  std::uint32_t set(std::string_view path, const KnownFile& file);
  // The path and what is known of entry number `entry` (from set). O(1).
  std::string_view path_of(std::uint32_t entry) const { return path(entries_[entry]); }
  const KnownFile& at(std::uint32_t entry) const { return entries_[entry].file; }
  // False when `path` was unknown. Amortized O(1).
  bool erase(std::string_view path);
  std::size_t size() const { return size_; }
  // Room for `files` files without growing the entries or the index.
  void reserve(std::size_t files);
  // About how many files it holds before it grows.
  std::size_t capacity() const;
  // Bytes the arena's chunks hold (live paths, garbage and free room).
  std::size_t arena_bytes() const;

  // `fn(std::string_view path, const KnownFile&)` for each file, in no
  // particular order. `fn` must not set or erase.
  template <typename Fn>
  void for_each(Fn&& fn) const {
    for (const Entry& entry : entries_) {
      if (entry.length != kFree) fn(path(entry), entry.file);
    }
  }

 private:
  // A path is the `length` bytes at `at` in the arena: chunk `at >>
  // kChunkBits`, from byte `at & (kChunkBytes - 1)`. A free slot has length
  // kFree and `at` names the next free slot (kNone: the last).
  struct Entry {
    KnownFile file;
    std::uint32_t at = 0;
    std::uint32_t length = 0;
  };
  static_assert(sizeof(Entry) == 88);
  static constexpr unsigned kChunkBits = 18;
  static constexpr std::size_t kChunkBytes = std::size_t{1} << kChunkBits;  // 256 KiB
  static constexpr std::uint32_t kFree = UINT32_MAX;
  static constexpr std::uint32_t kNone = UINT32_MAX;

  // The index hashes and compares entry numbers by their paths, and paths
  // as themselves (transparent: a lookup by string_view makes no string).
  struct PathHash {
    using is_transparent = void;
    const KnownFiles* files;
    std::size_t operator()(std::uint32_t entry) const;
    std::size_t operator()(std::string_view path) const;
  };
  struct PathEqual {
    using is_transparent = void;
    const KnownFiles* files;
    bool operator()(std::uint32_t a, std::uint32_t b) const;
    bool operator()(std::string_view a, std::uint32_t b) const;
    bool operator()(std::uint32_t a, std::string_view b) const;
  };

  // The paths' bytes, appended only; a chunk is never moved.
  struct Arena {
    std::vector<std::unique_ptr<char[]>> chunks;
    std::size_t tail_used = 0;  // bytes used in the last chunk
    std::size_t tail_size = 0;  // its size (more than kChunkBytes for a longer path)
    std::size_t bytes = 0;      // all chunks' sizes
    std::uint32_t append(std::string_view path);  // where it is now (0 for "")
  };

  std::string_view path(const Entry& entry) const;
  void compact();

  std::vector<Entry> entries_;
  boost::unordered_flat_set<std::uint32_t, PathHash, PathEqual> index_;
  Arena arena_;
  std::uint32_t free_ = kNone;  // the first free slot of entries_
  std::size_t size_ = 0;
  std::size_t live_bytes_ = 0;     // the live paths' bytes
  std::size_t garbage_bytes_ = 0;  // erased paths' bytes still in the arena
};

}  // namespace herald
