#include "feeds/site_renderer.h"

#include <unordered_map>

#include "feeds/entry_builder.h"
#include "feeds/feed_planner.h"
#include "feeds/feed_writers.h"
#include "feeds/html_sanitizer.h"
#include "feeds/string_util.h"

namespace herald {
namespace {

// 2000-01-01T00:00:00Z: the `updated` of a feed with no entries. A fixed
// instant, so an empty feed is byte-identical from one build to the next.
constexpr std::int64_t kEmptyFeedUpdated = 946684800;

// The id of a whole feed: the entry id template with a feed-specific
// identity, e.g. tag:example.org,2015:news/feed/section/local.
std::string feed_id(const PlannedFeed& planned, const SiteConfig& site, const FeedsConfig& feeds) {
  static constexpr const char* kPrefix[] = {"feed", "feed/section/", "feed/tag/"};
  std::string id = kPrefix[static_cast<int>(planned.kind)];
  id += planned.slug;
  return expand_id_template(feeds.entry_id, site.url, id);
}

std::string feed_title(const PlannedFeed& planned, const SiteConfig& site) {
  std::string title = planned.family->title;
  if (title.empty()) {
    title = planned.kind == FeedKind::main ? site.title : site.title + ": {name}";
  }
  replace_all(title, "{name}", planned.name);
  return title;
}

// A relative href from a feed in `dir` to the stylesheet at the output root,
// so the stylesheet loads from whatever host serves the feed (browsers
// refuse cross-origin XSLT).
std::string stylesheet_href(const std::string& dir) {
  std::string href;
  for (char c : dir) {
    if (c == '/') href += "../";
  }
  return href + kStylesheetFile;
}

// The directory part of a family's `dir` before its {slug}, as a URL: the
// Atom category scheme that tells sections from tags.
std::string category_scheme(const SiteConfig& site, const FeedFamilyConfig& family) {
  return resolve_url(site.url, family.dir.substr(0, family.dir.find("{slug}")));
}

// Renders each post's entry at most once, with content when any feed that
// lists it wants full content.
class EntryCache {
 public:
  EntryCache(const SiteConfig& site, const PostRules& rules, const FeedsConfig& feeds,
             const std::vector<PlannedFeed>& planned)
      : site_(site), rules_(rules), feeds_(feeds) {
    for (const PlannedFeed& feed : planned) {
      for (const Post* post : feed.posts) {
        bool& full = wants_content_[post];
        full = full || feed.family->content == FeedContent::full;
      }
    }
  }

  const FeedEntry& get(const Post* post) {
    auto it = entries_.find(post);
    if (it == entries_.end()) {
      it = entries_.emplace(post, build_entry(*post, site_, rules_, feeds_, wants_content_[post]))
               .first;
    }
    return it->second;
  }

 private:
  const SiteConfig& site_;
  const PostRules& rules_;
  const FeedsConfig& feeds_;
  std::unordered_map<const Post*, bool> wants_content_;
  std::unordered_map<const Post*, FeedEntry> entries_;
};

Feed make_feed(const PlannedFeed& planned, const SiteConfig& site, const FeedsConfig& feeds,
               EntryCache& cache) {
  Feed feed;
  feed.id = feed_id(planned, site, feeds);
  feed.title = feed_title(planned, site);
  feed.description = site.description;
  feed.language = site.language;
  feed.home_url = site.url;
  feed.author = site.author;
  if (!site.icon.empty()) feed.icon_url = resolve_url(site.url, site.icon);
  if (!site.logo.empty()) feed.logo_url = resolve_url(site.url, site.logo);
  feed.generator_name = "herald";
  feed.generator_version = HERALD_VERSION;
  for (FeedFormat format : planned.family->formats) {
    feed.links.push_back({format, resolve_url(site.url, feed_path(planned, feeds, format))});
  }
  feed.hubs = feeds.hubs;
  if (feeds.stylesheet) feed.stylesheet_url = stylesheet_href(planned.dir);
  feed.section_scheme = category_scheme(site, feeds.sections);
  feed.tag_scheme = category_scheme(site, feeds.tags);
  feed.full_content = planned.family->content == FeedContent::full;
  feed.empty_updated = Timestamp{kEmptyFeedUpdated, 0};
  feed.entries.reserve(planned.posts.size());
  for (const Post* post : planned.posts) feed.entries.push_back(cache.get(post));
  return feed;
}

}  // namespace

std::vector<OutputFile> render_site(const Catalog& catalog, const SiteConfig& site,
                                    const PostRules& rules, const FeedsConfig& feeds,
                                    const Timestamp& now) {
  std::vector<PlannedFeed> planned = plan_feeds(catalog, feeds, now);
  EntryCache cache(site, rules, feeds, planned);
  std::vector<OutputFile> files;
  for (const PlannedFeed& p : planned) {
    Feed feed = make_feed(p, site, feeds, cache);
    for (FeedFormat format : p.family->formats) {
      files.push_back({feed_path(p, feeds, format), write_feed(feed, format)});
    }
  }
  if (feeds.stylesheet) files.push_back({kStylesheetFile, write_stylesheet(site.language)});
  return files;
}

}  // namespace herald
