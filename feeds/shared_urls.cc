#include "feeds/shared_urls.h"

#include <algorithm>
#include <unordered_map>

#include "feeds/entry_builder.h"

namespace herald {

std::vector<Diagnostic> shared_url_warnings(const Catalog& catalog, const std::string& site_url,
                                            const std::string& permalink, const std::string& content_dir) {
  std::vector<Diagnostic> warnings;
  std::unordered_map<std::string, std::string> first_path_by_url;
  std::vector<std::string> paths = catalog.paths();
  std::sort(paths.begin(), paths.end());
  for (const std::string& path : paths) {
    const Post* post = catalog.find_by_path(path);
    if (post == nullptr || post->draft) continue;
    std::string url = post_url(*post, site_url, permalink);
    auto [first, added] = first_path_by_url.emplace(url, path);
    if (added) continue;
    warnings.push_back(Diagnostic{content_dir + "/" + path, 0, 0,
                                  "has the URL " + url + ", as " + content_dir + "/" + first->second +
                                      " has; give one of them another slug, title or date (a site "
                                      "built by Jekyll would keep only one of the two pages)",
                                  true});
  }
  return warnings;
}

}  // namespace herald
