// Catalog: every readable post of the site, keyed by identity, with the
// file it came from. The daemon keeps one in memory and updates it per file;
// `herald build` fills one from a full scan.
//
// Identity is Post::id. Two files claiming one id: the first one added keeps
// it (callers add in sorted path order, so the choice is stable) and the
// second is refused with a diagnostic naming both files.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "feeds/diagnostic.h"
#include "feeds/post.h"

namespace herald {

class Catalog {
 public:
  // Adds or replaces the post that `post.source_path` holds. A file that
  // used to hold another id gives that id up. Returns a diagnostic (and
  // changes nothing) when another file already holds post.id.
  std::optional<Diagnostic> upsert(Post post);

  // Forgets whatever post `source_path` held. Returns the id it held, if any.
  std::optional<std::string> remove_path(const std::string& source_path);

  const Post* find(const std::string& id) const;
  const Post* find_by_path(const std::string& source_path) const;
  std::size_t size() const { return by_id_.size(); }

  // Posts visible in feeds at `now`: not drafts, dated at or before `now`;
  // newest first, ties broken by id so the order is total and stable.
  std::vector<const Post*> published(const Timestamp& now) const;

  // Drafts excluded, posts dated after `now`, earliest first (the daemon
  // schedules them).
  std::vector<const Post*> scheduled(const Timestamp& now) const;

 private:
  std::map<std::string, Post> by_id_;
  std::map<std::string, std::string> id_by_path_;
};

}  // namespace herald
