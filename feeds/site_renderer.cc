#include "feeds/site_renderer.h"

#include <algorithm>
#include <deque>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "feeds/entry_builder.h"
#include "feeds/feed_page.h"
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

// The feed's URL in each of its family's formats.
std::vector<FeedLink> feed_links(const PlannedFeed& planned, const SiteConfig& site, const FeedsConfig& feeds) {
  std::vector<FeedLink> links;
  for (FeedFormat format : planned.family->formats) {
    links.push_back({format, resolve_url(site.url, feed_path(planned, feeds, format))});
  }
  return links;
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
  feed.links = feed_links(planned, site, feeds);
  feed.hubs = feeds.hubs;
  if (feeds.stylesheet) feed.stylesheet_url = stylesheet_href(planned.dir);
  feed.section_scheme = category_scheme(site, feeds.sections);
  feed.tag_scheme = category_scheme(site, feeds.tags);
  feed.full_content = planned.family->content == FeedContent::full;
  feed.empty_updated = Timestamp{kEmptyFeedUpdated, 0};
  if (planned.newest_archive != 0) {
    feed.prev_archive_url = resolve_url(site.url, archive_path(planned.dir, planned.newest_archive));
  }
  return feed;
}

// One month of a feed's archive: the subscription feed's identity, title
// and Atom document as `current`, summaries only.
Feed archive_header(const PlannedArchive& archive, const SiteConfig& site, const FeedsConfig& feeds) {
  Feed feed = feed_header(archive.feed, site, feeds);
  const std::string path = archive_path(archive.feed.dir, archive.month);
  auto url_of = [&](ArchiveMonth month) {
    return month == 0 ? std::string() : resolve_url(site.url, archive_path(archive.feed.dir, month));
  };
  feed.links = {{FeedFormat::atom, resolve_url(site.url, path)}};
  feed.hubs.clear();
  feed.archive = true;
  feed.full_content = false;
  feed.current_url = resolve_url(site.url, feed_path(archive.feed, feeds, FeedFormat::atom));
  feed.prev_archive_url = url_of(archive.prev);
  feed.next_archive_url = url_of(archive.next);
  if (feeds.stylesheet) feed.stylesheet_url = stylesheet_href(path.substr(0, path.rfind('/') + 1));
  return feed;
}

}  // namespace

// The entries of one batch of feeds, one per post: pointers into the cache,
// or into `uncached` for entries rendered without their body.
struct SiteRenderer::EntrySet {
  std::unordered_map<const Post*, const FeedEntry*> by_post;
  std::unordered_set<const Post*> incomplete;
  std::deque<FeedEntry> uncached;
};

SiteRenderer::SiteRenderer(SiteConfig site, PostRules rules, FeedsConfig feeds, BodySource body,
                           ImageSizeSource image_size)
    : site_(std::move(site)),
      rules_(std::move(rules)),
      feeds_(std::move(feeds)),
      body_(std::move(body)),
      image_size_(std::move(image_size)),
      zone_(TimeZone::load(site_.timezone).value_or(TimeZone::utc())),
      sitemaps_(site_, rules_.permalink, feeds_) {}

std::vector<OutputFile> SiteRenderer::render_all(const Catalog& catalog, const Timestamp& now) {
  std::vector<OutputFile> files;
  render_all(catalog, now, [&files](OutputFile file) { files.push_back(std::move(file)); });
  return files;
}

void SiteRenderer::render_all(const Catalog& catalog, const Timestamp& now, const FileSink& sink,
                              const TaskRunner& run) {
  std::vector<PlannedFeed> plans = plan_feeds(catalog, feeds_, now);
  render_feeds(catalog, plans, sink, run);
  std::set<FeedKey> rendered;
  for (const PlannedFeed& feed : plans) rendered.insert(feed.key());
  EntryCache::Members gone;
  for (const FeedKey& key : cache_.feeds()) {
    if (!rendered.contains(key)) gone.emplace_back(key, std::vector<std::string>());
  }
  cache_.set_members(std::move(gone));
  std::erase_if(cards_, [&rendered](const auto& feed) { return !rendered.contains(feed.first); });
  archived_.clear();
  archive_names_.clear();
  for (const PlannedFeed& feed : plans) {
    if (feed.newest_archive == 0) continue;
    // Every new post goes to the main feed's newest month: its texts are kept.
    render_archives(catalog, plan_archives(catalog, feed, now), sink, run,
                    feed.key().kind == FeedKind::main ? TextsOf::newest_month : TextsOf::no_month);
  }
  sitemaps_.render_all(catalog, now, sink, run);
  if (feeds_.stylesheet) sink({kStylesheetFile, write_stylesheet(site_.language)});
  site_files(sink);
}

