// ArchiveTexts: the Atom text of each entry of the archive months that
// changes rendered last, by post id and revision, so that a post added to a
// month of thousands writes that month's document from the text of the
// others (write_atom_with_entries) instead of writing every entry again.
// At 1,000,000 posts a month holds about 7,000 entries: written whole, a
// new post's change took 250-350 ms.
//
// A few months are kept (kMonthsKept, about 10 MB each at that size): the
// month a site's new posts go to, and the one before, whose links a new
// month changes. Not thread-safe; a month's texts may be written by one
// thread while others write other months'.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "feeds/archive_plan.h"
#include "feeds/catalog.h"
#include "feeds/feed.h"
#include "feeds/feed_key.h"
#include "feeds/post.h"
#include "feeds/recently_used.h"

namespace herald {

class ArchiveTexts {
 public:
  static constexpr std::size_t kMonthsKept = 4;

  // One month's entries as last written.
  struct Month {
    // What the entries' text takes from the feed (its author and title,
    // the category schemes, whether it carries content): when it differs,
    // no text is reused.
    std::string feed_context;
    struct Entry {
      std::uint64_t revision = 0;  // Catalog::revision of the post written
      Timestamp updated;           // its FeedEntry::updated
      std::string text;            // write_atom_entry
    };
    std::unordered_map<std::string, Entry> by_id;
  };

  // The texts of `month` of feed `key` (empty the first time), now the most
  // recently used. The reference stays valid until trim().
  Month& month(const FeedKey& key, ArchiveMonth month) { return months_.use({key, month}); }
  // Drops the least recently used months beyond kMonthsKept.
  void trim() { months_.trim(); }
  std::size_t months() const { return months_.size(); }

 private:
  RecentlyUsed<std::pair<FeedKey, ArchiveMonth>, Month> months_{kMonthsKept};
};

// The archive document of `head` (the month's header: no entries) listing
// `posts` in order, byte for byte what write_atom gives with every entry
// built again: a post's text comes from `texts` when the catalog's revision
// of it is the one written, else from `make(post)`. `texts` then holds these
// posts' texts only. `posts` is not empty. Every archive month is written
// so (with a scratch Month when none is kept): entry by entry, a month of
// thousands takes half the memory of one document of all its entries.
std::string write_archive_month(Feed head, const std::vector<const Post*>& posts, const Catalog& catalog,
                                ArchiveTexts::Month& texts,
                                const std::function<FeedEntry(const Post&)>& make);

}  // namespace herald
