// SiteFiles: the file system as the site sees it (Ninja's DiskInterface is
// the model): stat a post file, read it whole, list the content directory,
// write a batch of feed files atomically, remove a feed file. SiteState and
// the catalog loaders do all their file I/O through it, so a test can hand
// them an in-memory site (tests/daemon/site/fake_site_files.h).
//
// Paths are as the caller builds them (content.dir or output.dir joined with
// a relative path). The loaders call stamp, read and stamp_clock_ns from
// worker threads: an implementation must be safe to call concurrently.
// disk_site_files() is the real one, over base/file_io.h, base/file_stamp.h
// and watch/content_scanner.h, with their behaviour and error texts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "daemon/base/file_io.h"
#include "daemon/base/file_stamp.h"
#include "daemon/watch/content_scanner.h"
#include "feeds/status.h"
#include "feeds/task_runner.h"

namespace herald {

// How many threads stat and read post files at once (the loaders, a build's
// and a start's checks). More than the cores: those threads mostly wait on
// the disk whenever the page cache does not hold the posts (a first start
// after boot, pages reclaimed since), and more requests in flight keep the
// device busy. With the files cached they cost a few context switches.
inline constexpr unsigned kFileWorkers = 8;

enum class RemoveOutcome { removed, absent };

// Removed or absent, or the strerror-style reason it could not be removed.
using RemoveResult = Result<RemoveOutcome>;

class SiteFiles {
 public:
  virtual ~SiteFiles() = default;

  // stamp_file(): the stamp of `path` (following symlinks), or the reason
  // there is none.
  virtual Result<FileStamp> stamp(const std::string& path) = 0;
  // The stamps of `files` (relative to `dir`, sorted), each as
  // stamp(dir + "/" + file) gives it (nullopt: none), through `run`. The
  // disk opens each directory once a slice of files and stats its files
  // relative to it: no walk of the whole path for each (a vouched start
  // stats every post file). No default: a seam that wraps another must
  // hand the list on whole, or the disk's way is lost.
  virtual std::vector<std::optional<FileStamp>> stamp_files(const std::string& dir,
                                                            const std::vector<std::string>& files,
                                                            const TaskRunner& run) = 0;
  // Whether `path` is a regular file (following symlinks).
  virtual bool is_regular(const std::string& path) = 0;
  // The clock stamps are judged against (file_stamp.h: stamp_clock_now_ns).
  virtual std::int64_t stamp_clock_ns() = 0;
  // read_whole_file(): at most `max_bytes` + 1 bytes of a regular file; a
  // symbolic link is refused (it could reach out of the content directory).
  virtual ReadResult read(const std::string& path, std::size_t max_bytes) = 0;
  // scan_content(): the post files below `content_dir`, relative, sorted.
  virtual ScanResult scan(const std::string& content_dir, const ContentFilter& filter) = 0;
  // write_files_atomically(): one result per file, in order.
  virtual std::vector<WriteResult> write(std::vector<std::pair<std::string, std::string>> files,
                                         Durability durability) = 0;
  virtual RemoveResult remove(const std::string& path) = 0;
  // Ok when `path` is a directory that can be listed (following symlinks);
  // otherwise why not ("No such file or directory").
  virtual Status list_directory(const std::string& path) = 0;
};

// The real file system; stateless, lives as long as the program.
SiteFiles& disk_site_files();

}  // namespace herald
