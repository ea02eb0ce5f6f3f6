#include "feeds/archive_plan.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace herald {
namespace {

// A post's month is its local date's; a local date lies at most this far
// from its UTC date (UTC-12 to UTC+14), so a month's posts are all dated
// within its UTC bounds widened by this much on each side.
constexpr std::int64_t kWidestOffset = 14 * 3600;

std::int64_t month_start_utc(ArchiveMonth month) {
  using namespace std::chrono;
  year_month_day first{year{month / 100}, std::chrono::month{static_cast<unsigned>(month % 100)},
                       day{1}};
  return sys_seconds{sys_days{first}}.time_since_epoch().count();
}

ArchiveMonth month_after(ArchiveMonth month) {
  return month % 100 == 12 ? (month / 100 + 1) * 100 + 1 : month + 1;
}

}  // namespace

bool archives_enabled(const FeedFamilyConfig& family) {
  return family.enabled && family.archive &&
         std::find(family.formats.begin(), family.formats.end(), FeedFormat::atom) !=
             family.formats.end();
}

ArchiveMonth archive_month(const Post& post) {
  using namespace std::chrono;
  sys_seconds local{seconds{post.date.unix_seconds + std::int64_t{post.site_offset_minutes} * 60}};
  year_month_day date{floor<days>(local)};
  return static_cast<int>(date.year()) * 100 + static_cast<int>(static_cast<unsigned>(date.month()));
}

std::vector<const Post*> month_posts(const Catalog& catalog, const FeedKey& key, ArchiveMonth month,
                                     const Timestamp& now) {
  std::vector<const Post*> posts =
      catalog.between(key, now, month_start_utc(month) - kWidestOffset,
                      month_start_utc(month_after(month)) + kWidestOffset);
  std::erase_if(posts, [month](const Post* post) { return archive_month(*post) != month; });
  return posts;
}

std::map<ArchiveMonth, std::vector<const Post*>> posts_by_month(const Catalog& catalog,
                                                                const FeedKey& key,
                                                                const Timestamp& now) {
  std::map<ArchiveMonth, std::vector<const Post*>> months;
  for (const Post* post : catalog.newest(key, now, SIZE_MAX)) {
    months[archive_month(*post)].push_back(post);
  }
  return months;
}

std::optional<PlannedArchive> plan_archive(const Catalog& catalog, const PlannedFeed& feed,
                                           ArchiveMonth month, const Timestamp& now) {
  PlannedArchive archive;
  archive.feed = feed;
  archive.month = month;
  archive.feed.posts = month_posts(catalog, feed.key(), month, now);
  archive.feed.newest_archive = 0;
  if (archive.feed.posts.empty()) return std::nullopt;
  archive.prev = previous_month(catalog, feed.key(), month, now);
  archive.next = following_month(catalog, feed.key(), month, now);
  return archive;
}

ArchiveMonth previous_month(const Catalog& catalog, const FeedKey& key, ArchiveMonth month,
                            const Timestamp& now) {
  // Newest first from the month's widened end: the first post of an older
  // month (posts of the fringe that belong to `month` or later are passed).
  std::int64_t before = month_start_utc(month) + kWidestOffset;
  while (const Post* post = catalog.newest_before(key, now, before)) {
    if (ArchiveMonth of = archive_month(*post); of < month) return of;
    before = post->date.unix_seconds;
  }
  return 0;
}

ArchiveMonth following_month(const Catalog& catalog, const FeedKey& key, ArchiveMonth month,
                             const Timestamp& now) {
  std::int64_t from = month_start_utc(month_after(month)) - kWidestOffset;
  while (const Post* post = catalog.oldest_from(key, now, from)) {
    if (ArchiveMonth of = archive_month(*post); of > month) return of;
    from = post->date.unix_seconds + 1;
  }
  return 0;
}

std::vector<PlannedArchive> plan_archives(const Catalog& catalog, const PlannedFeed& feed,
                                          const Timestamp& now) {
  std::map<ArchiveMonth, std::vector<const Post*>> months = posts_by_month(catalog, feed.key(), now);
  std::vector<PlannedArchive> out;
  out.reserve(months.size());
  ArchiveMonth prev = 0;
  for (auto it = months.begin(); it != months.end(); ++it) {
    PlannedArchive& archive = out.emplace_back();
    archive.feed = PlannedFeed{feed.kind, feed.name, feed.slug, feed.dir, feed.family,
                               std::move(it->second)};
    archive.month = it->first;
    archive.prev = prev;
    archive.next = std::next(it) == months.end() ? 0 : std::next(it)->first;
    prev = it->first;
  }
  return out;
}

ArchiveMonth newest_archive(const Catalog& catalog, const FeedKey& key, const Timestamp& now) {
  std::vector<const Post*> newest = catalog.newest(key, now, 1);
  if (newest.empty()) return 0;
  // Months follow each post's own offset, so a post just behind the newest
  // instant may still be of a later month (a zone's offset changed).
  return std::max(archive_month(*newest.front()),
                  following_month(catalog, key, archive_month(*newest.front()), now));
}

std::string archive_path(const std::string& dir, ArchiveMonth month) {
  char name[32];
  std::snprintf(name, sizeof name, "archive/%04d/%02d.xml", month / 100, month % 100);
  return dir + name;
}

}  // namespace herald
