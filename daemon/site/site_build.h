// One full build of a site: scan the content directory, read and parse every
// post (on `threads` threads), fill a catalog (duplicate ids refused in path
// order) while the posts after are still being parsed, render every feed
// (entries and feeds on `threads` threads, through SiteRenderer's
// TaskRunner), and write the files atomically (unless `write` is false, as
// for `herald check`). A post that cannot be read is reported and skipped;
// everything else is still published. With a configured state directory,
// a build whose manifest still holds reads and writes nothing
// (build_manifest.h).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "config/config.h"
#include "daemon/site/site_files.h"
#include "feeds/catalog.h"
#include "feeds/diagnostic.h"
#include "feeds/task_runner.h"

namespace herald {

struct BuildOptions {
  Timestamp now;        // posts dated after it are scheduled, not published
  bool write = true;
  unsigned threads = 2;
  bool warn_shared_urls = false;  // herald check: posts published at one URL (feeds/shared_urls.h)
  // herald's version and commit. With `write` and a configured state
  // directory, a build keeps a manifest there (build_manifest.h) and skips
  // everything when the last one still holds.
  std::string program;
  // The process ends right after the build (herald build, herald check):
  // the catalog is left for the exit to return, where freeing it post by
  // post takes about a second at 190,000 posts.
  bool exiting = false;
};

struct BuildReport {
  std::size_t files = 0;       // post files found
  std::size_t posts = 0;       // posts read without error
  std::size_t published = 0;
  std::size_t scheduled = 0;
  std::size_t drafts = 0;
  std::size_t feeds_written = 0;    // output files whose bytes changed
  std::size_t feeds_unchanged = 0;  // output files left as they were
  std::vector<std::string> outputs; // every output file, absolute
  std::vector<Diagnostic> errors;   // bad posts and unreadable directories; warnings too
  std::vector<std::string> write_errors;  // output files that could not be written
  bool skipped = false;   // nothing changed since the last build: nothing read or written
  std::string state_warning;  // the manifest could not be written (the build itself is fine)
};

// A runner (feeds/task_runner.h) that spreads the tasks over `threads`
// threads, the calling one among them (1 or less: runs them serially), each
// taking the next index from a shared counter. Starts the threads at every
// call: meant for batches of many tasks.
TaskRunner thread_runner(unsigned threads);

// Reads every post of `config`'s content directory into `catalog` (through
// `files`, from `threads` threads). Returns the diagnostics of the files that
// could not be read.
std::vector<Diagnostic> load_catalog(const Config& config, unsigned threads, Catalog& catalog,
                                     std::size_t* files_seen,
                                     SiteFiles& files = disk_site_files());

// The same from a scan already made.
std::vector<Diagnostic> load_catalog(const Config& config, ScanResult scan, unsigned threads, Catalog& catalog,
                                     SiteFiles& files = disk_site_files());

BuildReport build_site(const Config& config, const BuildOptions& options);

}  // namespace herald
