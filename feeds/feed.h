// Feed and FeedEntry: everything a format writer needs, already resolved.
// Writers (rss_writer.h, atom_writer.h, json_feed_writer.h) are pure
// functions from a Feed to the bytes of one file; they never look at Post,
// configuration or the clock, so equal inputs give byte-identical output.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "feeds/timestamp.h"

namespace herald {

enum class FeedFormat { rss, atom, json };

struct FeedEntry {
  std::string id;            // stable entry id (tag: URI or front-matter override)
  bool id_is_permalink = false;  // RSS guid isPermaLink
  std::string url;           // absolute public URL of the post
  std::string title;         // plain text
  std::string summary;       // plain text, may be empty
  std::string content_html;  // sanitised HTML, every URL absolute; may be empty
  Timestamp published;
  Timestamp updated;         // == published when the post has no update date
  std::string author;        // never empty (site author as fallback)
  std::string section;       // empty: none
  std::vector<std::string> tags;
  std::string image_url;     // absolute, empty: none
  std::string image_alt;
  std::string image_type;    // media type guessed from the extension, e.g. image/png
  std::uint64_t image_length = 0;  // the image file's size in bytes, 0: unknown
};

struct FeedLink {
  FeedFormat format;
  std::string url;           // absolute URL of this feed in that format
  bool operator==(const FeedLink&) const = default;
};

struct Feed {
  std::string id;            // stable feed id (Atom feed/id)
  std::string title;
  std::string description;   // plain text
  std::string language;      // BCP 47 with a hyphen: es-MX
  std::string home_url;      // absolute URL of the page the feed is about
  std::string author;        // site author
  std::string icon_url;      // absolute or empty
  std::string logo_url;      // absolute or empty
  std::string generator_name;     // "herald"
  std::string generator_version;
  std::string generator_uri;
  std::vector<FeedLink> links;    // this feed in every format written (self is among them)
  std::vector<std::string> hubs;  // WebSub hubs, may be empty
  std::string stylesheet_url;     // href for <?xml-stylesheet?>, empty: none
  std::string section_scheme;     // Atom category scheme for sections (absolute URL)
  std::string tag_scheme;         // Atom category scheme for tags (absolute URL)
  bool full_content = true;       // false: summaries only
  // RFC 5005, written in Atom only. An archive document (fh:archive) names
  // the subscription document (`current`); both may link the archive
  // documents around them. Empty: no such link.
  bool archive = false;
  std::string current_url;
  std::string prev_archive_url;
  std::string next_archive_url;
  std::vector<FeedEntry> entries; // newest first, already limited
  // Feed-level updated: the newest entry's `updated`; a feed without entries
  // uses `empty_updated` (a fixed instant, never the build time).
  Timestamp updated() const;
  Timestamp empty_updated;

  // The URL of this feed in `format`, empty when that format is not written.
  std::string url_of(FeedFormat format) const;
};

}  // namespace herald
