// Finds the post files of a content directory: every regular file (or
// symlink to one) below it, recursively, whose name matches an include glob
// and neither the built-in editor/sync temp patterns nor an exclude glob.
// Hidden files and directories (".git", ".post.md.swp") are skipped, and so
// are symlinked directories (no loops). An unreadable directory is reported
// and the rest is still scanned.
#pragma once

#include <string>
#include <vector>

#include "feeds/diagnostic.h"

namespace herald {

struct ContentFilter {
  std::vector<std::string> include;  // globs on the file name
  std::vector<std::string> exclude;  // globs on the file name or the relative path

  // True when `relative_path` ('/' separated) names a post file by name.
  bool accepts(const std::string& relative_path) const;
};

// Editor and sync temporaries that are never posts (see shared/docs/daemon.md).
const std::vector<std::string>& builtin_temp_patterns();

struct ScanResult {
  std::vector<std::string> files;      // relative paths, sorted
  std::vector<Diagnostic> errors;      // directories that could not be read
};

ScanResult scan_content(const std::string& content_dir, const ContentFilter& filter);

}  // namespace herald
