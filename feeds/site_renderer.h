// Renders the feed files of a site from its catalog: every planned feed
// (feed_planner.h) in every configured format and its HTML page (feed_page.h,
// feeds.pages; in the site's time zone, loaded once), the archive of the
// feeds that keep one (archive_plan.h: summaries only, entries not cached),
// the sitemaps (sitemap_renderer.h), plus the XSL stylesheet when
// enabled, the <head> snippet and the page listing every feed (head_snippet.h;
// after a change, only when the set of feeds or a feed's name changed). Pure: the caller passes `now` and writes (or deletes) the files.
//
// render_site() renders everything once (`herald build`). SiteRenderer lives
// as long as the daemon and re-renders only the feeds a change affects,
// reusing each post's rendered entry across calls (EntryCache: keyed on the
// catalog revision, bounded to posts some rendered feed lists).
//
// Threads: the renderer starts none, but the calls that take a TaskRunner
// (task_runner.h) hand it two kinds of independent work, which the runner
// may spread over threads: building the entries that are not cached (one
// task per post: Markdown, sanitising) and serialising the feeds (one task
// per feed, every format). Those tasks only read the catalog, the
// configuration and the entries built before, and each writes its own slot;
// the cache and everything else is updated between batches on the calling
// thread. So with a threaded runner the body source must be callable from
// several threads at once. The output is the same bytes, in the same order,
// whatever the runner. A SiteRenderer itself is not thread-safe: one call
// at a time.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <string>
#include <vector>

#include "feeds/archive_plan.h"
#include "feeds/archive_texts.h"
#include "feeds/catalog.h"
#include "feeds/entry_cache.h"
#include "feeds/feed_key.h"
#include "feeds/feed_planner.h"
#include "feeds/feed_settings.h"
#include "feeds/head_snippet.h"
#include "feeds/output_file.h"
#include "feeds/post_rules.h"
#include "feeds/sitemap_renderer.h"
#include "feeds/task_runner.h"
#include "feeds/time_zone.h"

namespace herald {

// The Markdown body of a post, for catalogs that do not keep bodies in
// memory; nullopt when it cannot be had (the file vanished).
using BodySource = std::function<std::optional<std::string>(const Post&)>;

// The size in bytes of a post's image file (site.static_dir), for the
// feeds' enclosures; nullopt when unknown. Called from the renderer's tasks:
// it must be callable from several threads at once.
using ImageSizeSource = std::function<std::optional<std::uint64_t>(const Image&)>;

class SiteRenderer {
 public:
  // Without a body source, Post::body is rendered. With one, it is asked
  // for the body of each post a full-content feed lists whose entry is not
  // cached, and never for other posts. A nullopt body gives an entry with
  // the summary only, which is not cached.
  // With `image_size`, the entries of the subscription feeds carry their
  // image's size (RSS enclosure, Atom length), kept with the cached entry
  // until the post changes; archive entries never do (no stat per post).
  SiteRenderer(SiteConfig site, PostRules rules, FeedsConfig feeds, BodySource body = nullptr,
               ImageSizeSource image_size = nullptr);

  // Every feed and the stylesheet: the same bytes as render_site(). The
  // text of the entries of the main feed's newest archive month is kept, so
  // that the first new post after it does not write them all again.
  std::vector<OutputFile> render_all(const Catalog& catalog, const Timestamp& now);
  // The same files in the same order, each handed to `sink` as soon as it
  // is rendered, so a large site is never held in memory whole.
  // `run` builds the entries and serialises the feeds (see above).
  void render_all(const Catalog& catalog, const Timestamp& now, const FileSink& sink,
                  const TaskRunner& run = run_serially);

  // The feeds `keys` names (any order, repeats allowed), in FeedKey order,
  // except those listed in `unchanged` (an edit of a post too old to be in
  // any feed's first N renders nothing).
  // A section or tag feed without any published post left is listed in
  // `deleted` with the paths of all its formats (it may never have been
  // written). Keys of disabled families give nothing. After a change of a
  // post, pass feed_keys(old version) ∪ feed_keys(new version); when a
  // scheduled post comes due, feed_keys(that post).
  // `months`: the archive months of the changed posts' versions before and
  // after the change. Those months' documents of the feeds `keys` names that
  // keep an archive are rendered again (or deleted when the month has no
  // post left), and the months next to them, whose links may have changed.
  FeedUpdate render(const Catalog& catalog, const std::vector<FeedKey>& keys,
                    const Timestamp& now, const TaskRunner& run = run_serially,
                    const std::vector<ArchiveMonth>& months = {});

