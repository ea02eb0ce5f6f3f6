// The sizes of posts' images for the feeds' enclosures (site_renderer.h
// ImageSizeSource): a site-relative image, or one on the site's own URL,
// is the file under site.static_dir (feeds/static_image.h) whose size is
// read through SiteFiles. No static_dir: no source (no enclosure lengths).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "daemon/site/site_files.h"
#include "feeds/feed_settings.h"
#include "feeds/site_renderer.h"

namespace herald {

// The files a source was asked about and the size each gave (a build's
// manifest keeps them: build_manifest.h). Thread-safe.
class ImageSizeLog {
 public:
  void note(const std::string& path, std::optional<std::uint64_t> size) {
    std::lock_guard<std::mutex> lock(mutex_);
    sizes_[path] = size;
  }
  std::map<std::string, std::optional<std::uint64_t>> sizes() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return sizes_;
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::optional<std::uint64_t>> sizes_;  // GUARDED_BY(mutex_)
};

// The size of the regular file at `path` as an enclosure length; nullopt
// when it is no regular file or is empty.
std::optional<std::uint64_t> static_file_size(const std::string& path, SiteFiles& files);

// `files` must outlive the source and answer stamp() from several threads;
// `log`, when given, too.
ImageSizeSource image_sizes(const SiteConfig& site, SiteFiles& files, ImageSizeLog* log = nullptr);

}  // namespace herald
