// What the renderers (site_renderer.h, sitemap_renderer.h) hand the caller
// to write: files by their path under the output directory.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace herald {

struct OutputFile {
  std::string path;   // relative to the output directory, '/' separated
  std::string bytes;
};

// What a renderer produced for the files a change touched.
struct FeedUpdate {
  std::vector<OutputFile> files;     // every file that exists, rendered again
  std::vector<std::string> deleted;  // paths of files that no longer exist
  // Paths of files whose bytes would be what the renderer last returned for
  // them (same name, same posts at the same revisions): not rendered again,
  // the file on disk is current.
  std::vector<std::string> unchanged;
};

// Receives each rendered file in turn.
using FileSink = std::function<void(OutputFile)>;

}  // namespace herald
