#include "feeds/feed.h"

namespace herald {

Timestamp Feed::updated() const {
  if (entries.empty()) return empty_updated;
  Timestamp newest = entries.front().updated;
  for (const FeedEntry& e : entries) {
    if (e.updated > newest) newest = e.updated;
  }
  return newest;
}

std::string Feed::url_of(FeedFormat format) const {
  for (const FeedLink& link : links) {
    if (link.format == format) return link.url;
  }
  return {};
}

}  // namespace herald
