// Catalog: every readable post of the site, keyed by identity, with the
// file it came from. The daemon keeps one in memory and updates it per file;
// `herald build` fills one from a full scan.
//
// Identity is Post::id. Two files claiming one id: the first one added keeps
// it (callers add in sorted path order, so the choice is stable) and the
// second is refused with a diagnostic naming both files.
//
// With limit_feeds(), a post that would bring the section and tag feeds
// past feeds.max_feeds is refused the same way (nothing changes), so a post
// with thousands of new tags cannot multiply the output; drafts, which are
// in no feed, are never refused for it.
//
// Indexes kept on every upsert/remove_path/apply: the non-draft posts newest first
// (date descending, id ascending on equal dates: one total order), overall
// and per section slug and per tag slug (text.h slugify), so the first N
// posts of any feed at `now` cost O(log n + N), never O(catalog).
// Every upsert (or apply) that stores a post gives it a new revision number,
// never reused.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <absl/container/btree_set.h>
#include <boost/unordered/unordered_flat_set.hpp>

#include "feeds/diagnostic.h"
#include "feeds/feed_key.h"
#include "feeds/post.h"
#include "feeds/shared_value.h"

namespace herald {

// What one Catalog::apply did: the facts a caller needs to re-render the
// right feeds and to tell what a post was before the change.
struct CatalogChange {
  // The post the path held before (nullopt: none). On a refusal, nullopt.
  std::optional<Post> before;
  // The post the path holds now (null: none; on a refusal, null). Valid
  // until the catalog changes again.
  const Post* after = nullptr;
  // The change was refused and nothing changed: another file holds the id,
  // or the post would pass the feed budget (Catalog::limit_feeds).
  std::optional<Diagnostic> refused;
  // feed_keys(before) ∪ feed_keys(after), sorted, without repeats: the feeds
  // to render again. Empty on a refusal.
  std::vector<FeedKey> feeds;

  // The id of the post the path held before and holds now ("" when none).
  const std::string& id_before() const;
  const std::string& id_after() const;
};

class Catalog {
 public:
  Catalog() = default;
  Catalog(const Catalog&) = delete;
  Catalog& operator=(const Catalog&) = delete;
  // The moved-from catalog holds what this one held (nothing, when built).
  Catalog(Catalog&& other) noexcept { swap(other); }
  Catalog& operator=(Catalog&& other) noexcept {
    swap(other);
    return *this;
  }
  ~Catalog();

  // One change of the file `path`: `post` is what it holds now (its
  // source_path is `path`), nullopt when it holds no post any more (deleted,
  // or no longer a post file). Adds, replaces or removes as upsert and
  // remove_path do, in one lookup of the path, and says what it affected.
  CatalogChange apply(const std::string& path, std::optional<Post> post,
                      const FeedsConfig& feeds);

  // Adds or replaces the post that `post.source_path` holds. A file that
  // used to hold another id gives that id up. Returns a diagnostic (and
  // changes nothing) when another file already holds post.id.
  std::optional<Diagnostic> upsert(Post post);

  // Refuses, from now on, posts that would make more section and tag feeds
  // (of the families `feeds` enables) than feeds.max_feeds.
  void limit_feeds(const FeedsConfig& feeds);

  // Makes room for `posts` posts in all, so that a load that knows how many
  // files it reads never grows the maps by id and by path: growing one holds
  // its old table and its new one at once (about 100 MiB at a million posts).
  void reserve(std::size_t posts);

  // Forgets whatever post `source_path` held. Returns the id it held, if any.
  std::optional<std::string> remove_path(const std::string& source_path);

  const Post* find(const std::string& id) const;
  const Post* find_by_path(const std::string& source_path) const;
  std::size_t size() const { return by_id_.size(); }
  // The file of every post, drafts included, in no particular order.
  std::vector<std::string> paths() const;

  // The revision of the post `id` holds now: a number given by the upsert
  // that stored it, different for every upsert of the catalog's life. 0 when
  // no post has that id. Caches of derived data key on (id, revision).
  std::uint64_t revision(const std::string& id) const;
  // The same for a post this catalog holds (a pointer it handed out, still
  // valid), without a lookup: a feed's posts are thousands at a million.
  std::uint64_t held_revision(const Post& post) const;

  // Posts visible in feeds at `now`: not drafts, dated at or before `now`;
  // newest first, ties broken by id so the order is total and stable.
  std::vector<const Post*> published(const Timestamp& now) const;

  // Drafts excluded, posts dated after `now`, earliest first (the daemon
  // schedules them).
  std::vector<const Post*> scheduled(const Timestamp& now) const;

  // The sizes of scheduled(now) and published(now) without listing them:
  // O(log n + scheduled). The daemon reports them after every change.
  std::size_t scheduled_count(const Timestamp& now) const;
  std::size_t published_count(const Timestamp& now) const;

  // The first of scheduled(now), or nullptr: the next instant at which a
  // feed changes by itself. O(log n).
  const Post* next_scheduled(const Timestamp& now) const;

  // Non-draft posts dated after `after` and at or before `until`, earliest
  // first: the posts that came due between two wake-ups of the daemon.
  std::vector<const Post*> due(const Timestamp& after, const Timestamp& until) const;

