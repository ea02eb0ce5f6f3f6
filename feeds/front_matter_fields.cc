#include "feeds/front_matter_fields.h"

#include <stdexcept>

namespace herald {
namespace {

// Lengths as LEB128 varints: one byte below 128.
void put_length(std::string& out, std::size_t n) {
  while (n >= 0x80) {
    out += static_cast<char>((n & 0x7f) | 0x80);
    n >>= 7;
  }
  out += static_cast<char>(n);
}

std::string_view take_text(const char*& at) {
  std::size_t n = 0;
  for (int shift = 0;; shift += 7) {
    auto byte = static_cast<unsigned char>(*at++);
    n |= static_cast<std::size_t>(byte & 0x7f) << shift;
    if (byte < 0x80) break;
  }
  std::string_view text(at, n);
  at += n;
  return text;
}

}  // namespace

FrontMatterFields::Field FrontMatterFields::Iterator::operator*() const {
  const char* at = at_;
  std::string_view key = take_text(at);
  return {key, take_text(at)};
}

FrontMatterFields::Iterator& FrontMatterFields::Iterator::operator++() {
  take_text(at_);
  take_text(at_);
  return *this;
}

FrontMatterFields::Iterator FrontMatterFields::Iterator::operator++(int) {
  Iterator was = *this;
  ++*this;
  return was;
}

FrontMatterFields::FrontMatterFields(std::initializer_list<Field> fields) {
  for (const auto& [key, value] : fields) emplace(key, value);
}

std::size_t FrontMatterFields::position(std::string_view key, bool* found) const {
  *found = false;
  for (Iterator it = begin(); it != end(); ++it) {
    std::string_view here = (*it).first;
    if (here >= key) {
      *found = here == key;
      return static_cast<std::size_t>(it.at_ - text().data());
    }
  }
  return text().size();
}

void FrontMatterFields::splice(std::size_t offset, std::size_t replaced, std::string_view key,
                               std::string_view value) {
  std::string field;
  put_length(field, key.size());
  field += key;
  put_length(field, value.size());
  field += value;
  // Built anew at its size: a string grown in place keeps spare capacity.
  std::string next;
  next.reserve(text().size() - replaced + field.size());
  next.append(text(), 0, offset);
  next += field;
  next.append(text(), offset + replaced);
  packed_ = SharedValue<std::string>(std::move(next));
}

bool FrontMatterFields::emplace(std::string_view key, std::string_view value) {
  bool found = false;
  std::size_t offset = position(key, &found);
  if (found) return false;
  splice(offset, 0, key, value);
  return true;
}

void FrontMatterFields::set(std::string_view key, std::string_view value) {
  bool found = false;
  std::size_t offset = position(key, &found);
  std::size_t replaced = 0;
  if (found) {
    Iterator next(text().data() + offset);
    ++next;
    replaced = static_cast<std::size_t>(next.at_ - text().data()) - offset;
  }
  splice(offset, replaced, key, value);
}

std::optional<std::string_view> FrontMatterFields::find(std::string_view key) const {
  for (const auto& [here, value] : *this) {
    if (here == key) return value;
  }
  return std::nullopt;
}

std::string_view FrontMatterFields::at(std::string_view key) const {
  std::optional<std::string_view> value = find(key);
  if (!value) throw std::out_of_range("no front-matter field '" + std::string(key) + "'");
  return *value;
}

std::size_t FrontMatterFields::size() const {
  std::size_t n = 0;
  for (Iterator it = begin(); it != end(); ++it) ++n;
  return n;
}

}  // namespace herald
