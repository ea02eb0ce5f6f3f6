// FeedKey: the identity of one feed of a site, independent of what it lists:
// the main feed, or the section / tag feed of one slug (text.h slugify).
// Keys are ordered main, then sections, then tags, each by slug: the order
// in which feeds are rendered.
#pragma once

#include <compare>
#include <string>
#include <vector>

#include "feeds/feed_settings.h"
#include "feeds/post.h"

namespace herald {

enum class FeedKind { main, section, tag };

struct FeedKey {
  FeedKind kind = FeedKind::main;
  std::string slug;  // "" for main; never "" for sections and tags

  auto operator<=>(const FeedKey&) const = default;
  bool operator==(const FeedKey&) const = default;
};

// The feeds `post` appears in when it is published, sorted and without
// repeats: main (when enabled), its section's and each of its tags' (when
// that family is enabled and the name slugs to something). A draft appears
// in none. After an edit, the feeds to re-render are
// feed_keys(old version) ∪ feed_keys(new version).
std::vector<FeedKey> feed_keys(const Post& post, const FeedsConfig& feeds);

}  // namespace herald
