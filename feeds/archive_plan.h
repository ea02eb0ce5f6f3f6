// The archive of a feed (RFC 5005 "Archived Feeds"): every published post of
// the feed, one Atom document per calendar month in the site's time zone
// (the month of the post's permalink date, Post::site_offset_minutes), at
// `<feed dir>archive/YYYY/MM.xml`. A month's document changes only when a
// post of that month comes, goes or changes, or when the month before or
// after it comes or goes (its prev-archive / next-archive links). Pure.
//
// A family keeps an archive when `archive` is on and it writes Atom
// (archives_enabled). The subscription feed links the newest month.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "feeds/catalog.h"
#include "feeds/feed_planner.h"

namespace herald {

// A calendar month as yyyymm (202611); 0: none.
using ArchiveMonth = int;

struct PlannedArchive {
  PlannedFeed feed;  // the subscription feed's identity; posts: the month's, newest first
  ArchiveMonth month = 0;
  ArchiveMonth prev = 0;  // the closest older month with a post, 0: none
  ArchiveMonth next = 0;  // the closest newer month with a post, 0: none
};

// Whether `family` keeps an archive: `archive` on and Atom among its formats.
bool archives_enabled(const FeedFamilyConfig& family);

// The month `post` belongs to: its date in the site's time zone.
ArchiveMonth archive_month(const Post& post);

// The posts of feed `key` published at `now` in `month`, newest first.
// O(log n + the month's posts).
std::vector<const Post*> month_posts(const Catalog& catalog, const FeedKey& key, ArchiveMonth month,
                                     const Timestamp& now);

// Every published post of feed `key` by month, each month newest first.
// O(n) in the feed's posts.
std::map<ArchiveMonth, std::vector<const Post*>> posts_by_month(const Catalog& catalog,
                                                                const FeedKey& key,
                                                                const Timestamp& now);

// Month `month` of feed `feed` at `now`; nullopt when no published post of
// the feed falls in it. O(log n + the month's posts).
std::optional<PlannedArchive> plan_archive(const Catalog& catalog, const PlannedFeed& feed,
                                           ArchiveMonth month, const Timestamp& now);

// The months with a published post of `feed` just before and after
// `month` (0: none), whether or not `month` has posts itself. O(log n).
ArchiveMonth previous_month(const Catalog& catalog, const FeedKey& key, ArchiveMonth month,
                            const Timestamp& now);
ArchiveMonth following_month(const Catalog& catalog, const FeedKey& key, ArchiveMonth month,
                             const Timestamp& now);

// Every month of `feed` that has a published post, oldest first: its whole
// archive. O(n) in the feed's posts.
std::vector<PlannedArchive> plan_archives(const Catalog& catalog, const PlannedFeed& feed,
                                          const Timestamp& now);

// The newest month with a published post of feed `key` (the subscription
// document's prev-archive), 0: none.
ArchiveMonth newest_archive(const Catalog& catalog, const FeedKey& key, const Timestamp& now);

// Output path of `month`'s document of the feed in `dir` (a PlannedFeed's
// dir): "<dir>archive/2026/11.xml".
std::string archive_path(const std::string& dir, ArchiveMonth month);

}  // namespace herald
