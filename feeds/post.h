// Post: one news item as read from the content directory, before rendering.
// Every string is valid UTF-8 with the characters XML forbids already removed,
// and no field holds an "absent" marker such as `nil` (absent is empty).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/front_matter_fields.h"
#include "feeds/shared_text.h"
#include "feeds/tag_list.h"
#include "feeds/timestamp.h"

namespace herald {

struct Image {
  std::string url;  // as written in front matter: site-relative or absolute
  SharedText alt;   // plain text, may be empty; read it as Post::image_alt()
  // The alt repeats the post's title (this site's front matter writes it
  // so) and is kept once: `alt` is empty. See Post::share_image_alt().
  bool alt_is_title = false;
};

struct Post {
  std::string source_path;  // relative to the content directory, '/' separated
  std::string id;           // identity (e.g. the news_id value); never empty
  SharedText guid;          // front-matter id/guid override, used verbatim as the entry id
  std::string title;        // plain text, never empty
  Timestamp date;           // publication instant
  std::optional<Timestamp> updated;
  SharedText author;        // empty: the site's author applies
  std::string summary;      // plain text, whitespace-trimmed, may be empty
  SharedText section;       // empty: none; shared by the catalog's posts of a section
  TagList tags;             // in front-matter order, duplicates removed
  std::optional<Image> image;
  // Permalink slugs. From front-matter `slug` or the Jekyll file name's
  // (trailing dots dropped), by Jekyll's rules (text.h jekyll_slugify):
  // slug() lower case, `title_slug` pretty and cased. Else from the title,
  // then the id, as ASCII (slugify), the same in both. `title_slug` is
  // empty when it equals the slug (most posts: the file name is lower case),
  // so that the catalog keeps the text once; read it as jekyll_title_slug().
  // The slug is not copied when it is the file name's slug as written
  // (most posts again): slug() reads it from source_path.
  std::string_view slug() const;
  // Sets the slug; source_path is set first (a post that moves to another
  // file is read again).
  void set_slug(std::string slug);
  SharedText title_slug;
  std::string_view jekyll_title_slug() const {
    return title_slug.empty() ? slug() : std::string_view(title_slug.str());
  }
  SharedText body;          // Markdown source; a catalog keeps posts without it
  // Every other scalar front-matter field that is not absent, by key, as
  // text (target templates use them): the keys the FieldMap maps
  // (and published, draft and the guid keys) are read into the members
  // above and not repeated here.
  FrontMatterFields fields;
  // The small members last, side by side (see the size check below).
  int body_line = 1;        // 1-based line of `body`'s first line in the file
  // The site zone's offset at `date`: permalink dates are the site's day,
  // as Jekyll's. Minutes, within ±1,440.
  std::int16_t site_offset_minutes = 0;
  bool draft = false;       // `published: false` or `draft: true`: never published
  bool slug_is_file_name = false;  // set_slug's: slug() is source_path's (slug_text is empty)
  SharedText slug_text;     // set_slug's, unless slug_is_file_name
  // The image's alt text: "" without an image.
  const std::string& image_alt() const {
    static const std::string none;
    if (!image) return none;
    return image->alt_is_title ? title : image->alt.str();
  }
  // Keeps an alt equal to the title once (the parser and the catalog store
  // call it when they make a post; image_alt() reads the same either way).
  void share_image_alt() {
    if (image && !image->alt.empty() && image->alt == title) {
      image->alt = SharedText();
      image->alt_is_title = true;
    }
  }
};

// A daemon holds every post of the site (a million, for some): a catalog
// record (the post and its revision) of 384 bytes takes a block of
// tcmalloc's 384-byte size class; 8 bytes more take 32 more.
static_assert(sizeof(Post) <= 376, "a Post grew: keep the catalog's record in 384 bytes");

}  // namespace herald
