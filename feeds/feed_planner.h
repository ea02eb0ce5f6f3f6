// Decides which feeds exist and which posts each lists: the main feed, one
// per section and one per tag (families enabled in the configuration), each
// with its output paths per format. Pure: the caller passes `now`.
//
// Section and tag slugs are ASCII (slugify); names that give the same slug
// ("Economía", "economia") share one feed, named as its oldest post spells
// it, so a new post never renames a feed. Posts whose section or tags slug
// to "" are only in the main feed. Feeds come out in a stable order: main,
// then sections, then tags, each by slug.
#pragma once

#include <string>
#include <vector>

#include "feeds/catalog.h"
#include "feeds/feed_settings.h"
#include "feeds/post_rules.h"

namespace herald {

enum class FeedKind { main, section, tag };

struct PlannedFeed {
  FeedKind kind = FeedKind::main;
  std::string name;          // section or tag name as written; "" for main
  std::string slug;          // "" for main
  std::string dir;           // output sub-directory, "" or ending with '/'
  const FeedFamilyConfig* family = nullptr;
  std::vector<const Post*> posts;  // newest first, at most family->limit
};

std::vector<PlannedFeed> plan_feeds(const Catalog& catalog, const FeedsConfig& feeds,
                                    const Timestamp& now);

// Output path (relative to the output directory) of `feed` in `format`.
std::string feed_path(const PlannedFeed& feed, const FeedsConfig& feeds, FeedFormat format);

}  // namespace herald