void SiteRenderer::set_card(const FeedKey& key, FeedCard card) {
  auto [it, added] = cards_.try_emplace(key);
  if (!added && it->second == card) return;
  it->second = std::move(card);
  cards_changed_ = true;
}

void SiteRenderer::site_files(const FileSink& sink) {
  cards_changed_ = false;
  sink({kHeadSnippetFile, head_snippet(cards_)});
  sink({kFeedsIndexFile, feeds_index_page(cards_, site_)});
}

FeedUpdate SiteRenderer::render(const Catalog& catalog, const std::vector<FeedKey>& keys,
                                const Timestamp& now, const TaskRunner& run,
                                const std::vector<ArchiveMonth>& months) {
  FeedUpdate update;
  std::vector<PlannedFeed> plans;
  EntryCache::Members gone;  // feeds that no longer exist
  const std::set<FeedKey> unique(keys.begin(), keys.end());
  for (const FeedKey& key : unique) {
    if (!family_config(feeds_, key.kind).enabled) continue;
    if (std::optional<PlannedFeed> planned = plan_feed(catalog, feeds_, key, now)) {
      auto last = rendered_.find(key);
      if (last != rendered_.end() && last->second == signature(catalog, *planned)) {
        for (std::string& path : feed_file_paths(key, feeds_)) update.unchanged.push_back(std::move(path));
      } else {
        plans.push_back(std::move(*planned));
      }
      continue;
    }
    gone.emplace_back(key, std::vector<std::string>());
    rendered_.erase(key);
    if (cards_.erase(key) > 0) cards_changed_ = true;
    for (std::string& path : feed_file_paths(key, feeds_)) update.deleted.push_back(std::move(path));
  }
  render_feeds(catalog, plans, [&update](OutputFile file) { update.files.push_back(std::move(file)); },
               run);
  cache_.set_members(std::move(gone));
  render_archive_months(catalog, unique, months, now, run, update);
  sitemaps_.render(catalog, months, now, update);
  if (cards_changed_) {
    site_files([&update](OutputFile file) { update.files.push_back(std::move(file)); });
  }
  return update;
}

void SiteRenderer::render_feeds(const Catalog& catalog, const std::vector<PlannedFeed>& plans,
                                const FileSink& sink, const TaskRunner& run) {
  // Feeds are serialised in batches, so a large site is never held whole.
  constexpr std::size_t kFeedsPerBatch = 32;
  EntrySet entries;
  collect_entries(catalog, plans, run, entries);
  for (std::size_t first = 0; first < plans.size(); first += kFeedsPerBatch) {
    std::size_t count = std::min(kFeedsPerBatch, plans.size() - first);
    std::vector<std::vector<OutputFile>> files(count);
    run(count, [&](std::size_t i) { files[i] = feed_files(plans[first + i], entries); });
    for (std::vector<OutputFile>& feed : files) {
      for (OutputFile& file : feed) sink(std::move(file));
    }
  }
  // Memberships change only now: until here the set points into the cache.
  EntryCache::Members members;
  for (const PlannedFeed& planned : plans) {
    std::vector<std::string> ids;
    bool complete = true;
    bool full = planned.family->content == FeedContent::full;
    for (const Post* post : planned.posts) {
      ids.push_back(post->id);
      complete = complete && !(full && entries.incomplete.contains(post));
    }
    members.emplace_back(planned.key(), std::move(ids));
    set_card(planned.key(), FeedCard{feed_title(planned, site_), feed_links(planned, site_, feeds_)});
    // A feed rendered with a missing body is rendered again next time.
    rendered_[planned.key()] = complete ? signature(catalog, planned) : std::string();
  }
  cache_.set_members(std::move(members));
}

