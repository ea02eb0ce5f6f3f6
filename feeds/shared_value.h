// SharedValue: a value that copies share instead of duplicating, for what
// many posts hold equal (their tags, their other front-matter fields); an
// Interner makes equal values one, so that a catalog of a million posts
// keeps each distinct value once. A value is never changed while shared:
// edit() gives the holder a copy of its own first.
//
// Reading is get(); a default SharedValue is an empty T and allocates
// nothing. Copies on several threads are safe as shared_ptr's are: each
// thread changes only its own SharedValue objects.
#pragma once

#include <algorithm>
#include <cstddef>
#include <memory>
#include <utility>

#include <boost/container_hash/hash.hpp>
#include <boost/unordered/unordered_flat_set.hpp>

namespace herald {

template <class T>
class Interner;

template <class T>
class SharedValue {
 public:
  SharedValue() = default;
  explicit SharedValue(T value) {
    if (!(value == T())) value_ = std::make_shared<T>(std::move(value));
  }

  const T& get() const { return value_ ? *value_ : empty(); }
  // The value, this holder's own (copied if another holder shares it).
  T& edit() {
    if (!value_) value_ = std::make_shared<T>();
    else if (value_.use_count() > 1) value_ = std::make_shared<T>(*value_);
    return *value_;
  }
  // Takes the value out (moved when no other holder shares it, else
  // copied), leaving this holder empty.
  T take() {
    if (!value_) return T();
    T value = value_.use_count() > 1 ? T(*value_) : std::move(*value_);
    value_.reset();
    return value;
  }

  bool operator==(const SharedValue& other) const { return value_ == other.value_ || get() == other.get(); }

 private:
  friend class Interner<T>;
  static const T& empty() {
    static const T none;
    return none;
  }
  std::shared_ptr<T> value_;  // null: an empty T
};

// Keeps one copy of each distinct value it is given; values no holder
// shares any more are dropped as the pool grows (each time it doubles).
// Not thread-safe: one owner (a catalog) interns.
template <class T>
class Interner {
 public:
  // Makes `value` share the pool's equal value, adding it when new.
  void intern(SharedValue<T>& value) {
    if (!value.value_) return;
    auto [at, added] = values_.insert(value.value_);
    if (!added) {
      value.value_ = *at;
      return;
    }
    if (values_.size() >= 2 * kept_after_prune_) prune();
  }
  std::size_t size() const { return values_.size(); }

 private:
  void prune() {
    boost::unordered::erase_if(values_, [](const std::shared_ptr<T>& v) { return v.use_count() == 1; });
    kept_after_prune_ = std::max<std::size_t>(values_.size(), 512);
  }
  struct ByValue {
    std::size_t operator()(const std::shared_ptr<T>& v) const { return boost::hash<T>()(*v); }
    bool operator()(const std::shared_ptr<T>& a, const std::shared_ptr<T>& b) const { return *a == *b; }
  };
  boost::unordered_flat_set<std::shared_ptr<T>, ByValue, ByValue> values_;
  std::size_t kept_after_prune_ = 512;
};

}  // namespace herald
