#include "feeds/liquid.h"
#include "feeds/entry_builder.h"

#include <algorithm>
#include <array>
#include <boost/url.hpp>
#include <string_view>

#include "feeds/html_sanitizer.h"
#include "feeds/markdown.h"
#include "feeds/safe_url.h"
#include "feeds/string_util.h"
#include "feeds/text.h"

namespace herald {
namespace {

std::string two_digits(int n) {
  std::string s = std::to_string(n);
  return s.size() < 2 ? "0" + s : s;
}

// boost::urls::encode, with a copy when nothing needs encoding (most
// slugs and ids: every post's permalink passes here, twice in a build).
std::string encode(std::string_view text, const boost::urls::grammar::lut_chars& allowed) {
  if (std::all_of(text.begin(), text.end(), [&allowed](char c) { return allowed(c); })) {
    return std::string(text);
  }
  return boost::urls::encode(text, allowed);
}

// Percent-encodes everything but RFC 3986 unreserved characters, so an id
// or section is one safe path segment and ids stay ASCII.
std::string encode_segment(std::string_view text) { return encode(text, boost::urls::unreserved_chars); }

// Percent-encodes what a path segment cannot hold as it is (RFC 3986
// pchar kept), as Jekyll's URL.escape_path does: "Jekyll-(3.0)" stays.
std::string encode_jekyll_segment(std::string_view text) { return encode(text, boost::urls::pchars); }

std::string image_media_type(std::string_view url) {
  std::string_view path = url.substr(0, url.find_first_of("?#"));
  std::size_t dot = path.rfind('.');
  if (dot == std::string_view::npos) return "image/jpeg";
  std::string ext(path.substr(dot + 1));
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kTypes{{
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"gif", "image/gif"},
      {"webp", "image/webp"},
      {"avif", "image/avif"},
      {"svg", "image/svg+xml"},
      {"bmp", "image/bmp"},
  }};
  for (const auto& [e, type] : kTypes) {
    if (ext == e) return std::string(type);
  }
  return "image/jpeg";
}

// The base to resolve a post's image against: its URL, or the site's when
// that gives the same result. A site-relative image ("/uploads/a.png")
// keeps only the base's origin, and a post on the site's origin shares it;
// the site's URL is parsed once per thread (safe_url.cc), each post's URL
// would be parsed for its image alone.
const std::string& image_base(const std::string& image, const std::string& post_url, const std::string& site_url) {
  if (!image.starts_with('/') || image.starts_with("//")) return post_url;
  thread_local std::string last_site;
  thread_local std::string origin_slash;  // "https://host/"
  if (origin_slash.empty() || last_site != site_url) {
    origin_slash = resolve_url(site_url, "/");
    last_site = site_url;
  }
  const bool same_origin = origin_slash.find("://") != std::string::npos && origin_slash.ends_with('/') &&
                           post_url.starts_with(origin_slash);
  return same_origin ? site_url : post_url;
}

}  // namespace

std::string post_url(const Post& post, const std::string& site_url, const std::string& permalink) {
  // Dates are the site's calendar day and clock, as Jekyll's (the instant in
  // the site's zone, whatever offset the post was written with).
  const Timestamp local{post.date.unix_seconds, post.site_offset_minutes};
  // No name is a prefix of another, so the first match is the placeholder.
  // A value is computed only when the permalink names it.
  static constexpr std::array<std::string_view, 15> kNames{
      ":section", ":categories", ":month", ":i_month", ":year",   ":short_year", ":day",
      ":i_day",   ":hour",       ":minute", ":second", ":slug",   ":title",      ":id",
      ":output_ext"};
  auto value = [&](std::size_t placeholder) -> std::string {
    switch (placeholder) {
      case 0: return encode_segment(feed_slug(post.section));
      case 1: return encode_jekyll_segment(lower_case(post.section));
      case 2: return two_digits(local.month());
      case 3: return std::to_string(local.month());
      case 4: return std::to_string(local.year());
      case 5: return two_digits(local.year() % 100);
      case 6: return two_digits(local.day());
      case 7: return std::to_string(local.day());
      case 8: return two_digits(local.hour());
      case 9: return two_digits(local.minute());
      case 10: return two_digits(local.second());
      case 11: return encode_jekyll_segment(post.slug());
      case 12: return encode_jekyll_segment(post.jekyll_title_slug());
      case 13: return encode_segment(post.id);
      default: return ".html";
    }
  };
  std::string path;
  for (std::size_t i = 0; i < permalink.size();) {
    bool matched = false;
    if (permalink[i] == ':') {
      for (std::size_t n = 0; n < kNames.size(); ++n) {
        if (permalink.compare(i, kNames[n].size(), kNames[n]) == 0) {
          path += value(n);
          i += kNames[n].size();
          matched = true;
          break;
        }
      }
    }
    if (!matched) path += permalink[i++];
  }
  // An empty :section leaves "//" behind: fold it (after any scheme).
  std::size_t scheme_end = path.find("://");
  std::size_t from = scheme_end == std::string::npos ? 0 : scheme_end + 3;
  for (std::size_t pos = path.find("//", from); pos != std::string::npos;
       pos = path.find("//", pos)) {
    path.erase(pos, 1);
  }
  return resolve_url(site_url, path);
}

std::string entry_id(const Post& post, const std::string& site_url, const std::string& tmpl) {
  if (!post.guid.empty()) return post.guid;
  return expand_id_template(tmpl, site_url, encode_segment(post.id));
}

std::string expand_id_template(const std::string& tmpl, const std::string& site_url,
                               const std::string& id) {
  // Every entry of a site asks for the same host: parsed once per thread.
  thread_local std::string last_url;
  thread_local std::string last_host;
  if (last_host.empty() || last_url != site_url) {
    last_host = url_host(site_url).value_or("localhost");
    last_url = site_url;
  }
  std::string out = tmpl;
  replace_all(out, "{host}", last_host);
  replace_all(out, "{id}", id);
  return out;
}

FeedEntry build_entry(const Post& post, const SiteConfig& site, const PostRules& rules,
                      const FeedsConfig& feeds, bool with_content, const PostByPath& find) {
  FeedEntry entry;
  entry.url = post_url(post, site.url, rules.permalink);
  entry.id = entry_id(post, site.url, feeds.entry_id);
  entry.title = post.title;
  entry.summary = post.summary;
  if (with_content && rules.liquid && has_liquid(post.body)) {
    std::string body = render_liquid(post.body, LiquidContext{site.url, rules.permalink, &post, find});
    entry.content_html = sanitize_html(markdown_to_html(body), entry.url);
  } else if (with_content) {
    entry.content_html = sanitize_html(markdown_to_html(post.body), entry.url);
  }
  entry.published = post.date;
  entry.updated = post.updated && *post.updated > post.date ? *post.updated : post.date;
  entry.author = post.author.empty() ? site.author : post.author.str();
  entry.section = post.section;
  entry.tags = post.tags;
  // Feeds carry only http(s) images (post_fields refuses others already;
  // this also covers posts parsed before that rule).
  std::optional<std::string> image =
      post.image ? safe_url(post.image->url, image_base(post.image->url, entry.url, site.url), UrlUse::kFeedImage)
                 : std::nullopt;
  if (image) {
    entry.image_url = std::move(*image);
    entry.image_alt = post.image_alt();
    entry.image_type = image_media_type(entry.image_url);
  }
  return entry;
}

}  // namespace herald
