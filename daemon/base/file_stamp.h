// FileStamp: what stat() says about a post file, enough to tell "unchanged"
// without reading it; and the content hash used when the stamp differs.
//
// Why ctime: mtime can be set back by anyone (`touch -d`, `rsync -t`,
// `cp -p`, `tar x`, git's checkout of an older file keeps none but tools
// do), so a same-size edit with a restored mtime would look unchanged. The
// kernel sets ctime to "now" on every write, chmod, rename or utimes call,
// and no unprivileged call can set it back. dev and ino catch a file
// replaced by another (rename over, `sed -i`, editors' save-by-rename).
//
// Racy stamps: file times come from a coarse kernel clock (ticks of a few
// ms), so a file written again in the same tick just after it was stamped
// keeps the same stamp. A stamp taken less than `racy_window_ns` after the
// file's last mtime/ctime is therefore never trusted alone: the decision is
// reuse_if_hash_matches (git's "racily clean" rule).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "feeds/status.h"

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX

namespace herald {

struct FileStamp {
  std::uint64_t dev = 0;
  std::uint64_t ino = 0;
  std::int64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::int64_t ctime_ns = 0;

  bool operator==(const FileStamp&) const = default;
};

// stat()s `path` (following symlinks, as reading does). The Result holds
// its stamp, or the reason it has none (e.g. "No such file or directory").
Result<FileStamp> stamp_file(const std::string& path);
// The same for `name` in the directory open as `dir_fd` (fstatat): no walk
// of the whole path for each file of a directory.
Result<FileStamp> stamp_file_at(int dir_fd, const char* name);

// The wall clock in ns since the Unix epoch, comparable with stamps.
std::int64_t stamp_clock_now_ns();

// Lower-case hex SHA-256 of `bytes` (64 characters). SHA-256 through
// OpenSSL's EVP: with SHA-NI it measured ~1.0 GB/s on 2 KB inputs here,
// twice BLAKE2b-512 (0.5 GB/s) and three times BLAKE2s-256 (0.3 GB/s).
std::string content_hash(std::string_view bytes);

// content_hash() of the bytes given to add(), one piece at a time: the
// digest of a million files' stamps without holding their text whole.
class ContentHasher {
 public:
  ContentHasher();
  ~ContentHasher();
  ContentHasher(const ContentHasher&) = delete;
  ContentHasher& operator=(const ContentHasher&) = delete;
  void add(std::string_view bytes);
  std::string finish();  // as content_hash() of every add() in order; once

 private:
  evp_md_ctx_st* context_;
};

// A content_hash() kept as its 32 bytes rather than 64 hex digits on the
// heap, where every post file has one. A text that is not such a hash
// (none: "") keeps as none, which, like it, equals no file's hash. None is
// the all-zero digest, which no known input has (so no flag pads it to 33).
class PackedHash {
 public:
  PackedHash() = default;
  explicit PackedHash(std::string_view hex);
  static PackedHash of(std::string_view bytes);  // content_hash() of `bytes`, packed
  bool present() const { return bytes_ != std::array<unsigned char, 32>{}; }
  std::string hex() const;  // as content_hash() wrote it; "" for none
  bool operator==(const PackedHash&) const = default;

 private:
  std::array<unsigned char, 32> bytes_{};
};

enum class StampVerdict {
  reuse,                  // same file, same stamp, not racy: the stored post holds
  reuse_if_hash_matches,  // read the file; the stored post holds if its hash is equal
};

inline constexpr std::int64_t kDefaultRacyWindowNs = 2'000'000'000;

// `stored` was taken at `stamped_at_ns` (stamp_clock_now_ns() just before the
// file was read); `current` is the file's stamp now.
StampVerdict judge_stamp(const FileStamp& stored, std::int64_t stamped_at_ns,
                         const FileStamp& current,
                         std::int64_t racy_window_ns = kDefaultRacyWindowNs);

}  // namespace herald
