#include "daemon/site/image_sizes.h"

#include "feeds/static_image.h"

namespace herald {

ImageSizeSource image_sizes(const SiteConfig& site, SiteFiles& files) {
  if (site.static_dir.empty()) return nullptr;
  return [url = site.url, dir = site.static_dir, &files](const Image& image) -> std::optional<std::uint64_t> {
    std::optional<std::string> path = static_image_path(image.url, url, dir);
    if (!path || !files.is_regular(*path)) return std::nullopt;
    Result<FileStamp> stamp = files.stamp(*path);
    if (!stamp.ok() || stamp->size <= 0) return std::nullopt;
    return static_cast<std::uint64_t>(stamp->size);
  };
}

}  // namespace herald
