#include "daemon/site/output_budget.h"

namespace herald {
namespace {

std::string mebibytes(std::uint64_t bytes) {
  return std::to_string((bytes + (1 << 20) - 1) >> 20) + " MiB";
}

}  // namespace

Status OutputBudget::admit(const std::vector<OutputFile>& files) const {
  std::uint64_t total = total_;
  for (const OutputFile& file : files) {
    auto known = sizes_.find(file.path);
    if (known != sizes_.end()) total -= known->second;
    total += file.bytes.size();
  }
  return admit_whole(total);
}

Status OutputBudget::admit_whole(std::uint64_t total) const {
  if (total <= max_) return Status{};
  return Status::failed("the feeds would take " + mebibytes(total) + ", more than output.max_bytes (" +
                        mebibytes(max_) + "); the feeds keep their last version. Look for the "
                        "posts that made them grow (very long bodies, many tags) or raise "
                        "output.max_bytes");
}

void OutputBudget::wrote(const std::string& path, std::uint64_t bytes) {
  std::uint64_t& size = sizes_[path];
  total_ = total_ - size + bytes;
  size = bytes;
}

void OutputBudget::removed(const std::string& path) {
  auto it = sizes_.find(path);
  if (it == sizes_.end()) return;
  total_ -= it->second;
  sizes_.erase(it);
}

}  // namespace herald
