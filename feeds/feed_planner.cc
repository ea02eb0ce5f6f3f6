#include "feeds/feed_planner.h"

#include "feeds/archive_plan.h"
#include "feeds/string_util.h"

namespace herald {
namespace {

// A planned feed with no posts yet: kind, slug, family and directory.
PlannedFeed empty_feed(const FeedKey& key, const FeedsConfig& feeds) {
  PlannedFeed feed;
  feed.kind = key.kind;
  feed.slug = key.slug;
  feed.family = &family_config(feeds, key.kind);
  feed.dir = feed.family->dir;
  if (key.kind != FeedKind::main) replace_all(feed.dir, "{slug}", key.slug);
  return feed;
}

}  // namespace

std::vector<PlannedFeed> plan_feeds(const Catalog& catalog, const FeedsConfig& feeds,
                                    const Timestamp& now) {
  std::vector<PlannedFeed> out;
  if (auto main = plan_feed(catalog, feeds, {FeedKind::main, ""}, now)) {
    out.push_back(std::move(*main));
  }
  for (FeedKind kind : {FeedKind::section, FeedKind::tag}) {
    if (!family_config(feeds, kind).enabled) continue;
    for (std::string& slug : catalog.slugs(kind, now)) {
      if (auto feed = plan_feed(catalog, feeds, {kind, std::move(slug)}, now)) {
        out.push_back(std::move(*feed));
      }
    }
  }
  return out;
}

std::optional<PlannedFeed> plan_feed(const Catalog& catalog, const FeedsConfig& feeds,
                                     const FeedKey& key, const Timestamp& now) {
  const FeedFamilyConfig& family = family_config(feeds, key.kind);
  if (!family.enabled) return std::nullopt;
  if (key.kind != FeedKind::main && !catalog.has_published(key, now)) return std::nullopt;
  PlannedFeed feed = empty_feed(key, feeds);
  feed.name = catalog.feed_name(key);
  // A negative limit lists every post, as the limit check always did.
  feed.posts = catalog.newest(key, now, static_cast<std::size_t>(family.limit));
  if (archives_enabled(family)) feed.newest_archive = newest_archive(catalog, key, now);
  return feed;
}

const FeedFamilyConfig& family_config(const FeedsConfig& feeds, FeedKind kind) {
  switch (kind) {
    case FeedKind::main:
      return feeds.main;
    case FeedKind::section:
      return feeds.sections;
    case FeedKind::tag:
      return feeds.tags;
  }
  return feeds.main;
}

std::string feed_path(const PlannedFeed& feed, const FeedsConfig& feeds, FeedFormat format) {
  switch (format) {
    case FeedFormat::rss:
      return feed.dir + feeds.rss_file;
    case FeedFormat::atom:
      return feed.dir + feeds.atom_file;
    case FeedFormat::json:
      return feed.dir + feeds.json_file;
  }
  return feed.dir + feeds.rss_file;
}

std::string feed_dir(const FeedKey& key, const FeedsConfig& feeds) {
  return empty_feed(key, feeds).dir;
}

std::vector<std::string> feed_paths(const FeedKey& key, const FeedsConfig& feeds) {
  PlannedFeed feed = empty_feed(key, feeds);
  std::vector<std::string> paths;
  for (FeedFormat format : feed.family->formats) paths.push_back(feed_path(feed, feeds, format));
  return paths;
}

std::string feed_page_path(const PlannedFeed& feed, const FeedsConfig& feeds) {
  return feeds.pages ? feed.dir + feeds.page_file : std::string();
}

std::vector<std::string> feed_file_paths(const FeedKey& key, const FeedsConfig& feeds) {
  std::vector<std::string> paths = feed_paths(key, feeds);
  std::string page = feed_page_path(empty_feed(key, feeds), feeds);
  if (!page.empty()) paths.push_back(std::move(page));
  return paths;
}

}  // namespace herald
