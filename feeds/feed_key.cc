#include "feeds/feed_key.h"

#include <algorithm>

#include "feeds/text.h"

namespace herald {

std::vector<FeedKey> feed_keys(const Post& post, const FeedsConfig& feeds) {
  std::vector<FeedKey> keys;
  if (post.draft) return keys;
  if (feeds.main.enabled) keys.push_back({FeedKind::main, ""});
  if (feeds.sections.enabled) {
    std::string slug = feed_slug(post.section);
    if (!slug.empty()) keys.push_back({FeedKind::section, std::move(slug)});
  }
  if (feeds.tags.enabled) {
    for (const std::string& tag : post.tags) {
      std::string slug = feed_slug(tag);
      if (!slug.empty()) keys.push_back({FeedKind::tag, std::move(slug)});
    }
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

}  // namespace herald
