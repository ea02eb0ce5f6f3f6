// Whole-file reads and atomic writes, the only way herald touches output.
//
// write_file_atomically: a reader sees either the old file or the new one,
// never half of one: the bytes go to a temporary file in the same directory,
// are fsync'ed, renamed over the target, and the directory is fsync'ed. A
// failed write leaves the old file in place and no temporary behind. When the
// file already holds exactly `bytes`, nothing is written (its mtime and ETag
// stay as they are).
//
// write_files_atomically does the same for many files at once, with the
// same guarantees for each, but pays the disk's latency about once instead
// of once per file: unchanged files are skipped, every temporary is written,
// all of them are fsync'ed in parallel, then renamed, then each directory
// touched is fsync'ed once (in parallel too).
#pragma once

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "feeds/status.h"

namespace herald {

// A whole file, or why not. More than a Result<std::string>: a file too
// large is a failure that also says how large it was.
struct ReadResult {
  Status status;         // failed: a strerror-style reason, e.g. "Permission denied"
  std::string bytes;     // when status is ok
  bool too_large = false;  // failed because the file holds more than max_bytes
  std::size_t size = 0;  // when too_large: the size seen (at least max_bytes + 1)
};

// Reads at most `max_bytes` + 1 bytes; sets too_large when the file is bigger.
// Only a regular file is read: a FIFO, device or socket is refused without
// blocking. Without `follow_links`, a symbolic link is refused too (posts:
// a link must not reach out of the content directory).
ReadResult read_whole_file(const std::string& path, std::size_t max_bytes,
                           bool follow_links = true);

enum class WriteOutcome { unchanged, written };

// What became of one file: unchanged or written, or the Status naming the
// path and what went wrong ("cannot replace out/rss.xml: Is a directory").
using WriteResult = Result<WriteOutcome>;

// Creates missing parent directories.
WriteResult write_file_atomically(const std::string& path, const std::string& bytes);

// When the new bytes are made durable (fsync) relative to the rename that
// makes them visible. Either way a reader sees the old file or the new one,
// whole, and the directories are synced at the end.
enum class Durability {
  // fsync, then rename: after a crash the file holds the old bytes or the
  // new ones, never a mix. What `herald build` does.
  sync_then_rename,
  // rename, then fsync: the new bytes are visible a disk flush earlier
  // (~20 ms here); a crash right after the rename may leave the file empty
  // or old. For derived files that are checked and rewritten at every start
  // after a crash anyway: `herald run`'s incremental feed writes. A sync failure after the
  // rename is reported as a failed write (the bytes are in place).
  rename_then_sync,
};

// files: (path, bytes) pairs, paths distinct (moved in: an archive month
// is megabytes). Returns one result per file, in the same order; a failure
// of one file does not stop the others.
std::vector<WriteResult> write_files_atomically(
    std::vector<std::pair<std::string, std::string>> files,
    Durability durability = Durability::sync_then_rename);

// write_files_atomically for files that come one at a time (a large build
// renders them in batches), so the whole output is never held in memory:
// add() queues a file; every few hundred files or 8 MiB the queued ones
// are compared with what is on disk and the different ones written to
// temporaries (on one thread per core) and their bytes freed; under
// sync_then_rename a round's temporaries are synced in the background while
// the caller goes on rendering (one round at a time; commit() waits for
// it, and renames nothing before every temporary is synced). Nothing is
// renamed before commit(), so abandon()
// (or destruction without commit) removes the temporaries and leaves every
// old file as it was. Not thread-safe.
class AtomicWriteBatch {
 public:
  explicit AtomicWriteBatch(Durability durability = Durability::sync_then_rename);
  ~AtomicWriteBatch();
  AtomicWriteBatch(const AtomicWriteBatch&) = delete;
  AtomicWriteBatch& operator=(const AtomicWriteBatch&) = delete;

  // Paths distinct within a batch. Creates missing parent directories.
  void add(std::string path, std::string bytes);
  // The bytes of every file added since the last commit or abandon.
  std::uint64_t bytes_added() const { return bytes_added_; }
  // Renames every temporary into place and syncs their directories. One
  // result per file added, in order. The batch is then empty.
  std::vector<WriteResult> commit();
  // Removes every temporary: nothing is replaced. The batch is then empty.
  void abandon();

 private:
  struct File;
  // A temporary being synced in the background: its file, its descriptor,
  // and, once synced, the error (0: none).
  struct Syncing {
    std::size_t file;
    int fd;
    int error = 0;
  };
  void write_round();
  // Waits for the round being synced and records its failures.
  void finish_sync();

  Durability durability_;
  std::vector<File> files_;
  std::vector<std::size_t> round_;  // indexes in files_ not written yet
  std::size_t round_bytes_ = 0;
  std::uint64_t bytes_added_ = 0;
  std::set<std::string> made_;      // directories known to exist
  std::vector<std::string> dirs_;   // directories to sync at commit
  std::vector<Syncing> syncing_;    // the round the sync thread works on
  std::thread sync_thread_;
};

}  // namespace herald
