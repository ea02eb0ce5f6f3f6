// FrontMatterFields: the scalar front-matter fields of a post that no Post
// member holds (Post::fields), key -> text, for target templates, Liquid
// and target filters. Each key once, iterated in key order (bytewise, as a
// std::map<std::string, std::string> orders them).
//
// A daemon holds every post: the fields are packed in one string (each key
// and value after its length), one allocation where a map of the two or
// three fields a post has took one node per field, and posts with the same
// fields share that string once a catalog interns it (share()). Lookups are
// linear: a post has a few fields.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "feeds/shared_value.h"

namespace herald {

class FrontMatterFields {
 public:
  using Field = std::pair<std::string_view, std::string_view>;  // key, value

  // Reads the fields in key order; valid while the fields are unchanged.
  class Iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = Field;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = Field;

    Iterator() = default;
    Field operator*() const;
    Iterator& operator++();
    Iterator operator++(int);
    bool operator==(const Iterator& other) const { return at_ == other.at_; }

   private:
    friend class FrontMatterFields;
    explicit Iterator(const char* at) : at_(at) {}
    const char* at_ = nullptr;
  };

  FrontMatterFields() = default;
  // emplace() of each, in order.
  FrontMatterFields(std::initializer_list<Field> fields);

  // Adds `key` with `value` unless the key is there already (that value
  // stays, as std::map::emplace). Returns whether it was added.
  bool emplace(std::string_view key, std::string_view value);
  // Adds `key` with `value`, or gives the key that value.
  void set(std::string_view key, std::string_view value);

  // The value of `key`, or nullopt.
  std::optional<std::string_view> find(std::string_view key) const;
  // The value of `key`; throws std::out_of_range when there is none.
  std::string_view at(std::string_view key) const;
  bool contains(std::string_view key) const { return find(key).has_value(); }

  std::size_t size() const;
  bool empty() const { return text().empty(); }
  Iterator begin() const { return Iterator(text().data()); }
  Iterator end() const { return Iterator(text().data() + text().size()); }

  // Shares `pool`'s equal fields.
  void share(Interner<std::string>& pool) { pool.intern(packed_); }

  // The same keys with the same values.
  bool operator==(const FrontMatterFields& other) const = default;

 private:
  // Where `key`'s field starts, or where it would go; `found` says which.
  std::size_t position(std::string_view key, bool* found) const;
  // Inserts the field at `offset`, replacing `replaced` bytes there.
  void splice(std::size_t offset, std::size_t replaced, std::string_view key, std::string_view value);

  const std::string& text() const { return packed_.get(); }
  // Per field: varint key length, key, varint value length, value.
  SharedValue<std::string> packed_;
};

}  // namespace herald
