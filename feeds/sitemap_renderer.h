// Keeps a site's sitemaps (sitemap_writer.h) current, beside its feeds:
// - `sitemap.xml`: an index of one sitemap per month of published posts
//   (the months of archive_plan.h), `sitemaps/2026-11.xml`; a month of more
//   than 50,000 posts is split into `2026-11.xml`, `2026-11-2.xml`, ...;
//   each sitemap lists its posts' URLs with their last change (`updated`,
//   else the date). A change rewrites only its months' sitemaps, and the
//   index when a month came, went or got a newer post. The URLs of the few
//   months changes rendered last are kept by post id and revision, so that
//   a post added to a month of thousands computes its own URL, not theirs.
// - `news-sitemap.xml` (Google News): the newest posts published in the two
//   days before `now` (at most 1,000), with the site's title as the
//   publication's name. Rewritten when its list changes; news_expiry()
//   says when its oldest post turns two days old, so the caller renders
//   then (herald run wakes for it as for a scheduled post).
// Each is written only when its feeds.sitemap / feeds.news_sitemap is on.
// Pure: the caller passes `now` and writes or deletes the files. Not
// thread-safe: one call at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "feeds/archive_plan.h"
#include "feeds/catalog.h"
#include "feeds/feed_settings.h"
#include "feeds/output_file.h"
#include "feeds/recently_used.h"
#include "feeds/task_runner.h"

namespace herald {

inline constexpr const char* kSitemapIndexFile = "sitemap.xml";
inline constexpr const char* kNewsSitemapFile = "news-sitemap.xml";

class SitemapRenderer {
 public:
  SitemapRenderer(SiteConfig site, std::string permalink, FeedsConfig feeds);

  // Every sitemap of the site; `run` renders months side by side.
  void render_all(const Catalog& catalog, const Timestamp& now, const FileSink& sink,
                  const TaskRunner& run = run_serially);

  // After a change: the sitemaps of `months` (the months of the changed
  // posts, before and after), the index when it changed, the news sitemap
  // when its list changed.
  void render(const Catalog& catalog, const std::vector<ArchiveMonth>& months,
              const Timestamp& now, FeedUpdate& update);

  // The first instant at which the news sitemap last rendered lists a post
  // no longer in its window (its oldest post's date plus two days, and a
  // second); nullopt when it lists none or is off. render() at or after it
  // drops the post.
  std::optional<Timestamp> news_expiry() const { return news_expiry_; }

  // Path of part `part` (1-based) of `month`'s sitemap.
  static std::string month_path(ArchiveMonth month, std::size_t part);

 private:
  struct Month {
    std::size_t signature = 0;  // of the posts and revisions last written
    std::size_t parts = 0;
    Timestamp lastmod;
  };
  // A month's post URLs as last rendered by render(), by post id.
  struct MonthUrls {
    struct Url {
      std::uint64_t revision = 0;  // Catalog::revision of the post
      std::string loc;
    };
    std::unordered_map<std::string, Url> by_id;
  };
  static constexpr std::size_t kUrlMonthsKept = 4;
  // `month`'s parts and what to record of them.
  struct RenderedMonth {
    Month record;
    std::vector<OutputFile> files;
  };
  // `signature`: posts_signature of `posts`. `known` (may be null): the
  // month's URLs last rendered, reused where the revision holds, then
  // replaced by this render's. Thread-safe for distinct `known`.
  RenderedMonth render_month(const Catalog& catalog, ArchiveMonth month,
                             const std::vector<const Post*>& posts, std::size_t signature,
                             MonthUrls* known) const;
  OutputFile index_file() const;
  // The news sitemap at `now` when it differs from the last one returned.
  void render_news(const Catalog& catalog, const Timestamp& now, const FileSink& sink);

  SiteConfig site_;
  std::string permalink_;
  FeedsConfig feeds_;
  std::map<ArchiveMonth, Month> months_;
  RecentlyUsed<ArchiveMonth, MonthUrls> urls_{kUrlMonthsKept};  // of render()'s last months
  std::size_t news_signature_ = 0;
  bool news_rendered_ = false;
  std::optional<Timestamp> news_expiry_;
};

}  // namespace herald
