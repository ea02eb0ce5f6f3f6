#include "feeds/archive_texts.h"

#include <algorithm>

#include "feeds/feed_writers.h"

namespace herald {

namespace {

// What write_atom_entry takes from the feed besides the entry.
std::string feed_context(const Feed& feed) {
  return feed.author + '\n' + feed.title + '\n' + feed.section_scheme + '\n' + feed.tag_scheme + '\n' +
         (feed.full_content ? "content" : "summary");
}

}  // namespace

std::string write_archive_month(Feed head, const std::vector<const Post*>& posts, const Catalog& catalog,
                                ArchiveTexts::Month& texts,
                                const std::function<FeedEntry(const Post&)>& make) {
  std::string context = feed_context(head);
  if (texts.feed_context != context) {
    texts.by_id.clear();
    texts.feed_context = std::move(context);
  }
  std::unordered_map<std::string, ArchiveTexts::Month::Entry> written;
  written.reserve(posts.size());
  std::vector<std::string_view> entries;
  entries.reserve(posts.size());
  for (const Post* post : posts) {
    const std::uint64_t revision = catalog.held_revision(*post);
    ArchiveTexts::Month::Entry entry;
    auto kept = texts.by_id.find(post->id);
    if (kept != texts.by_id.end() && kept->second.revision == revision) {
      entry = std::move(kept->second);
    } else {
      FeedEntry built = make(*post);
      entry = {revision, built.updated, write_atom_entry(head, built)};
    }
    // Feed::updated(): the newest of the entries' updated times.
    if (entries.empty() || entry.updated > head.empty_updated) head.empty_updated = entry.updated;
    // A node's address outlives the map's growth: the view stays valid.
    entries.push_back(written.insert_or_assign(post->id, std::move(entry)).first->second.text);
  }
  texts.by_id = std::move(written);
  head.entries.clear();
  return write_atom_with_entries(head, entries);
}

}  // namespace herald