  // When the news sitemap must be rendered again though no post changed
  // (SitemapRenderer::news_expiry): render() with no keys then drops its
  // posts past the window.
  std::optional<Timestamp> news_sitemap_expiry() const { return sitemaps_.news_expiry(); }

  // Drops the cached entry of `post_id`. Call it on every change of a post;
  // revisions already keep a changed post from being served stale.
  void forget(const std::string& post_id) { cache_.forget(post_id); }

  // Entries cached now (for tests and memory reports).
  std::size_t cached_entries() const { return cache_.size(); }

 private:
  struct EntrySet;  // the entries of one batch of feeds, by post

  // Renders `plans` in order into `sink`, records what each lists.
  void render_feeds(const Catalog& catalog, const std::vector<PlannedFeed>& plans,
                    const FileSink& sink, const TaskRunner& run);
  // Every entry `plans` list: from the cache, or built by `run` and cached.
  void collect_entries(const Catalog& catalog, const std::vector<PlannedFeed>& plans,
                       const TaskRunner& run, EntrySet& set);
  // Thread-safe. Sets `complete` false when the body source had no body.
  FeedEntry make_entry(const Catalog& catalog, const Post& post, bool with_content,
                       bool& complete) const;
  // Thread-safe: every format of `planned`, from entries in `set`.
  std::vector<OutputFile> feed_files(const PlannedFeed& planned, const EntrySet& set) const;
  // What a feed's bytes depend on besides the configuration.
  static std::string signature(const Catalog& catalog, const PlannedFeed& planned);

  // Archives (archive_plan.h). Renders `archives` in order into `sink`,
  // records what each lists. The months `texts` names are written from and
  // into archive_texts_: a change's few months, or of a whole archive its
  // newest month only, where the site's new posts go. `known` holds the
  // archive_signature of those archives whose signature was taken already.
  enum class TextsOf { no_month, every_month, newest_month };
  void render_archives(const Catalog& catalog, const std::vector<PlannedArchive>& archives,
                       const FileSink& sink, const TaskRunner& run, TextsOf texts_of,
                       const std::vector<std::optional<std::size_t>>& known = {});
  // Thread-safe: the document of `archive`, written entry by entry
  // (write_archive_month), from and into `texts` when given (a month no
  // other thread uses).
  OutputFile archive_file(const Catalog& catalog, const PlannedArchive& archive,
                          ArchiveTexts::Month* texts = nullptr) const;
  // The archive documents `months` touch in the feeds `keys`, into `update`.
  void render_archive_months(const Catalog& catalog, const std::set<FeedKey>& keys,
                             const std::vector<ArchiveMonth>& months, const Timestamp& now,
                             const TaskRunner& run, FeedUpdate& update);
  static std::size_t archive_signature(const Catalog& catalog, const PlannedArchive& archive);

  SiteConfig site_;
  PostRules rules_;
  FeedsConfig feeds_;
  BodySource body_;
  ImageSizeSource image_size_;
  TimeZone zone_;  // the site's, for the dates of feed pages
  EntryCache cache_;
  std::map<FeedKey, std::string> rendered_;  // signature of the files last returned
  // The <head> snippet and the feeds page (head_snippet.h): every rendered
  // feed's card, and whether a card came, went or changed since they were
  // last returned.
  void site_files(const FileSink& sink);
  void set_card(const FeedKey& key, FeedCard card);
  FeedCards cards_;
  bool cards_changed_ = false;
  // A hash of each archive document's signature as last returned.
  std::map<std::pair<FeedKey, ArchiveMonth>, std::size_t> archived_;
  // The name each feed's archive documents carry: when the feed is renamed
  // (its oldest post went), every document of its archive is rendered again.
  std::map<FeedKey, std::string> archive_names_;
  ArchiveTexts archive_texts_;  // the entries' text of the months changes rendered last
  SitemapRenderer sitemaps_;
};

std::vector<OutputFile> render_site(const Catalog& catalog, const SiteConfig& site,
                                    const PostRules& rules, const FeedsConfig& feeds,
                                    const Timestamp& now, const TaskRunner& run = run_serially,
                                    ImageSizeSource image_size = nullptr);

// Name of the stylesheet file, at the root of the output directory.
inline constexpr const char* kStylesheetFile = "feed.xsl";

}  // namespace herald
