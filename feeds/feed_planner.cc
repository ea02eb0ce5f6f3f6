#include "feeds/feed_planner.h"

#include <map>
#include <unordered_map>

#include "feeds/string_util.h"
#include "feeds/text.h"

namespace herald {
namespace {

// Builds the feeds of one family (sections or tags) from posts, newest first.
class FamilyPlanner {
 public:
  FamilyPlanner(FeedKind kind, const FeedFamilyConfig& family) : kind_(kind), family_(family) {}

  void add(const std::string& name, const Post* post) {
    const std::string& slug = slug_of(name);
    if (slug.empty()) return;
    PlannedFeed& feed = feeds_[slug];
    if (feed.family == nullptr) {
      feed.kind = kind_;
      feed.slug = slug;
      feed.family = &family_;
      feed.dir = family_.dir;
      replace_all(feed.dir, "{slug}", slug);
    }
    feed.name = name;  // posts arrive newest first: the oldest spelling wins
    // Two tags of one post may share a slug ("IMM", "imm"): list it once.
    if (!feed.posts.empty() && feed.posts.back() == post) return;
    if (feed.posts.size() < static_cast<std::size_t>(family_.limit)) feed.posts.push_back(post);
  }

  void take(std::vector<PlannedFeed>& out) {
    for (auto& [slug, feed] : feeds_) out.push_back(std::move(feed));
  }

 private:
  const std::string& slug_of(const std::string& name) {
    auto it = slugs_.find(name);
    if (it == slugs_.end()) it = slugs_.emplace(name, slugify(name)).first;
    return it->second;
  }

  FeedKind kind_;
  const FeedFamilyConfig& family_;
  std::map<std::string, PlannedFeed> feeds_;  // by slug: stable order
  std::unordered_map<std::string, std::string> slugs_;
};

}  // namespace

std::vector<PlannedFeed> plan_feeds(const Catalog& catalog, const FeedsConfig& feeds,
                                    const Timestamp& now) {
  std::vector<const Post*> posts = catalog.published(now);
  std::vector<PlannedFeed> out;
  if (feeds.main.enabled) {
    PlannedFeed main;
    main.kind = FeedKind::main;
    main.dir = feeds.main.dir;
    main.family = &feeds.main;
    std::size_t n = std::min(posts.size(), static_cast<std::size_t>(feeds.main.limit));
    main.posts.assign(posts.begin(), posts.begin() + static_cast<std::ptrdiff_t>(n));
    out.push_back(std::move(main));
  }
  FamilyPlanner sections(FeedKind::section, feeds.sections);
  FamilyPlanner tags(FeedKind::tag, feeds.tags);
  for (const Post* post : posts) {
    if (feeds.sections.enabled && !post->section.empty()) sections.add(post->section, post);
    if (feeds.tags.enabled) {
      for (const std::string& tag : post->tags) tags.add(tag, post);
    }
  }
  sections.take(out);
  tags.take(out);
  return out;
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

}  // namespace herald
