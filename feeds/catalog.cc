#include "feeds/catalog.h"

#include <algorithm>
#include <iterator>
#include <set>

#include <boost/container_hash/hash.hpp>

#include "feeds/text.h"

namespace herald {

namespace {

std::int64_t seconds_of(const Post& post) { return post.date.unix_seconds; }

}  // namespace

template <std::string Post::*Key>
std::size_t Catalog::ByKey<Key>::operator()(std::string_view key) const {
  return boost::hash<std::string_view>()(key);
}

Catalog::~Catalog() {
  for (Record* record : by_id_) delete record;
}

void Catalog::swap(Catalog& other) noexcept {
  using std::swap;
  swap(by_id_, other.by_id_);
  swap(by_path_, other.by_path_);
  swap(all_, other.all_);
  swap(sections_, other.sections_);
  swap(tags_, other.tags_);
  swap(slugs_, other.slugs_);
  swap(tag_lists_, other.tag_lists_);
  swap(texts_, other.texts_);
  swap(last_revision_, other.last_revision_);
  swap(max_feeds_, other.max_feeds_);
  swap(count_sections_, other.count_sections_);
  swap(count_tags_, other.count_tags_);
}

// Newest first; equal dates are ordered by id so the order is total.
bool Catalog::NewestFirst::operator()(const Record* a, const Record* b) const {
  if (seconds_of(a->post()) != seconds_of(b->post())) return seconds_of(a->post()) > seconds_of(b->post());
  return a->post().id < b->post().id;
}

bool Catalog::NewestFirst::operator()(const Record* a, Probe b) const {
  return seconds_of(a->post()) > b.seconds;
}

bool Catalog::NewestFirst::operator()(Probe a, const Record* b) const {
  return a.seconds >= seconds_of(b->post());
}

const std::string& CatalogChange::id_before() const {
  static const std::string none;
  return before ? before->id : none;
}

const std::string& CatalogChange::id_after() const {
  static const std::string none;
  return after ? after->id : none;
}

std::optional<Diagnostic> Catalog::upsert(Post post) {
  if (std::optional<Diagnostic> refused = refusal(post)) return refused;
  take_path(post.source_path);
  insert(std::move(post));
  return std::nullopt;
}

std::optional<std::string> Catalog::remove_path(const std::string& source_path) {
  std::optional<Post> gone = take_path(source_path);
  if (!gone) return std::nullopt;
  return std::move(gone->id);
}

CatalogChange Catalog::apply(const std::string& path, std::optional<Post> post,
                             const FeedsConfig& feeds) {
  CatalogChange change;
  if (post) {
    change.refused = refusal(*post);
    if (change.refused) return change;
  }
  change.before = take_path(path);
  if (change.before) change.feeds = feed_keys(*change.before, feeds);
  if (post) {
    change.after = &insert(std::move(*post));
    std::vector<FeedKey> now = feed_keys(*change.after, feeds);
    change.feeds.insert(change.feeds.end(), now.begin(), now.end());
    std::sort(change.feeds.begin(), change.feeds.end());
    change.feeds.erase(std::unique(change.feeds.begin(), change.feeds.end()), change.feeds.end());
  }
  return change;
}

void Catalog::limit_feeds(const FeedsConfig& feeds) {
  max_feeds_ = feeds.max_feeds;
  count_sections_ = feeds.sections.enabled;
  count_tags_ = feeds.tags.enabled;
}

std::optional<Diagnostic> Catalog::refusal(const Post& post) const {
  auto holder = by_id_.find(post.id);
  if (holder == by_id_.end() || (*holder)->post().source_path == post.source_path) {
    return over_feed_budget(post);
  }
  return Diagnostic{post.source_path, 0, 0,
                    "duplicate id '" + post.id + "': " + (*holder)->post().source_path +
                        " already has it; give one of the two posts another id"};
}

std::optional<Diagnostic> Catalog::over_feed_budget(const Post& post) const {
  if (post.draft || (!count_sections_ && !count_tags_)) return std::nullopt;
  // The feeds the post would bring (slugs no post has yet), less those only
  // the version it replaces keeps alive.
  std::set<FeedKey> wanted;
  if (count_sections_) wanted.insert({FeedKind::section, feed_slug(post.section)});
  if (count_tags_) {
    for (const std::string& tag : post.tags) wanted.insert({FeedKind::tag, feed_slug(tag)});
  }
  std::vector<std::string> added;  // names, for the message
  std::size_t freed = 0;
  for (const FeedKey& key : wanted) {
    if (!key.slug.empty() && index_of(key) == nullptr) {
      added.push_back((key.kind == FeedKind::section ? "section '" : "tag '") + key.slug + "'");
    }
  }
  if (added.empty()) return std::nullopt;
  auto old = by_path_.find(post.source_path);
  if (old != by_path_.end()) {
    const Record& record = **old;
    std::set<FeedKey> held;
    if (count_sections_) held.insert({FeedKind::section, known_slug(record.post().section)});
    if (count_tags_) {
      for (const std::string& tag : record.post().tags) held.insert({FeedKind::tag, known_slug(tag)});
    }
    for (const FeedKey& key : held) {
      const Index* index = index_of(key);
      if (!record.post().draft && !key.slug.empty() && wanted.count(key) == 0 && index != nullptr &&
          index->size() == 1) {
        ++freed;
      }
    }
  }
  std::size_t now = (count_sections_ ? sections_.size() : 0) + (count_tags_ ? tags_.size() : 0);
  if (now - freed + added.size() <= max_feeds_) return std::nullopt;
  std::string names = added.front();
  if (added.size() > 1) names += " and " + std::to_string(added.size() - 1) + " more";
  return Diagnostic{post.source_path, 0, 0,
                    "would add feeds for " + names + " to the site's " + std::to_string(now) +
                        " section and tag feeds, more than feeds.max_feeds (" +
                        std::to_string(max_feeds_) +
                        "); use sections and tags the site already has, or raise "
                        "feeds.max_feeds"};
}

std::optional<Post> Catalog::take_path(const std::string& source_path) {
  auto at = by_path_.find(source_path);
  if (at == by_path_.end()) return std::nullopt;
  Record* record = *at;
  by_path_.erase(at);
  if (!record->post().draft) remove_from_indexes(*record);
  // Out of the sets before the post moves: they find it by its strings.
  by_id_.erase(by_id_.find(record->post().id));
  std::unique_ptr<Record> gone(record);
  return std::move(gone->post());
}

const Post& Catalog::insert(Post post) {
  auto owned = std::make_unique<Record>(Record{std::move(post), ++last_revision_});
  Record& record = *owned;
  slug_of(record.post().section);
  for (const std::string& tag : record.post().tags) slug_of(tag);
  record.post().tags.share(tag_lists_);
  record.post().fields.share(texts_);
  record.post().author.share(texts_);
  record.post().section.share(texts_);
  by_id_.insert(owned.get());
  owned.release();  // by_id_ owns it
  by_path_.insert(&record);
  if (!record.post().draft) add_to_indexes(record);
  return record.post();
}

void Catalog::reserve(std::size_t posts) {
  by_id_.reserve(posts);
  by_path_.reserve(posts);
}

const Post* Catalog::find(const std::string& id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &(*it)->post();
}

const Post* Catalog::find_by_path(const std::string& source_path) const {
  auto it = by_path_.find(source_path);
  return it == by_path_.end() ? nullptr : &(*it)->post();
}

std::vector<std::string> Catalog::paths() const {
  std::vector<std::string> out;
  out.reserve(by_path_.size());
  for (const Record* record : by_path_) out.push_back(record->post().source_path);
  return out;
}

std::uint64_t Catalog::revision(const std::string& id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? 0 : (*it)->revision;
}

std::uint64_t Catalog::held_revision(const Post& post) const {
  return static_cast<const Record&>(post).revision;
}

std::vector<const Post*> Catalog::published(const Timestamp& now) const {
  std::vector<const Post*> out;
  for (auto it = first_published(all_, now); it != all_.end(); ++it) {
    out.push_back(&(*it)->post());
  }
  return out;
}

std::vector<const Post*> Catalog::scheduled(const Timestamp& now) const {
  std::vector<const Post*> out;
  for (auto it = all_.begin(); it != first_published(all_, now); ++it) {
    out.push_back(&(*it)->post());
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::size_t Catalog::scheduled_count(const Timestamp& now) const {
  return static_cast<std::size_t>(std::distance(all_.begin(), first_published(all_, now)));
}

std::size_t Catalog::published_count(const Timestamp& now) const {
  return all_.size() - scheduled_count(now);
}

const Post* Catalog::next_scheduled(const Timestamp& now) const {
  auto it = first_published(all_, now);
  return it == all_.begin() ? nullptr : &(*std::prev(it))->post();
}

std::vector<const Post*> Catalog::due(const Timestamp& after, const Timestamp& until) const {
  std::vector<const Post*> out;
  if (until <= after) return out;
  for (auto it = first_published(all_, until); it != first_published(all_, after); ++it) {
    out.push_back(&(*it)->post());
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::vector<const Post*> Catalog::newest(const FeedKey& key, const Timestamp& now,
                                         std::size_t limit) const {
  std::vector<const Post*> out;
  const Index* index = index_of(key);
  if (index == nullptr) return out;
  for (auto it = first_published(*index, now); it != index->end() && out.size() < limit; ++it) {
    out.push_back(&(*it)->post());
  }
  return out;
}

std::vector<const Post*> Catalog::between(const FeedKey& key, const Timestamp& now,
                                          std::int64_t from, std::int64_t until) const {
  std::vector<const Post*> out;
  const Index* index = index_of(key);
  if (index == nullptr || until <= from) return out;
  std::int64_t last = std::min(now.unix_seconds, until - 1);
  for (auto it = index->lower_bound(Probe{last}); it != index->end() && seconds_of((*it)->post()) >= from;
       ++it) {
    out.push_back(&(*it)->post());
  }
  return out;
}

const Post* Catalog::newest_before(const FeedKey& key, const Timestamp& now,
                                   std::int64_t before) const {
  const Index* index = index_of(key);
  if (index == nullptr) return nullptr;
  auto it = index->lower_bound(Probe{std::min(now.unix_seconds, before - 1)});
  return it == index->end() ? nullptr : &(*it)->post();
}

const Post* Catalog::oldest_from(const FeedKey& key, const Timestamp& now,
                                 std::int64_t from) const {
  const Index* index = index_of(key);
  if (index == nullptr || from > now.unix_seconds) return nullptr;
  // The last element dated at or after `from`: just before the first dated before it.
  auto it = index->lower_bound(Probe{from - 1});
  if (it == index->begin()) return nullptr;
  --it;
  return seconds_of((*it)->post()) <= now.unix_seconds ? &(*it)->post() : nullptr;
}

bool Catalog::has_published(const FeedKey& key, const Timestamp& now) const {
  const Index* index = index_of(key);
  return index != nullptr && !index->empty() && seconds_of((*index->rbegin())->post()) <= now.unix_seconds;
}

std::string Catalog::feed_name(const FeedKey& key) const {
  if (key.kind == FeedKind::main) return "";
  const Index* index = index_of(key);
  if (index == nullptr) return "";
  const Record& oldest = **index->rbegin();
  if (key.kind == FeedKind::section) return oldest.post().section;
  std::string name;
  for (const std::string& tag : oldest.post().tags) {
    if (known_slug(tag) == key.slug) name = tag;
  }
  return name;
}

std::vector<std::string> Catalog::slugs(FeedKind kind, const Timestamp& now) const {
  std::vector<std::string> out;
  if (kind == FeedKind::main) return out;
  for (const auto& [slug, index] : kind == FeedKind::section ? sections_ : tags_) {
    if (seconds_of((*index.rbegin())->post()) <= now.unix_seconds) out.push_back(slug);
  }
  return out;
}

const std::string& Catalog::slug_of(const std::string& name) {
  auto it = slugs_.find(name);
  if (it == slugs_.end()) it = slugs_.emplace(name, feed_slug(name)).first;
  return it->second;
}

const std::string& Catalog::known_slug(const std::string& name) const {
  return slugs_.at(name);
}

void Catalog::add_to_indexes(const Record& record) {
  const Record* entry = &record;
  all_.insert(entry);
  const std::string& section = known_slug(record.post().section);
  if (!section.empty()) sections_[section].insert(entry);
  for (const std::string& tag : record.post().tags) {
    const std::string& slug = known_slug(tag);
    if (!slug.empty()) tags_[slug].insert(entry);  // a repeated slug inserts nothing
  }
}

void Catalog::remove_from_indexes(const Record& record) {
  const Record* entry = &record;
  all_.erase(entry);
  auto erase_from = [&entry](std::map<std::string, Index>& family, const std::string& slug) {
    auto it = family.find(slug);
    if (it == family.end()) return;  // a repeated tag slug, already gone
    it->second.erase(entry);
    if (it->second.empty()) family.erase(it);
  };
  const std::string& section = known_slug(record.post().section);
  if (!section.empty()) erase_from(sections_, section);
  for (const std::string& tag : record.post().tags) {
    const std::string& slug = known_slug(tag);
    if (!slug.empty()) erase_from(tags_, slug);
  }
}

const Catalog::Index* Catalog::index_of(const FeedKey& key) const {
  if (key.kind == FeedKind::main) return &all_;
  const auto& family = key.kind == FeedKind::section ? sections_ : tags_;
  auto it = family.find(key.slug);
  return it == family.end() ? nullptr : &it->second;
}

Catalog::Index::const_iterator Catalog::first_published(const Index& index, const Timestamp& now) {
  return index.lower_bound(Probe{now.unix_seconds});
}

}  // namespace herald
