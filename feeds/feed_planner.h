// Decides which feeds exist and which posts each lists: the main feed, one
// per section and one per tag (families enabled in the configuration), each
// with its output paths per format. Pure: the caller passes `now`.
//
// Section and tag slugs are ASCII (slugify); names that give the same slug
// ("Economía", "economia") share one feed, named as its oldest post spells
// it, so a new post never renames a feed. Posts whose section or tags slug
// to "" are only in the main feed. A section or tag feed exists while at
// least one of its posts is published. Feeds come out in a stable order:
// main, then sections, then tags, each by slug (FeedKey order).
//
// Every function reads the catalog's indexes: planning one feed costs
// O(log n + limit), whatever the size of the catalog.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "feeds/catalog.h"
#include "feeds/feed_key.h"
#include "feeds/feed_settings.h"
#include "feeds/post_rules.h"

namespace herald {

struct PlannedFeed {
  FeedKind kind = FeedKind::main;
  std::string name;          // section or tag name as written; "" for main
  std::string slug;          // "" for main
  std::string dir;           // output sub-directory, "" or ending with '/'
  const FeedFamilyConfig* family = nullptr;
  std::vector<const Post*> posts;  // newest first, at most family->limit
  // The newest month of the feed's archive (archive_plan.h), 0: none or no archive.
  int newest_archive = 0;

  FeedKey key() const { return {kind, slug}; }
};

// Every feed of the site at `now`.
std::vector<PlannedFeed> plan_feeds(const Catalog& catalog, const FeedsConfig& feeds,
                                    const Timestamp& now);

// The feed `key` at `now`; nullopt when its family is disabled or, for a
// section or tag, none of its posts is published at `now`.
std::optional<PlannedFeed> plan_feed(const Catalog& catalog, const FeedsConfig& feeds,
                                     const FeedKey& key, const Timestamp& now);

// The configuration of the family `kind` belongs to.
const FeedFamilyConfig& family_config(const FeedsConfig& feeds, FeedKind kind);

// Output path (relative to the output directory) of `feed` in `format`.
std::string feed_path(const PlannedFeed& feed, const FeedsConfig& feeds, FeedFormat format);

// The output sub-directory of feed `key`: "" or ending with '/'.
std::string feed_dir(const FeedKey& key, const FeedsConfig& feeds);

// Output paths of feed `key` in every format of its family, whether or not
// the feed exists.
std::vector<std::string> feed_paths(const FeedKey& key, const FeedsConfig& feeds);

// Output path of the HTML page of `feed` (feed_page.h); "" when
// feeds.pages is off.
std::string feed_page_path(const PlannedFeed& feed, const FeedsConfig& feeds);

// Every file feed `key` owns: feed_paths, then its page when pages are on
// (what to delete when the feed no longer exists).
std::vector<std::string> feed_file_paths(const FeedKey& key, const FeedsConfig& feeds);

}  // namespace herald
