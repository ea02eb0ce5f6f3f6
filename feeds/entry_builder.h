// Turns a Post into a FeedEntry: the public URL from the permalink pattern,
// the entry id from the template (or the post's guid override), the body
// rendered from Markdown and sanitised with every URL made absolute against
// the post's URL, the image URL made absolute with its media type, and the
// site author when the post has none.
#pragma once

#include <functional>
#include <string>

#include "feeds/feed.h"
#include "feeds/feed_settings.h"
#include "feeds/post.h"
#include "feeds/post_rules.h"

namespace herald {

// Absolute public URL of `post` under `site_url` (which ends with '/').
// Jekyll's placeholders, with Jekyll's values: :year :month :day
// :i_month :i_day :short_year :hour :minute :second (the post's instant in
// the site's time zone), :slug and :title (Post::slug, Post::jekyll_title_slug()),
// :categories (the section, lower case), :output_ext (".html"); and
// herald's :section (the section's ASCII slug) and :id. Slugs are
// percent-encoded as Jekyll's URL.escape_path does (RFC 3986 pchar kept).
std::string post_url(const Post& post, const std::string& site_url, const std::string& permalink);

// The entry id: post.guid when set, else `tmpl` with {host} (the site URL's
// host) and {id} (post.id) substituted. ASCII-only ids stay ASCII.
std::string entry_id(const Post& post, const std::string& site_url, const std::string& tmpl);

// `tmpl` with {host} and {id} substituted; `id` is inserted as given (it must
// already be ASCII and URI-safe). Feed ids use it with "feed/tag/<slug>".
std::string expand_id_template(const std::string& tmpl, const std::string& site_url,
                               const std::string& id);

// The post a file of the content directory holds (relative path), or
// nullptr: what Liquid's {% link %} and {% post_url %} name (liquid.h).
using PostByPath = std::function<const Post*(const std::string& path)>;

// `with_content` false skips Markdown rendering (summary-only feeds). With
// rules.liquid, the body's Liquid is rendered first (liquid.h), its links
// found through `find`.
FeedEntry build_entry(const Post& post, const SiteConfig& site, const PostRules& rules,
                      const FeedsConfig& feeds, bool with_content, const PostByPath& find = nullptr);

}  // namespace herald