void SiteRenderer::collect_entries(const Catalog& catalog, const std::vector<PlannedFeed>& plans,
                                   const TaskRunner& run, EntrySet& set) {
  struct Wanted {
    const Post* post;
    bool with_content;  // some feed listing it has full content
    bool in_summary_feed;
    std::uint64_t revision = 0;
  };
  std::vector<Wanted> wanted;  // in the order the feeds first list them
  std::unordered_map<const Post*, std::size_t> slot;
  for (const PlannedFeed& planned : plans) {
    bool full = planned.family->content == FeedContent::full;
    for (const Post* post : planned.posts) {
      auto [it, added] = slot.try_emplace(post, wanted.size());
      if (added) {
        wanted.push_back({post, full, !full});
      } else {
        wanted[it->second].with_content |= full;
        wanted[it->second].in_summary_feed |= !full;
      }
    }
  }
  struct Job {
    const Wanted* wanted;
    FeedEntry entry;
    bool complete = true;
  };
  std::vector<Job> jobs;
  for (Wanted& w : wanted) {
    w.revision = catalog.held_revision(*w.post);
    if (!cache_.find(w.post->id, w.revision, w.with_content)) jobs.push_back({&w, {}});
  }
  run(jobs.size(), [&](std::size_t i) {
    Job& job = jobs[i];
    job.entry = make_entry(catalog, *job.wanted->post, job.wanted->with_content, job.complete);
  });
  for (Job& job : jobs) {
    const Wanted& w = *job.wanted;
    if (job.complete) {
      cache_.store(w.post->id, w.revision, w.with_content, std::move(job.entry));
      continue;
    }
    // Summary only: cached for summary feeds, never as a full-content entry.
    set.incomplete.insert(w.post);
    if (w.in_summary_feed) {
      cache_.store(w.post->id, w.revision, false, std::move(job.entry));
    } else {
      set.by_post[w.post] = &set.uncached.emplace_back(std::move(job.entry));
    }
  }
  for (const Wanted& w : wanted) {
    bool incomplete = set.incomplete.contains(w.post);
    if (!incomplete || w.in_summary_feed) {
      set.by_post[w.post] = cache_.find(w.post->id, w.revision, w.with_content && !incomplete);
    }
  }
}

std::vector<OutputFile> SiteRenderer::feed_files(const PlannedFeed& planned,
                                                 const EntrySet& set) const {
  Feed feed = feed_header(planned, site_, feeds_);
  feed.entries.reserve(planned.posts.size());
  for (const Post* post : planned.posts) feed.entries.push_back(*set.by_post.at(post));
  std::vector<OutputFile> files;
  for (FeedFormat format : planned.family->formats) {
    files.push_back({feed_path(planned, feeds_, format), write_feed(feed, format)});
  }
  if (feeds_.pages) files.push_back({feed_page_path(planned, feeds_), write_feed_page(feed, zone_)});
  return files;
}

std::string SiteRenderer::signature(const Catalog& catalog, const PlannedFeed& planned) {
  std::string text = planned.name + '\n' + std::to_string(planned.newest_archive);
  for (const Post* post : planned.posts) {
    text += '\n';
    text += post->id;
    text += ' ';
    text += std::to_string(catalog.held_revision(*post));
  }
  return text;
}

void SiteRenderer::render_archives(const Catalog& catalog, const std::vector<PlannedArchive>& archives,
                                   const FileSink& sink, const TaskRunner& run, TextsOf texts_of,
                                   const std::vector<std::optional<std::size_t>>& known) {
  std::vector<ArchiveTexts::Month*> texts(archives.size(), nullptr);
  for (std::size_t i = 0; i < archives.size(); ++i) {
    const bool newest = archives[i].next == 0;
    if (texts_of == TextsOf::every_month || (texts_of == TextsOf::newest_month && newest)) {
      texts[i] = &archive_texts_.month(archives[i].feed.key(), archives[i].month);
    }
  }
  // A few months at a time: each is one task, its entries built in it.
  // Its signature, unless given, is taken in the same task (a catalog
  // lookup per post: on one thread after the batches, it was a tail of its own).
  constexpr std::size_t kMonthsPerBatch = 4;
  std::vector<std::size_t> signatures(archives.size());
  for (std::size_t first = 0; first < archives.size(); first += kMonthsPerBatch) {
    std::size_t count = std::min(kMonthsPerBatch, archives.size() - first);
    std::vector<OutputFile> files(count);
    run(count, [&](std::size_t i) {
      files[i] = archive_file(catalog, archives[first + i], texts[first + i]);
      const std::size_t n = first + i;
      signatures[n] = n < known.size() && known[n] ? *known[n] : archive_signature(catalog, archives[n]);
    });
    for (OutputFile& file : files) sink(std::move(file));
  }
  for (std::size_t i = 0; i < archives.size(); ++i) {
    archived_[{archives[i].feed.key(), archives[i].month}] = signatures[i];
    archive_names_[archives[i].feed.key()] = archives[i].feed.name;
  }
  archive_texts_.trim();
}

OutputFile SiteRenderer::archive_file(const Catalog& catalog, const PlannedArchive& archive,
                                      ArchiveTexts::Month* texts) const {
  Feed feed = archive_header(archive, site_, feeds_);
  // The subscription feeds' entries serve when cached; the others are
  // built without their body (and never cached: the archive is the whole site).
  auto make = [&](const Post& post) {
    const FeedEntry* cached =
        cache_.contains(post.id) ? cache_.find(post.id, catalog.held_revision(post), false) : nullptr;
    if (!cached) return build_entry(post, site_, rules_, feeds_, false);
    FeedEntry entry = *cached;
    entry.image_length = 0;  // as for every archive entry
    return entry;
  };
  std::string path = archive_path(archive.feed.dir, archive.month);
  if (archive.feed.posts.empty()) return {std::move(path), write_feed(feed, FeedFormat::atom)};
  // Entry by entry even when no text is kept: a month of thousands is never
  // one document of every entry (half the memory a month in flight takes).
  ArchiveTexts::Month scratch;
  return {std::move(path), write_archive_month(std::move(feed), archive.feed.posts, catalog,
                                               texts ? *texts : scratch, make)};
}

