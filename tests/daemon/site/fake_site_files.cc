#include "tests/daemon/site/fake_site_files.h"

#include <algorithm>

#include <utility>

namespace herald::test {

void FakeSiteFiles::put(const std::string& path, const std::string& bytes) {
  std::lock_guard lock(mutex_);
  clock_ns_ += kSecond;
  File& file = files_[path];
  file.bytes = bytes;
  file.stamp.dev = 1;
  file.stamp.ino = next_ino_++;
  file.stamp.size = static_cast<std::int64_t>(bytes.size());
  file.stamp.mtime_ns = clock_ns_;
  file.stamp.ctime_ns = clock_ns_;
}

void FakeSiteFiles::erase(const std::string& path) {
  std::lock_guard lock(mutex_);
  files_.erase(path);
}

bool FakeSiteFiles::exists(const std::string& path) const {
  std::lock_guard lock(mutex_);
  return files_.count(path) != 0;
}

std::string FakeSiteFiles::bytes(const std::string& path) const {
  std::lock_guard lock(mutex_);
  auto it = files_.find(path);
  return it == files_.end() ? std::string() : it->second.bytes;
}

void FakeSiteFiles::advance(std::int64_t ns) {
  std::lock_guard lock(mutex_);
  clock_ns_ += ns;
}

void FakeSiteFiles::on_next_read(const std::string& path, std::function<void(ReadResult&)> hook) {
  std::lock_guard lock(mutex_);
  read_hooks_[path] = std::move(hook);
}

void FakeSiteFiles::fail_writes_to(const std::string& path, const std::string& error) {
  std::lock_guard lock(mutex_);
  failing_writes_[path] = error;
}

void FakeSiteFiles::clear_write_failures() {
  std::lock_guard lock(mutex_);
  failing_writes_.clear();
}

std::vector<std::string> FakeSiteFiles::take_written() {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out(written_.begin(), written_.end());
  written_.clear();
  return out;
}

std::vector<std::string> FakeSiteFiles::take_removed() {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out(removed_.begin(), removed_.end());
  removed_.clear();
  return out;
}

std::vector<Durability> FakeSiteFiles::durabilities() const {
  std::lock_guard lock(mutex_);
  return durabilities_;
}

Result<FileStamp> FakeSiteFiles::stamp_of(const std::string& path) const {
  std::lock_guard lock(mutex_);
  auto it = files_.find(path);
  if (it == files_.end()) return Result<FileStamp>::failed("No such file or directory");
  return it->second.stamp;
}

Result<FileStamp> FakeSiteFiles::stamp(const std::string& path) {
  {
    std::lock_guard lock(mutex_);
    single_stamps_.push_back(path);
  }
  return stamp_of(path);
}

std::vector<std::optional<FileStamp>> FakeSiteFiles::stamp_files(const std::string& dir,
                                                                 const std::vector<std::string>& files,
                                                                 const TaskRunner& run) {
  {
    std::lock_guard lock(mutex_);
    ++stamp_lists_;
  }
  std::vector<std::optional<FileStamp>> stamps(files.size());
  run(files.size(), [&](std::size_t i) {
    if (Result<FileStamp> stamp = stamp_of(dir + "/" + files[i]); stamp.ok()) stamps[i] = *stamp;
  });
  return stamps;
}

std::size_t FakeSiteFiles::stamp_lists() const {
  std::lock_guard lock(mutex_);
  return stamp_lists_;
}

std::vector<std::string> FakeSiteFiles::take_single_stamps() {
  std::lock_guard lock(mutex_);
  std::vector<std::string> paths = std::move(single_stamps_);
  single_stamps_.clear();
  std::sort(paths.begin(), paths.end());
  return paths;
}

bool FakeSiteFiles::is_regular(const std::string& path) { return exists(path); }

std::int64_t FakeSiteFiles::stamp_clock_ns() {
  std::lock_guard lock(mutex_);
  return clock_ns_;
}

ReadResult FakeSiteFiles::read(const std::string& path, std::size_t max_bytes) {
  std::lock_guard lock(mutex_);
  ReadResult result;
  if (auto it = files_.find(path); it == files_.end()) {
    result.status = Status::failed("No such file or directory");
  } else if (it->second.bytes.size() > max_bytes) {
    result.too_large = true;
    result.size = max_bytes + 1;
    result.status = Status::failed("File too large");
  } else {
    result.bytes = it->second.bytes;
  }
  if (auto hook = read_hooks_.find(path); hook != read_hooks_.end()) {
    std::function<void(ReadResult&)> run = std::move(hook->second);
    read_hooks_.erase(hook);
    run(result);
  }
  return result;
}

std::size_t FakeSiteFiles::scans() const {
  std::lock_guard lock(mutex_);
  return scans_;
}

ScanResult FakeSiteFiles::scan(const std::string& content_dir, const ContentFilter& filter) {
  std::lock_guard lock(mutex_);
  ++scans_;
  ScanResult result;
  const std::string prefix = content_dir + "/";
  for (const auto& [path, file] : files_) {  // a std::map: sorted
    if (!path.starts_with(prefix)) continue;
    std::string relative = path.substr(prefix.size());
    if (filter.accepts(relative)) result.files.push_back(std::move(relative));
  }
  return result;
}

std::vector<WriteResult> FakeSiteFiles::write(
    std::vector<std::pair<std::string, std::string>> files, Durability durability) {
  std::lock_guard lock(mutex_);
  durabilities_.push_back(durability);
  std::vector<WriteResult> results;
  for (const auto& [path, bytes] : files) {
    if (auto failing = failing_writes_.find(path); failing != failing_writes_.end()) {
      results.push_back(WriteResult::failed("cannot write " + path + ": " + failing->second));
    } else if (auto it = files_.find(path); it != files_.end() && it->second.bytes == bytes) {
      results.push_back(WriteOutcome::unchanged);
    } else {
      files_[path].bytes = bytes;
      written_.insert(path);
      results.push_back(WriteOutcome::written);
    }
  }
  return results;
}

RemoveResult FakeSiteFiles::remove(const std::string& path) {
  std::lock_guard lock(mutex_);
  if (files_.erase(path) == 0) return RemoveOutcome::absent;
  removed_.insert(path);
  return RemoveOutcome::removed;
}

}  // namespace herald::test

namespace herald::test {

void FakeSiteFiles::fail_listing(const std::string& dir, const std::string& error) {
  std::lock_guard lock(mutex_);
  if (error.empty()) {
    failing_listings_.erase(dir);
  } else {
    failing_listings_[dir] = error;
  }
}

Status FakeSiteFiles::list_directory(const std::string& path) {
  std::lock_guard lock(mutex_);
  auto failing = failing_listings_.find(path);
  return failing == failing_listings_.end() ? Status{} : Status::failed(failing->second);
}

}  // namespace herald::test
