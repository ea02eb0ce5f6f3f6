#include "feeds/site_renderer.h"

#include <set>

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

// Everything of a feed but its entries.
Feed feed_header(const PlannedFeed& planned, const SiteConfig& site, const FeedsConfig& feeds) {
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
  return feed;
}

}  // namespace

SiteRenderer::SiteRenderer(SiteConfig site, PostRules rules, FeedsConfig feeds, BodySource body)
    : site_(std::move(site)),
      rules_(std::move(rules)),
      feeds_(std::move(feeds)),
      body_(std::move(body)) {}

std::vector<OutputFile> SiteRenderer::render_all(const Catalog& catalog, const Timestamp& now) {
  std::vector<OutputFile> files;
  render_all(catalog, now, [&files](OutputFile file) { files.push_back(std::move(file)); });
  return files;
}

void SiteRenderer::render_all(const Catalog& catalog, const Timestamp& now, const FileSink& sink) {
  std::set<FeedKey> rendered;
  for (const PlannedFeed& feed : plan_feeds(catalog, feeds_, now)) {
    render_feed(catalog, feed, sink);
    rendered.insert(feed.key());
  }
  for (const FeedKey& key : cache_.feeds()) {
    if (!rendered.contains(key)) cache_.set_members(key, {});
  }
  if (feeds_.stylesheet) sink({kStylesheetFile, write_stylesheet(site_.language)});
}

FeedUpdate SiteRenderer::render(const Catalog& catalog, const std::vector<FeedKey>& keys,
                                const Timestamp& now) {
  FeedUpdate update;
  FileSink sink = [&update](OutputFile file) { update.files.push_back(std::move(file)); };
  for (const FeedKey& key : std::set<FeedKey>(keys.begin(), keys.end())) {
    if (!family_config(feeds_, key.kind).enabled) continue;
    if (std::optional<PlannedFeed> planned = plan_feed(catalog, feeds_, key, now)) {
      auto last = rendered_.find(key);
      if (last != rendered_.end() && last->second == signature(catalog, *planned)) {
        for (std::string& path : feed_paths(key, feeds_)) update.unchanged.push_back(std::move(path));
      } else {
        render_feed(catalog, *planned, sink);
      }
      continue;
    }
    cache_.set_members(key, {});
    rendered_.erase(key);
    for (std::string& path : feed_paths(key, feeds_)) update.deleted.push_back(std::move(path));
  }
  return update;
}

void SiteRenderer::render_feed(const Catalog& catalog, const PlannedFeed& planned,
                               const FileSink& sink) {
  Feed feed = feed_header(planned, site_, feeds_);
  std::vector<std::string> ids;
  feed.entries.reserve(planned.posts.size());
  bool complete = true;
  for (const Post* post : planned.posts) {
    feed.entries.push_back(entry_of(catalog, *post, feed.full_content, complete));
    ids.push_back(post->id);
  }
  cache_.set_members(planned.key(), std::move(ids));
  // A feed rendered with a missing body is rendered again next time.
  rendered_[planned.key()] = complete ? signature(catalog, planned) : std::string();
  for (FeedFormat format : planned.family->formats) {
    sink({feed_path(planned, feeds_, format), write_feed(feed, format)});
  }
}

std::string SiteRenderer::signature(const Catalog& catalog, const PlannedFeed& planned) {
  std::string text = planned.name;
  for (const Post* post : planned.posts) {
    text += '\n';
    text += post->id;
    text += ' ';
    text += std::to_string(catalog.revision(post->id));
  }
  return text;
}

FeedEntry SiteRenderer::entry_of(const Catalog& catalog, const Post& post, bool with_content,
                                 bool& complete) {
  std::uint64_t revision = catalog.revision(post.id);
  if (const FeedEntry* cached = cache_.find(post.id, revision, with_content)) return *cached;
  FeedEntry entry;
  if (with_content && body_) {
    std::optional<std::string> body = body_(post);
    if (!body) {
      complete = false;
      return build_entry(post, site_, rules_, feeds_, false);  // not cached
    }
    Post with_body = post;
    with_body.body = std::move(*body);
    entry = build_entry(with_body, site_, rules_, feeds_, true);
  } else {
    entry = build_entry(post, site_, rules_, feeds_, with_content);
  }
  cache_.store(post.id, revision, with_content, entry);
  return entry;
}

std::vector<OutputFile> render_site(const Catalog& catalog, const SiteConfig& site,
                                    const PostRules& rules, const FeedsConfig& feeds,
                                    const Timestamp& now) {
  return SiteRenderer(site, rules, feeds).render_all(catalog, now);
}

}  // namespace herald