void SiteRenderer::render_archive_months(const Catalog& catalog, const std::set<FeedKey>& keys,
                                         const std::vector<ArchiveMonth>& months,
                                         const Timestamp& now, const TaskRunner& run,
                                         FeedUpdate& update) {
  std::vector<PlannedArchive> plans;
  std::vector<std::optional<std::size_t>> signatures;  // of `plans`, where taken
  for (const FeedKey& key : keys) {
    if (!archives_enabled(family_config(feeds_, key.kind))) continue;
    std::optional<PlannedFeed> feed = plan_feed(catalog, feeds_, key, now);
    auto named = archive_names_.find(key);
    const bool renamed = feed && named != archive_names_.end() && named->second != feed->name;
    if (renamed) {
      std::vector<PlannedArchive> every = plan_archives(catalog, *feed, now);
      signatures.resize(signatures.size() + every.size());
      plans.insert(plans.end(), std::make_move_iterator(every.begin()),
                   std::make_move_iterator(every.end()));
    }
    std::set<ArchiveMonth> wanted;
    for (ArchiveMonth month : months) {
      wanted.insert(month);
      // A month that came or went changes its neighbours' links.
      if (ArchiveMonth prev = previous_month(catalog, key, month, now)) wanted.insert(prev);
      if (ArchiveMonth next = following_month(catalog, key, month, now)) wanted.insert(next);
    }
    for (ArchiveMonth month : wanted) {
      std::optional<PlannedArchive> archive;
      if (feed) archive = plan_archive(catalog, *feed, month, now);
      if (!archive) {
        archived_.erase({key, month});
        update.deleted.push_back(archive_path(feed_dir(key, feeds_), month));
        continue;
      }
      if (renamed) continue;  // in `plans` already
      const std::size_t signature = archive_signature(catalog, *archive);
      auto last = archived_.find({key, month});
      if (last != archived_.end() && last->second == signature) {
        update.unchanged.push_back(archive_path(archive->feed.dir, month));
        continue;
      }
      signatures.push_back(signature);
      plans.push_back(std::move(*archive));
    }
  }
  // A change's few months write from the texts of their unchanged entries;
  // a whole archive (a renamed feed) is written as at the start.
  render_archives(catalog, plans, [&update](OutputFile file) { update.files.push_back(std::move(file)); },
                  run, plans.size() <= ArchiveTexts::kMonthsKept ? TextsOf::every_month : TextsOf::no_month,
                  signatures);
}

std::size_t SiteRenderer::archive_signature(const Catalog& catalog, const PlannedArchive& archive) {
  std::string text = std::to_string(archive.month) + ' ' + std::to_string(archive.prev) + ' ' +
                     std::to_string(archive.next) + '\n' + signature(catalog, archive.feed);
  return std::hash<std::string>()(text);
}

FeedEntry SiteRenderer::make_entry(const Catalog& catalog, const Post& post, bool with_content,
                                   bool& complete) const {
  FeedEntry entry;
  PostByPath find = [&catalog](const std::string& path) { return catalog.find_by_path(path); };
  if (!with_content || !body_) {
    entry = build_entry(post, site_, rules_, feeds_, with_content, find);
  } else if (std::optional<std::string> body = body_(post)) {
    Post with_body = post;
    with_body.body = std::move(*body);
    entry = build_entry(with_body, site_, rules_, feeds_, true, find);
  } else {
    complete = false;
    entry = build_entry(post, site_, rules_, feeds_, false);
  }
  if (image_size_ && post.image && !entry.image_url.empty()) {
    entry.image_length = image_size_(*post.image).value_or(0);
  }
  return entry;
}

std::vector<OutputFile> render_site(const Catalog& catalog, const SiteConfig& site,
                                    const PostRules& rules, const FeedsConfig& feeds,
                                    const Timestamp& now, const TaskRunner& run,
                                    ImageSizeSource image_size) {
  std::vector<OutputFile> files;
  SiteRenderer(site, rules, feeds, nullptr, std::move(image_size)).render_all(
      catalog, now, [&files](OutputFile file) { files.push_back(std::move(file)); }, run);
  return files;
}

}  // namespace herald
