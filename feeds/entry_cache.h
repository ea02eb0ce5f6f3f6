// EntryCache: the rendered entries of the posts that the feeds rendered
// last list, so an unchanged post is not rendered again on the next change.
//
// An entry is stored under (post id, catalog revision) and served only for
// that exact revision: an edited post (a new revision) is never served its
// old entry, even if nobody calls forget(). The cache holds entries only for
// posts some feed lists: set_members() records what a feed lists and drops
// the entries of posts no feed lists any more.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "feeds/feed.h"
#include "feeds/feed_key.h"

namespace herald {

class EntryCache {
 public:
  // The entry of `id` at `revision`, with content when `with_content`
  // (an entry with content serves summary-only feeds too), or nullptr.
  const FeedEntry* find(const std::string& id, std::uint64_t revision, bool with_content) const;

  // Whether `id` has an entry at any revision: cheaper than asking the
  // catalog for a revision when most posts have none (an archive).
  bool contains(const std::string& id) const { return entries_.contains(id); }

  // Keeps `entry` for `id` at `revision`, replacing what `id` had.
  void store(const std::string& id, std::uint64_t revision, bool with_content, FeedEntry entry);

  // Drops the entry of `id`, if any.
  void forget(const std::string& id);

  // Records that feed `key` now lists `ids` (empty: the feed is gone) and
  // drops the entries of posts that no feed lists any more.
  void set_members(const FeedKey& key, std::vector<std::string> ids);
  // The same for several feeds at once: every new listing is counted before
  // any old one is dropped, so a post moving between two of them keeps its
  // entry.
  using Members = std::vector<std::pair<FeedKey, std::vector<std::string>>>;
  void set_members(Members lists);

  // Feeds with members, in key order.
  std::vector<FeedKey> feeds() const;

  std::size_t size() const { return entries_.size(); }

 private:
  // Drops one listing of each of `ids`, and the entries no feed lists.
  void unlist(const std::vector<std::string>& ids);

  struct Cached {
    std::uint64_t revision = 0;
    bool with_content = false;
    FeedEntry entry;
  };
  std::unordered_map<std::string, Cached> entries_;
  std::map<FeedKey, std::vector<std::string>> members_;
  std::unordered_map<std::string, int> listings_;  // id -> feeds listing it
};

}  // namespace herald
