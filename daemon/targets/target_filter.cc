#include "daemon/targets/target_filter.h"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include "feeds/text.h"

namespace herald {
namespace {

bool listed(const std::vector<std::string>& slugs, const std::string& value) {
  return std::find(slugs.begin(), slugs.end(), feed_slug(value)) != slugs.end();
}

bool truthy(std::string value) {
  std::transform(value.begin(), value.end(), value.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  value = trim(value);
  return value == "true" || value == "yes" || value == "on" || value == "1";
}

}  // namespace

bool target_wants(const TargetConfig& target, const Post& post) {
  return post_matches(target.sections, target.tags, target.flag, post);
}

bool post_matches(const std::vector<std::string>& sections, const std::vector<std::string>& tags,
                  const std::string& flag, const Post& post) {
  if (!sections.empty() && (post.section.empty() || !listed(sections, post.section))) return false;
  if (!tags.empty() &&
      std::none_of(post.tags.begin(), post.tags.end(), [&](const std::string& tag) { return listed(tags, tag); })) {
    return false;
  }
  if (!flag.empty()) {
    std::optional<std::string_view> field = post.fields.find(flag);
    if (!field || !truthy(std::string(*field))) return false;
  }
  return true;
}

}  // namespace herald