  // The first `limit` posts of feed `key` published at `now`, in the order
  // of published(). A post whose tags share a slug is listed once.
  std::vector<const Post*> newest(const FeedKey& key, const Timestamp& now,
                                  std::size_t limit) const;

  // The posts of feed `key` published at `now` dated in [from, until)
  // (Unix seconds), in the order of published(): O(log n + the posts listed).
  std::vector<const Post*> between(const FeedKey& key, const Timestamp& now, std::int64_t from,
                                   std::int64_t until) const;

  // The newest post of feed `key` published at `now` dated before `before`
  // (Unix seconds), and the oldest dated at or after `from`; nullptr when
  // there is none. O(log n).
  const Post* newest_before(const FeedKey& key, const Timestamp& now, std::int64_t before) const;
  const Post* oldest_from(const FeedKey& key, const Timestamp& now, std::int64_t from) const;

  // Whether feed `key` lists at least one post published at `now`.
  bool has_published(const FeedKey& key, const Timestamp& now) const;

  // The name of a section or tag feed as its oldest non-draft post spells
  // it (for a tag, the last of that post's tags giving the slug), so a newer
  // post never renames a feed. "" for main and for slugs no post has.
  std::string feed_name(const FeedKey& key) const;

  // Slugs of the `kind` (section or tag) feeds that have a post published
  // at `now`, sorted.
  std::vector<std::string> slugs(FeedKind kind, const Timestamp& now) const;

 private:
  // A post as stored. Its section's and tags' slugs are in slugs_ (by
  // name), not copied into every record. The post is its base, so that a
  // post handed out leads back to its record (held_revision).
  struct Record : Post {
    std::uint64_t revision = 0;
    Post& post() { return *this; }
    const Post& post() const { return *this; }
  };
  static_assert(sizeof(Record) <= 384, "a record takes a block of tcmalloc's 384-byte class");
  // An index holds records (its date is the post's: an element is a
  // pointer). A B-tree (Abseil's): about 10 bytes an element, where a
  // std::set's node took 48 (15 MiB at 100,000 posts, in every index).
  // A Probe is a search key that sorts before every post of its second.
  struct Probe {
    std::int64_t seconds = 0;
  };
  struct NewestFirst {
    using is_transparent = void;
    bool operator()(const Record* a, const Record* b) const;
    bool operator()(const Record* a, Probe b) const;
    bool operator()(Probe a, const Record* b) const;
  };
  using Index = absl::btree_set<const Record*, NewestFirst>;

  // The diagnostic upsert returns when another file holds post.id.
  std::optional<Diagnostic> refusal(const Post& post) const;
  // The diagnostic when storing `post` would pass the feed budget.
  std::optional<Diagnostic> over_feed_budget(const Post& post) const;
  // Removes what `source_path` holds and hands the post back.
  std::optional<Post> take_path(const std::string& source_path);
  // Stores `post`, whose path and id no record holds.
  const Post& insert(Post post);
  void swap(Catalog& other) noexcept;
  // The slug of a section or tag name, remembered for known_slug.
  const std::string& slug_of(const std::string& name);
  // The slug of a name slug_of has seen: every stored post's.
  const std::string& known_slug(const std::string& name) const;
  void add_to_indexes(const Record& record);
  void remove_from_indexes(const Record& record);
  const Index* index_of(const FeedKey& key) const;
  // First element of `index` dated at or before `now`.
  static Index::const_iterator first_published(const Index& index, const Timestamp& now);

  // Hashes and compares records by one of their post's strings, and finds
  // them by that string's text.
  template <std::string Post::*Key>
  struct ByKey {
    using is_transparent = void;
    std::size_t operator()(const Record* r) const { return (*this)(std::string_view(r->*Key)); }
    std::size_t operator()(std::string_view key) const;
    bool operator()(const Record* a, const Record* b) const { return a->*Key == b->*Key; }
    bool operator()(const Record* a, std::string_view b) const { return a->*Key == b; }
    bool operator()(std::string_view a, const Record* b) const { return a == b->*Key; }
  };
  using ById = ByKey<&Post::id>;
  using ByPath = ByKey<&Post::source_path>;

  // Each record once, by id (this set owns them: ~Catalog deletes them); by
  // path, the same records. Open addressing (Boost's flat sets) of bare
  // pointers, found by the text of post.id and post.source_path: 8 bytes a
  // slot, where a map of a string_view key and a pointer took 24 (about 60
  // MiB in the two at a million posts, whose tables are a quarter to a
  // half empty).
  boost::unordered_flat_set<Record*, ById, ById> by_id_;
  boost::unordered_flat_set<Record*, ByPath, ByPath> by_path_;
  Index all_;                                // non-draft posts
  std::map<std::string, Index> sections_;    // by slug, never empty
  std::map<std::string, Index> tags_;        // by slug, never empty
  std::unordered_map<std::string, std::string> slugs_;  // name -> slugify(name)
  // Each distinct tag list, set of other fields, author and section once,
  // shared by the records that hold it (about 100 bytes a post).
  Interner<TagList::Tags> tag_lists_;
  Interner<std::string> texts_;
  std::uint64_t last_revision_ = 0;
  std::size_t max_feeds_ = SIZE_MAX;  // limit_feeds
  bool count_sections_ = false;
  bool count_tags_ = false;
};

}  // namespace herald
