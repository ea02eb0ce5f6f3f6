#include "daemon/images/published_images.h"

#include <filesystem>
#include <system_error>
#include <vector>

#include "daemon/base/file_io.h"
#include "daemon/base/file_stamp.h"

namespace herald {

namespace fs = std::filesystem;

PublishedImages::PublishedImages(std::string output_dir, std::string site_url)
    : dir_(std::move(output_dir) + "/" + kPublishedImagesDir), base_url_(std::move(site_url) + kPublishedImagesDir) {}

Result<std::string> PublishedImages::publish(const std::string& bytes, ImageFormat format) {
  std::string name = content_hash(bytes) + "." + image_file_extension(format);
  WriteResult written = write_file_atomically(dir_ + "/" + name, bytes);
  if (!written.ok()) return Result<std::string>(written.status());
  return base_url_ + "/" + name;
}

Result<std::size_t> PublishedImages::sweep(const std::set<std::string>& in_use) {
  std::error_code ec;
  std::vector<fs::path> unused;
  for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
    std::string url = base_url_ + "/" + it->path().filename().string();
    if (in_use.count(url) == 0) unused.push_back(it->path());
  }
  if (ec && ec != std::errc::no_such_file_or_directory) {
    return Result<std::size_t>::failed("cannot list " + dir_ + ": " + ec.message());
  }
  std::size_t removed = 0;
  for (const fs::path& path : unused) {
    if (fs::remove(path, ec)) ++removed;
    if (ec) return Result<std::size_t>::failed("cannot remove " + path.string() + ": " + ec.message());
  }
  return removed;
}

}  // namespace herald
