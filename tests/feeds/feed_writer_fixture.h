// Helpers of the feed writer suites (rss_writer_test.cc, atom_writer_test.cc,
// json_feed_writer_test.cc, stylesheet_test.cc): a Feed built by hand from
// the seed post's data, and real consumers run on a written file.
#pragma once

#include <string>

#include "feeds/feed.h"

namespace herald::test {

// The entry of the seed post (shared/seed/000_cd72f1639913488c.txt) as the
// entry builder gives it: content with accents, a literal "]]>" and a "<".
FeedEntry seed_entry();

// The seed site's main feed listing seed_entry(), in all three formats,
// with one WebSub hub and the stylesheet.
Feed seed_feed();

// True when `text` holds `fragment`.
bool contains(const std::string& text, const std::string& fragment);

// True when write_feed(seed_feed(), format) gives `bytes` again, twice, and
// for a copy of the Feed (the writers are deterministic).
bool rewrites_same_bytes(FeedFormat format, const std::string& bytes);

// Runs `xmllint --noout` on `path`; "" when it is well-formed, else why not.
std::string xmllint_errors(const std::string& path);

// What python3-feedparser reads from `path`, one "key=value" line each:
// bozo, feed title, then the first entry's title, link, id, published and
// published_parsed (as Unix seconds) and author.
std::string feedparser_view(const std::string& path);

// feedparser_view of a seed_feed() file whose entry date reads `published`.
std::string seed_feedparser_view(const std::string& published);

}  // namespace herald::test
