// The three format writers. Each is a pure function of the Feed: the same
// Feed gives the same bytes. XML is built with pugixml and JSON with
// Boost.JSON, never by string concatenation. See shared/docs/feeds.md for
// the rules each one follows.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "feeds/feed.h"

namespace herald {

// RSS 2.0 with content:encoded, dc:creator, atom:link self/hub, media:content.
std::string write_rss(const Feed& feed);
// Atom 1.0 (RFC 4287): author/name on every entry, category schemes.
std::string write_atom(const Feed& feed);
// The same document from entries written apart, so that a large document
// can reuse the text of entries that did not change (archive months):
// write_atom_entry(feed, entry) is the entry as write_atom(feed) writes it
// (the feed's author, schemes and content setting apply), and
// write_atom_with_entries(head, texts) is write_atom of `head` with those
// entries, in order. `head` holds no entries; its empty_updated is what
// Feed::updated() says with them.
std::string write_atom_entry(const Feed& feed, const FeedEntry& entry);
std::string write_atom_with_entries(const Feed& head, const std::vector<std::string_view>& entries);
// JSON Feed 1.1.
std::string write_json_feed(const Feed& feed);

std::string write_feed(const Feed& feed, FeedFormat format);

// The XSL stylesheet that makes RSS and Atom feeds read as a page in a
// browser, with its labels in the site's language (Spanish for "es*",
// English otherwise).
std::string write_stylesheet(const std::string& language);

}  // namespace herald
