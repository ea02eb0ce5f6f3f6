// OutputBudget: the total size of the feed files herald keeps in output.dir,
// held against output.max_bytes. The budget bounds what posts can make
// herald write (feeds.max_feeds times the formats times each family's limit
// of entries of up to content.markdown.max_html_bytes would otherwise allow
// terabytes): a batch of files that would take the total past it is not
// written at all, so every feed on disk stays a whole, earlier version.
//
// It knows the files it was told about (wrote, removed); files in output.dir
// herald did not write are not counted.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "feeds/site_renderer.h"
#include "feeds/status.h"

namespace herald {

class OutputBudget {
 public:
  explicit OutputBudget(std::uint64_t max_bytes) : max_(max_bytes) {}

  // Ok when writing `files` (each replacing what its path holds now) keeps
  // the total within the budget; otherwise the message to report, naming
  // the budget and how to proceed.
  Status admit(const std::vector<OutputFile>& files) const;
  // The same for a whole output of `total` bytes replacing every file
  // (herald build, which streams its files and knows their sum at the end).
  Status admit_whole(std::uint64_t total) const;
  // Records what was written and what was removed.
  void wrote(const std::string& path, std::uint64_t bytes);
  void removed(const std::string& path);

  std::uint64_t total() const { return total_; }

 private:
  std::uint64_t max_;
  std::uint64_t total_ = 0;
  std::unordered_map<std::string, std::uint64_t> sizes_;
};

}  // namespace herald
