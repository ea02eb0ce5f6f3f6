// PostRules: how front matter maps onto a Post, taken from the `content`
// section of the configuration. The defaults are Jekyll's conventions.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "feeds/markdown_limits.h"

namespace herald {

struct FieldMap {
  std::string id;                      // e.g. "news_id"; empty: identity from the file name
  std::string title = "title";
  std::string date = "date";
  std::string updated = "last_modified_at";
  std::string author = "author";
  std::string summary = "description";
  std::string section = "section";
  std::string tags = "tags";
  std::string image = "image";         // a string, or a map with `path`/`url` and `alt`
  std::string image_alt = "alt";
  std::vector<std::string> guid = {"guid", "id"};  // overrides of the entry id
};

struct PostRules {
  FieldMap fields;
  // Public URL of a post, relative to the site URL (or absolute).
  // Placeholders: Jekyll's (:year :month :day in the site's time zone,
  // :slug, :title, ...) and herald's :id and :section; entry_builder.h
  // post_url lists them.
  std::string permalink = "/:year/:month/:day/:slug/";
  // content.excerpt_separator: a post without a description gets the text
  // before it as its summary (Jekyll's; a post's own key wins).
  std::string excerpt_separator = "\n\n";
  // content.liquid: the common Liquid tags of Jekyll sites are rendered in
  // bodies (liquid.h) and the others reported.
  bool liquid = true;
  // Scalar values that mean "absent" (compared after trimming, case-insensitive).
  std::vector<std::string> absent_values = {"nil", "null", "~", ""};
  std::size_t max_bytes = 1024 * 1024;    // content.max_bytes: larger files are refused
  int max_depth = 32;                     // front-matter nesting limit
  std::size_t max_nodes = 10000;          // content.max_front_matter_nodes (alias bombs)
  std::size_t max_tags = 100;             // content.max_tags: tags per post
  std::size_t max_tag_bytes = 100;        // content.max_tag_bytes: bytes per tag
  MarkdownLimits markdown;                // content.markdown.*
  // `herald check` only: an image without alt text is a warning (its
  // announcements describe it with the post's title instead).
  bool warn_missing_alt = false;
};

}  // namespace herald
