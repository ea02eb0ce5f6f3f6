#include "daemon/site/image_sizes.h"

#include "feeds/static_image.h"

namespace herald {

std::optional<std::uint64_t> static_file_size(const std::string& path, SiteFiles& files) {
  if (!files.is_regular(path)) return std::nullopt;
  Result<FileStamp> stamp = files.stamp(path);
  if (!stamp.ok() || stamp->size <= 0) return std::nullopt;
  return static_cast<std::uint64_t>(stamp->size);
}

ImageSizeSource image_sizes(const SiteConfig& site, SiteFiles& files, ImageSizeLog* log) {
  if (site.static_dir.empty()) return nullptr;
  return [url = site.url, dir = site.static_dir, &files, log](const Image& image) -> std::optional<std::uint64_t> {
    std::optional<std::string> path = static_image_path(image.url, url, dir);
    if (!path) return std::nullopt;
    std::optional<std::uint64_t> size = static_file_size(*path, files);
    if (log) log->note(*path, size);
    return size;
  };
}

}  // namespace herald
