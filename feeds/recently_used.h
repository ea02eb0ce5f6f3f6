// RecentlyUsed: values by key, of which trim() keeps the most recently
// used: what a renderer keeps of the last months it wrote (archive_texts.h,
// sitemap_renderer.h) so that a change to one of them writes from it.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>

namespace herald {

template <class Key, class Value>
class RecentlyUsed {
 public:
  explicit RecentlyUsed(std::size_t kept) : kept_(kept) {}

  // The value of `key` (made empty the first time), now the most recently
  // used. The reference stays valid until trim() or clear().
  Value& use(const Key& key) {
    Slot& slot = slots_[key];
    slot.used = ++uses_;
    return slot.value;
  }
  // Drops the least recently used values beyond the number kept.
  void trim() {
    while (slots_.size() > kept_) {
      slots_.erase(std::min_element(slots_.begin(), slots_.end(),
                                    [](const auto& a, const auto& b) { return a.second.used < b.second.used; }));
    }
  }
  void clear() { slots_.clear(); }
  std::size_t size() const { return slots_.size(); }

 private:
  struct Slot {
    std::uint64_t used = 0;
    Value value;
  };
  std::map<Key, Slot> slots_;
  std::uint64_t uses_ = 0;
  std::size_t kept_;
};

}  // namespace herald
