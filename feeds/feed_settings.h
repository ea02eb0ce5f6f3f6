// Site and feed settings: the parts of the configuration the pure core
// needs to turn posts into feeds. config/ loads and validates them.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "feeds/feed.h"

namespace herald {

struct SiteConfig {
  std::string title;
  std::string url;          // absolute http(s) URL, always ends with '/'
  std::string description;
  std::string language = "en";  // BCP 47, normalised to use '-'
  std::string author;
  std::string timezone = "UTC";  // IANA name, checked against ICU
  std::string icon;         // site-relative or absolute, may be empty
  std::string logo;
  // site.static_dir: the directory the site's own files (images) are served
  // from, absolute; a post's site-relative image (/uploads/a.png) is read
  // from it before any fetch. Empty: none.
  std::string static_dir;
};

enum class FeedContent { full, summary };

// One family of feeds: the main feed, or one feed per section / per tag.
struct FeedFamilyConfig {
  bool enabled = true;
  std::string dir;          // output sub-directory; families use `{slug}` in it
  std::string title;        // families use `{name}` in it; empty: derived
  std::vector<FeedFormat> formats = {FeedFormat::rss, FeedFormat::atom, FeedFormat::json};
  int limit = 50;
  FeedContent content = FeedContent::full;
  // RFC 5005 archive documents, one per month (archive_plan.h); Atom only.
  bool archive = false;
};

struct FeedsConfig {
  static FeedFamilyConfig with_archive() {
    FeedFamilyConfig family;
    family.archive = true;
    return family;
  }

  FeedFamilyConfig main = with_archive();  // dir "" by default
  FeedFamilyConfig sections;  // dir "sections/{slug}/"
  FeedFamilyConfig tags;      // dir "tags/{slug}/"
  std::string rss_file = "rss.xml";
  std::string atom_file = "atom.xml";
  std::string json_file = "feed.json";
  // Entry id template: {host}, {id}; a front-matter guid/id overrides it.
  std::string entry_id = "tag:{host},2000:{id}";
  bool stylesheet = true;     // write feed.xsl and reference it from XML feeds
  // Sitemaps (sitemap_writer.h): sitemap.xml, an index of one sitemap per
  // month of posts, and news-sitemap.xml, the posts of the last two days.
  bool sitemap = true;
  bool news_sitemap = true;
  // feeds.pages: an HTML page per feed (feed_page.h), written in the feed's
  // directory as `page_file` and served by herald at the feed's URLs to
  // browsers (content negotiation).
  bool pages = true;
  std::string page_file = "feed.html";
  std::vector<std::string> hubs;  // WebSub hub URLs advertised with rel="hub"
  // feeds.max_feeds: section and tag feeds together (enabled families
  // only). A post that would add one more is refused (catalog.h).
  std::size_t max_feeds = 10'000;
};

}  // namespace herald
