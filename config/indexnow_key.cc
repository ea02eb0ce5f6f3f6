#include "config/indexnow_key.h"

#include <algorithm>

#include "feeds/html_sanitizer.h"

namespace herald {

std::string indexnow_key_location(const Config& config, const IndexNowSettings& settings) {
  if (!settings.key_location.empty()) return settings.key_location;
  return resolve_url(config.site.url, settings.key + ".txt");
}

std::vector<OutputFile> indexnow_key_files(const Config& config) {
  std::vector<OutputFile> files;
  for (const TargetConfig& target : config.targets) {
    if (target.type != TargetType::indexnow) continue;
    const IndexNowSettings& settings = target.as<IndexNowSettings>();
    if (settings.key.empty()) continue;
    OutputFile file{settings.key + ".txt", settings.key};
    bool default_place = indexnow_key_location(config, settings) == resolve_url(config.site.url, file.path);
    bool listed = std::any_of(files.begin(), files.end(), [&](const OutputFile& f) { return f.path == file.path; });
    if (default_place && !listed) files.push_back(std::move(file));
  }
  return files;
}

}  // namespace herald
