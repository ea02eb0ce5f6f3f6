// FakeSiteFiles: an in-memory file system for SiteState and the catalog
// loaders (daemon/site/site_files.h). Files are path -> bytes with a stamp
// that moves on every put; its stamp clock is a counter the test advances.
// Hooks let a test play the races of a real disk: a file that vanishes or
// changes while it is read, and writes that fail. It records every write and
// removal, so a test asserts exactly which feed files a change touched.
// Thread-safe (the loaders read from worker threads).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "daemon/site/site_files.h"

namespace herald::test {

class FakeSiteFiles final : public SiteFiles {
 public:
  static constexpr std::int64_t kSecond = 1'000'000'000;

  // Creates or replaces `path`: new bytes, a new stamp (mtime and ctime at
  // the clock, which first moves a second).
  void put(const std::string& path, const std::string& bytes);
  void erase(const std::string& path);
  bool exists(const std::string& path) const;
  std::string bytes(const std::string& path) const;
  // Moves the stamp clock (no file changes).
  void advance(std::int64_t ns);

  // Runs once, the next time `path` is read, after its bytes were taken:
  // it may change the file or what the reader got.
  void on_next_read(const std::string& path, std::function<void(ReadResult&)> hook);
  // Writes to `path` fail (with `error`) until cleared.
  void fail_writes_to(const std::string& path, const std::string& error = "No space left on device");
  void clear_write_failures();
  // list_directory(`dir`) fails with `error` (the content directory gone or
  // unreadable) until cleared with an empty error.
  void fail_listing(const std::string& dir, const std::string& error = "No such file or directory");

  // Paths written (bytes changed) and removed since the last take_*, sorted.
  std::vector<std::string> take_written();
  std::vector<std::string> take_removed();
  // Durability of every write batch, in order.
  std::vector<Durability> durabilities() const;
  // How many times scan() was called.
  std::size_t scans() const;
  // How many times stamp_files() was called.
  std::size_t stamp_lists() const;
  // The paths stamp() stamped since the last take (the stamps of
  // stamp_files' lists not among them), sorted, repeats kept.
  std::vector<std::string> take_single_stamps();

  Result<FileStamp> stamp(const std::string& path) override;
  std::vector<std::optional<FileStamp>> stamp_files(const std::string& dir, const std::vector<std::string>& files,
                                                    const TaskRunner& run) override;
  bool is_regular(const std::string& path) override;
  std::int64_t stamp_clock_ns() override;
  ReadResult read(const std::string& path, std::size_t max_bytes) override;
  ScanResult scan(const std::string& content_dir, const ContentFilter& filter) override;
  std::vector<WriteResult> write(std::vector<std::pair<std::string, std::string>> files,
                                 Durability durability) override;
  RemoveResult remove(const std::string& path) override;
  Status list_directory(const std::string& path) override;

 private:
  struct File {
    std::string bytes;
    FileStamp stamp;
  };
  Result<FileStamp> stamp_of(const std::string& path) const;

  mutable std::recursive_mutex mutex_;
  std::map<std::string, File> files_;
  std::int64_t clock_ns_ = 1'700'000'000 * kSecond;
  std::uint64_t next_ino_ = 1;
  std::map<std::string, std::function<void(ReadResult&)>> read_hooks_;
  std::map<std::string, std::string> failing_writes_;
  std::map<std::string, std::string> failing_listings_;
  std::set<std::string> written_;
  std::set<std::string> removed_;
  std::vector<Durability> durabilities_;
  std::size_t scans_ = 0;
  std::size_t stamp_lists_ = 0;
  std::vector<std::string> single_stamps_;
};

}  // namespace herald::test
