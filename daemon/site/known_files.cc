#include "daemon/site/known_files.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <stdexcept>
#include <utility>

namespace herald {

std::size_t KnownFiles::PathHash::operator()(std::uint32_t entry) const {
  return (*this)(files->path(files->entries_[entry]));
}

std::size_t KnownFiles::PathHash::operator()(std::string_view path) const {
  return std::hash<std::string_view>()(path);
}

bool KnownFiles::PathEqual::operator()(std::uint32_t a, std::uint32_t b) const {
  return files->path(files->entries_[a]) == files->path(files->entries_[b]);
}

bool KnownFiles::PathEqual::operator()(std::string_view a, std::uint32_t b) const {
  return a == files->path(files->entries_[b]);
}

bool KnownFiles::PathEqual::operator()(std::uint32_t a, std::string_view b) const {
  return files->path(files->entries_[a]) == b;
}

std::uint32_t KnownFiles::Arena::append(std::string_view path) {
  if (path.empty()) return 0;
  if (path.size() > tail_size - tail_used) {
    if (chunks.size() >= (std::size_t{1} << (32 - kChunkBits))) {
      throw std::length_error("known files: more than 4 GiB of paths");
    }
    tail_size = std::max(kChunkBytes, path.size());  // a longer path has a chunk of its own
    chunks.push_back(std::make_unique_for_overwrite<char[]>(tail_size));
    tail_used = 0;
    bytes += tail_size;
  }
  std::memcpy(chunks.back().get() + tail_used, path.data(), path.size());
  auto at = static_cast<std::uint32_t>((chunks.size() - 1) << kChunkBits | tail_used);
  tail_used += path.size();
  return at;
}

KnownFiles::KnownFiles() : index_(0, PathHash{this}, PathEqual{this}) {}

KnownFiles::~KnownFiles() = default;

std::string_view KnownFiles::path(const Entry& entry) const {
  if (entry.length == 0) return {};
  const char* chunk = arena_.chunks[entry.at >> kChunkBits].get();
  return {chunk + (entry.at & (kChunkBytes - 1)), entry.length};
}

const KnownFile* KnownFiles::find(std::string_view path) const {
  auto it = index_.find(path);
  return it == index_.end() ? nullptr : &entries_[*it].file;
}

KnownFile* KnownFiles::find(std::string_view path) {
  return const_cast<KnownFile*>(std::as_const(*this).find(path));
}

std::uint32_t KnownFiles::set(std::string_view path, const KnownFile& file) {
  if (auto it = index_.find(path); it != index_.end()) {
    entries_[*it].file = file;
    return *it;
  }
  if (path.size() >= kFree || entries_.size() >= kNone) {
    throw std::length_error("known files: too long a path or too many files");
  }
  Entry entry{file, arena_.append(path), static_cast<std::uint32_t>(path.size())};
  std::uint32_t id = free_;
  if (id != kNone) {
    free_ = entries_[id].at;
    entries_[id] = entry;
  } else {
    // Past a reserve() that fit the load, grow by a quarter, not double.
    if (entries_.size() == entries_.capacity()) {
      entries_.reserve(entries_.size() + entries_.size() / 4 + 16);
    }
    id = static_cast<std::uint32_t>(entries_.size());
    entries_.push_back(entry);
  }
  index_.insert(id);
  ++size_;
  live_bytes_ += path.size();
  return id;
}

bool KnownFiles::erase(std::string_view path) {
  auto it = index_.find(path);
  if (it == index_.end()) return false;
  std::uint32_t id = *it;
  index_.erase(it);
  Entry& entry = entries_[id];
  live_bytes_ -= entry.length;
  garbage_bytes_ += entry.length;
  entry.length = kFree;
  entry.at = free_;
  free_ = id;
  --size_;
  if (garbage_bytes_ > kChunkBytes && garbage_bytes_ > live_bytes_) compact();
  return true;
}

void KnownFiles::reserve(std::size_t files) {
  entries_.reserve(files);
  index_.reserve(files);
}

std::size_t KnownFiles::capacity() const {
  const auto index_room = static_cast<std::size_t>(static_cast<double>(index_.bucket_count()) *
                                                    static_cast<double>(index_.max_load_factor()));
  return std::min(entries_.capacity(), index_room);
}

std::size_t KnownFiles::arena_bytes() const { return arena_.bytes; }

// The live entries, renumbered, with their paths in a new arena; the index
// made again over them (a path's hash does not depend on where it is).
void KnownFiles::compact() {
  std::vector<Entry> live;
  live.reserve(size_);
  Arena arena;
  for (const Entry& entry : entries_) {
    if (entry.length == kFree) continue;
    live.push_back({entry.file, arena.append(path(entry)), entry.length});
  }
  entries_ = std::move(live);
  arena_ = std::move(arena);
  free_ = kNone;
  garbage_bytes_ = 0;
  index_ = decltype(index_)(size_, PathHash{this}, PathEqual{this});
  for (std::uint32_t id = 0; id < entries_.size(); ++id) index_.insert(id);
}

}  // namespace herald
