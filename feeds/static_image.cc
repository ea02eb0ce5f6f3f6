#include "feeds/static_image.h"

#include <boost/url/parse.hpp>

namespace herald {
namespace {

// The path of `image` relative to the site's root, or nullopt.
std::optional<std::string> site_path(const std::string& image, const std::string& site_url) {
  std::string relative;
  if (image.rfind(site_url, 0) == 0) {
    relative = "/" + image.substr(site_url.size());
  } else if (image.size() > 1 && image[0] == '/' && image[1] != '/') {
    relative = image;
  } else {
    return std::nullopt;
  }
  auto parsed = boost::urls::parse_origin_form(relative);
  if (!parsed || parsed->has_query() || parsed->has_fragment()) return std::nullopt;
  std::string path;
  for (auto segment : parsed->segments()) {
    if (segment == ".." || segment == "." || segment.empty() || segment.find('\0') != std::string::npos) {
      return std::nullopt;
    }
    path += "/" + std::string(segment);
  }
  if (path.empty()) return std::nullopt;
  return path;
}

}  // namespace

std::optional<std::string> static_image_path(const std::string& image, const std::string& site_url,
                                             const std::string& static_dir) {
  if (static_dir.empty()) return std::nullopt;
  std::optional<std::string> path = site_path(image, site_url);
  if (!path) return std::nullopt;
  std::string dir = static_dir;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  return dir + *path;
}

}  // namespace herald
