// SharedText: a string that copies share (shared_value.h), for a post's
// texts that are mostly empty or repeated (its author, its entry id
// override, its cased slug; its body, which a catalog does not keep): 16
// bytes in a post where a std::string takes 32, and once a catalog interns
// it, one copy of each author. Reads as a const std::string&.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

#include "feeds/shared_value.h"

namespace herald {

class SharedText {
 public:
  SharedText() = default;
  SharedText(std::string text) : text_(std::move(text)) {}  // NOLINT: a text is a SharedText
  SharedText(std::string_view text) : text_(std::string(text)) {}  // NOLINT
  SharedText(const char* text) : text_(std::string(text)) {}  // NOLINT

  const std::string& str() const { return text_.get(); }
  operator const std::string&() const { return str(); }  // NOLINT: reads as the string
  operator std::string_view() const { return str(); }  // NOLINT
  bool empty() const { return str().empty(); }
  std::size_t size() const { return str().size(); }
  const char* c_str() const { return str().c_str(); }
  void clear() { text_ = {}; }
  // The text, moved out when no copy shares it; this one is left empty.
  std::string take() { return text_.take(); }

  // Shares `pool`'s equal text.
  void share(Interner<std::string>& pool) { pool.intern(text_); }

  bool operator==(const SharedText& other) const { return text_ == other.text_; }
  friend bool operator==(const SharedText& a, std::string_view b) { return a.str() == b; }
  friend bool operator==(const SharedText& a, const std::string& b) { return a.str() == b; }
  friend bool operator==(const SharedText& a, const char* b) { return a.str() == b; }
  friend std::string operator+(const SharedText& a, std::string_view b) { return a.str() + std::string(b); }
  friend std::string operator+(std::string_view a, const SharedText& b) { return std::string(a) + b.str(); }
  friend std::ostream& operator<<(std::ostream& out, const SharedText& text) { return out << text.str(); }

 private:
  SharedValue<std::string> text_;
};

}  // namespace herald
