// TagList: a post's tags (Post::tags), in front-matter order, duplicates
// removed; read as a const std::vector<std::string>. Posts with the same
// tags share one list once a catalog interns it (share()): at a million
// posts a vector of its own took 64 bytes a post beside its 24.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "feeds/shared_value.h"

namespace herald {

class TagList {
 public:
  using Tags = std::vector<std::string>;
  using const_iterator = Tags::const_iterator;

  TagList() = default;
  TagList(Tags tags) : tags_(std::move(tags)) {}  // NOLINT: a list of tags is a TagList
  TagList(std::initializer_list<std::string> tags) : tags_(Tags(tags)) {}

  const Tags& get() const { return tags_.get(); }
  operator const Tags&() const { return get(); }  // NOLINT: reads as the vector
  const_iterator begin() const { return get().begin(); }
  const_iterator end() const { return get().end(); }
  std::size_t size() const { return get().size(); }
  bool empty() const { return get().empty(); }
  const std::string& operator[](std::size_t i) const { return get()[i]; }
  const std::string& front() const { return get().front(); }
  const std::string& back() const { return get().back(); }

  void push_back(std::string tag) { tags_.edit().push_back(std::move(tag)); }
  void clear() { tags_ = {}; }

  // Shares `pool`'s equal list.
  void share(Interner<Tags>& pool) { pool.intern(tags_); }

  bool operator==(const TagList& other) const { return tags_ == other.tags_; }
  bool operator==(const Tags& other) const { return get() == other; }

 private:
  SharedValue<Tags> tags_;
};

}  // namespace herald
