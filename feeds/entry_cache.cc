#include "feeds/entry_cache.h"

namespace herald {

const FeedEntry* EntryCache::find(const std::string& id, std::uint64_t revision,
                                  bool with_content) const {
  auto it = entries_.find(id);
  if (it == entries_.end() || it->second.revision != revision) return nullptr;
  if (with_content && !it->second.with_content) return nullptr;
  return &it->second.entry;
}

void EntryCache::store(const std::string& id, std::uint64_t revision, bool with_content,
                       FeedEntry entry) {
  entries_.insert_or_assign(id, Cached{revision, with_content, std::move(entry)});
}

void EntryCache::forget(const std::string& id) { entries_.erase(id); }

void EntryCache::set_members(const FeedKey& key, std::vector<std::string> ids) {
  Members lists;
  lists.emplace_back(key, std::move(ids));
  set_members(std::move(lists));
}

void EntryCache::set_members(Members lists) {
  std::vector<std::vector<std::string>> old;
  for (auto& [key, ids] : lists) {
    for (const std::string& id : ids) ++listings_[id];
    auto it = members_.find(key);
    if (it != members_.end()) {
      old.push_back(std::move(it->second));
      members_.erase(it);
    }
    if (!ids.empty()) members_.emplace(key, std::move(ids));
  }
  for (const std::vector<std::string>& ids : old) unlist(ids);
}

void EntryCache::unlist(const std::vector<std::string>& ids) {
  for (const std::string& id : ids) {
    auto count = listings_.find(id);
    if (--count->second > 0) continue;
    listings_.erase(count);
    entries_.erase(id);
  }
}

std::vector<FeedKey> EntryCache::feeds() const {
  std::vector<FeedKey> keys;
  for (const auto& [key, ids] : members_) keys.push_back(key);
  return keys;
}

}  // namespace herald
