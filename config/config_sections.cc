// The site, content and output sections (feeds: feeds_section.cc).
#include "config/config_sections.h"

#include <utility>

#include "config/config_paths.h"
#include "config/section_values.h"
#include "config/value_rules.h"
#include "feeds/time_zone.h"

namespace herald {
namespace {

std::string check_timezone(std::string_view name) {
  if (TimeZone::load(std::string(name))) return "";
  return "must be an IANA time zone of the system's tz database (/usr/share/zoneinfo), "
         "e.g. America/Chihuahua or UTC, got '" +
         std::string(name) + "'";
}

std::string check_not_empty(std::string_view text) {
  return text.empty() ? "must not be empty" : "";
}

std::string check_include(const std::vector<std::string>& patterns) {
  return patterns.empty() ? "must list at least one file-name pattern, e.g. [\"*.md\"]" : "";
}

void read_fields(const SectionReader& content, FieldMap& fields) {
  static const std::pair<const char*, std::string FieldMap::*> kNames[] = {
      {"id", &FieldMap::id},           {"title", &FieldMap::title},
      {"date", &FieldMap::date},       {"updated", &FieldMap::updated},
      {"author", &FieldMap::author},   {"summary", &FieldMap::summary},
      {"section", &FieldMap::section}, {"tags", &FieldMap::tags},
      {"image", &FieldMap::image},     {"image_alt", &FieldMap::image_alt}};
  std::vector<std::string> keys;
  for (const auto& [key, member] : kNames) keys.push_back(key);
  keys.push_back("guid");
  SectionReader section = content.section("fields", keys);
  for (const auto& [key, member] : kNames) {
    if (std::string(key) == "id") {
      read_string(section, key, fields.*member);
    } else {
      read_checked(section, key, check_not_empty, fields.*member);
    }
  }
  read_strings(section, "guid", fields.guid);
}

constexpr long long kKiB = 1024;
constexpr long long kGiB = kKiB * kKiB * kKiB;

void read_size(const SectionReader& section, const std::string& key, long long min, long long max,
               std::size_t& out) {
  if (auto value = section.integer(key, min, max)) out = static_cast<std::size_t>(*value);
}

// The budgets of a post (docs/posts.md, "Limits and hostile posts").
void read_budgets(const SectionReader& content, PostRules& rules) {
  read_size(content, "max_bytes", kKiB, kGiB, rules.max_bytes);
  read_size(content, "max_front_matter_nodes", 100, 10'000'000, rules.max_nodes);
  read_size(content, "max_tags", 1, 100'000, rules.max_tags);
  read_size(content, "max_tag_bytes", 1, 100'000, rules.max_tag_bytes);
  MarkdownLimits& m = rules.markdown;
  SectionReader markdown = content.section("markdown", {"max_nesting", "max_html_tags",
                                                       "max_table_cells", "max_images",
                                                       "max_html_bytes"});
  if (auto nesting = markdown.integer("max_nesting", 1, 10'000)) {
    m.max_nesting = static_cast<int>(*nesting);
  }
  read_size(markdown, "max_html_tags", 0, 10'000'000, m.max_html_tags);
  read_size(markdown, "max_table_cells", 0, 100'000'000, m.max_table_cells);
  read_size(markdown, "max_images", 0, 10'000'000, m.max_images);
  read_size(markdown, "max_html_bytes", kKiB, kGiB, m.max_html_bytes);
}

}  // namespace

void read_site_section(const SectionReader& top, const std::string& base_dir, SiteConfig& site) {
  SectionReader section = top.section("site", {"title", "url", "description", "language", "author",
                                               "timezone", "icon", "logo", "static_dir"});
  read_required(section, "title", "add the site's name, used as the feed title", site.title);
  if (read_required(section, "url",
                    "add the public base URL of the site, e.g. https://example.org/", site.url)) {
    std::string error = check_site_url(site.url);
    if (error.empty()) {
      site.url = with_trailing_slash(site.url);
    } else {
      section.error("url", error);
    }
  }
  read_string(section, "description", site.description);
  read_checked(section, "language", check_language, site.language);
  read_required(section, "author",
                "add who publishes the site, named on entries whose post has no author",
                site.author);
  read_checked(section, "timezone", check_timezone, site.timezone);
  read_string(section, "icon", site.icon);
  read_string(section, "logo", site.logo);
  if (section.has("static_dir")) {
    read_directory(section, "static_dir", base_dir, "name the directory the site's files are served from",
                   site.static_dir);
  }
}

void read_content_section(const SectionReader& top, const std::string& base_dir,
                          ContentConfig& content) {
  SectionReader section = top.section(
      "content", {"dir", "include", "exclude", "max_bytes", "max_front_matter_nodes", "max_tags",
                  "max_tag_bytes", "markdown", "absent_values", "permalink", "excerpt_separator", "liquid", "fields"});
  if (read_directory(section, "dir", base_dir,
                     "add the directory holding the posts, e.g. dir: content", content.dir)) {
    if (std::optional<ScalarValue> dir = section.string("dir")) {
      content.dir_line = dir->mark.line + 1;
      content.dir_column = dir->mark.column + 1;
    }
  }
  std::vector<std::string> include;
  if (read_strings(section, "include", include)) {
    std::string error = check_include(include);
    if (error.empty()) {
      content.include = std::move(include);
    } else {
      section.error("include", error);
    }
  }
  read_strings(section, "exclude", content.exclude);
  read_budgets(section, content.rules);
  read_strings(section, "absent_values", content.rules.absent_values);
  read_checked(section, "permalink", check_permalink, content.rules.permalink);
  read_checked(section, "excerpt_separator", check_excerpt_separator, content.rules.excerpt_separator);
  if (auto liquid = section.boolean("liquid")) content.rules.liquid = *liquid;
  read_fields(section, content.rules.fields);
}

void read_output_section(const SectionReader& top, const std::string& base_dir,
                         const PrivatePaths& private_paths, OutputConfig& output) {
  SectionReader section = top.section("output", {"dir", "max_bytes"});
  if (auto max_bytes = section.integer("max_bytes", kKiB * kKiB, kGiB * kKiB)) {
    output.max_bytes = static_cast<std::uint64_t>(*max_bytes);
  }
  if (!read_directory(section, "dir", base_dir,
                      "add the directory the feeds are written to, e.g. dir: public",
                      output.dir)) {
    return;
  }
  const std::string& content_dir = private_paths.content_dir;
  // Feeds written inside the content directory would be scanned as posts.
  if (!content_dir.empty() && is_same_or_inside(output.dir, content_dir)) {
    std::string relation = output.dir == content_dir ? "be" : "be inside";
    section.error("dir", "must not " + relation + " 'content.dir' (" + content_dir +
                             "): herald would read its own feeds as posts; choose a directory "
                             "outside it");
    return;
  }
  // Everything below output.dir is served to anyone who asks.
  const std::pair<const std::string*, const char*> kept_private[] = {
      {&private_paths.content_dir, "'content.dir' (the posts, drafts included)"},
      {&private_paths.state_dir, "'state.dir' (the outbox, which holds credentials)"},
      {&private_paths.config_file, "the configuration file"},
      {&private_paths.control_socket, "'control.socket'"},
  };
  for (const auto& [path, what] : kept_private) {
    if (path->empty() || !is_same_or_inside(*path, output.dir)) continue;
    section.error("dir", "(" + output.dir + ") contains " + what + " at " + *path +
                             ": the server would publish it; write the feeds to a directory "
                             "of their own, e.g. dir: public");
    return;
  }
}

}  // namespace herald
