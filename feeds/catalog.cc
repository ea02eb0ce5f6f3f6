#include "feeds/catalog.h"

#include <algorithm>

namespace herald {
namespace {

// Newest first; equal dates are ordered by id so the order is total.
bool newer_first(const Post* a, const Post* b) {
  if (a->date.unix_seconds != b->date.unix_seconds) {
    return a->date.unix_seconds > b->date.unix_seconds;
  }
  return a->id < b->id;
}

}  // namespace

std::optional<Diagnostic> Catalog::upsert(Post post) {
  auto holder = by_id_.find(post.id);
  if (holder != by_id_.end() && holder->second.source_path != post.source_path) {
    return Diagnostic{post.source_path, 0, 0,
                      "duplicate id '" + post.id + "': " + holder->second.source_path +
                          " already has it; give one of the two posts another id"};
  }
  remove_path(post.source_path);
  id_by_path_[post.source_path] = post.id;
  std::string id = post.id;
  by_id_.insert_or_assign(std::move(id), std::move(post));
  return std::nullopt;
}

std::optional<std::string> Catalog::remove_path(const std::string& source_path) {
  auto it = id_by_path_.find(source_path);
  if (it == id_by_path_.end()) return std::nullopt;
  std::string id = std::move(it->second);
  id_by_path_.erase(it);
  by_id_.erase(id);
  return id;
}

const Post* Catalog::find(const std::string& id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &it->second;
}

const Post* Catalog::find_by_path(const std::string& source_path) const {
  auto it = id_by_path_.find(source_path);
  return it == id_by_path_.end() ? nullptr : find(it->second);
}

std::vector<const Post*> Catalog::published(const Timestamp& now) const {
  std::vector<const Post*> out;
  out.reserve(by_id_.size());
  for (const auto& [id, post] : by_id_) {
    if (!post.draft && post.date <= now) out.push_back(&post);
  }
  std::sort(out.begin(), out.end(), newer_first);
  return out;
}

std::vector<const Post*> Catalog::scheduled(const Timestamp& now) const {
  std::vector<const Post*> out;
  for (const auto& [id, post] : by_id_) {
    if (!post.draft && post.date > now) out.push_back(&post);
  }
  std::sort(out.begin(), out.end(), [](const Post* a, const Post* b) { return newer_first(b, a); });
  return out;
}

}  // namespace herald
