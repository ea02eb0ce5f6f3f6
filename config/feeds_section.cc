// The feeds section: file names, entry ids, hubs and the three feed families.
#include <algorithm>
#include <utility>

#include "config/config_sections.h"
#include "config/section_values.h"
#include "config/suggestion.h"
#include "config/value_rules.h"
#include "feeds/head_snippet.h"
#include "feeds/site_renderer.h"

namespace herald {
namespace {

const std::vector<std::string> kFormatNames = {"rss", "atom", "json"};

std::optional<FeedFormat> format_named(const std::string& name) {
  if (name == "rss") return FeedFormat::rss;
  if (name == "atom") return FeedFormat::atom;
  if (name == "json") return FeedFormat::json;
  return std::nullopt;
}

void read_formats(const SectionReader& family, std::vector<FeedFormat>& out) {
  std::optional<std::vector<ScalarValue>> items = family.list("formats");
  if (!items) return;
  if (items->empty()) {
    family.error("formats", "must list at least one of rss, atom, json; to turn this feed off, "
                            "set enabled: false");
    return;
  }
  std::vector<FeedFormat> formats;
  bool valid = true;
  for (const ScalarValue& item : *items) {
    std::optional<FeedFormat> format = format_named(item.text);
    if (!format) {
      family.error_at(item.mark, "formats",
                      "has " + unknown_name_message("format", item.text, "", kFormatNames));
      valid = false;
    } else if (std::find(formats.begin(), formats.end(), *format) != formats.end()) {
      family.error_at(item.mark, "formats",
                      "lists '" + item.text + "' twice; list each format once");
      valid = false;
    } else {
      formats.push_back(*format);
    }
  }
  if (valid) out = std::move(formats);
}

void read_feed_content(const SectionReader& family, FeedContent& out) {
  std::optional<ScalarValue> value = family.string("content");
  if (!value) return;
  if (value->text == "full") {
    out = FeedContent::full;
  } else if (value->text == "summary") {
    out = FeedContent::summary;
  } else {
    family.error("content", "must be full or summary, got '" + value->text + "'");
  }
}

// `per_item`: one feed per section or tag ({slug} in dir, {name} in title).
void read_family(const SectionReader& feeds, const std::string& key, bool per_item,
                 FeedFamilyConfig& family) {
  SectionReader section =
      feeds.section(key, {"enabled", "dir", "title", "formats", "limit", "content", "archive"});
  if (auto enabled = section.boolean("enabled")) family.enabled = *enabled;
  auto dir_rule = [per_item](std::string_view dir) { return check_feed_dir(dir, per_item); };
  if (read_checked(section, "dir", dir_rule, family.dir) && !family.dir.empty()) {
    family.dir = with_trailing_slash(family.dir);
  }
  read_string(section, "title", family.title);
  read_formats(section, family.formats);
  if (auto limit = section.integer("limit", 1, 10000)) family.limit = static_cast<int>(*limit);
  read_feed_content(section, family.content);
  if (auto archive = section.boolean("archive")) {
    family.archive = *archive;
    if (family.archive && std::find(family.formats.begin(), family.formats.end(),
                                    FeedFormat::atom) == family.formats.end()) {
      section.error("archive", "needs atom in '" + section.qualified("formats") +
                                   "': archive documents are Atom (RFC 5005); add atom there or "
                                   "set archive: false");
    }
  }
}

// Each file name of a feed (formats, page) must differ from the ones before it.
void check_distinct_file_names(const SectionReader& section, const FeedsConfig& feeds) {
  const std::pair<const char*, const std::string*> files[] = {
      {"rss_file", &feeds.rss_file}, {"atom_file", &feeds.atom_file},
      {"json_file", &feeds.json_file}, {"page_file", &feeds.page_file}};
  for (std::size_t i = 1; i < std::size(files); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (*files[i].second != *files[j].second) continue;
      section.error(files[i].first, "must differ from '" + section.qualified(files[j].first) +
                                        "' (both '" + *files[i].second + "'); each " +
                                        (i == 3 ? "feed's page" : "format") +
                                        " needs its own file");
      break;
    }
  }
}

// feeds.pages and feeds.page_file: the HTML page of each feed.
void read_pages(const SectionReader& section, FeedsConfig& feeds) {
  if (auto pages = section.boolean("pages")) feeds.pages = *pages;
  read_checked(section, "page_file", check_file_name, feeds.page_file);
  for (const char* site_file : {kStylesheetFile, kHeadSnippetFile, kFeedsIndexFile}) {
    if (feeds.page_file != site_file) continue;
    section.error("page_file", "must not be '" + feeds.page_file +
                                   "', a file herald writes at the root of the output");
  }
}

void read_hubs(const SectionReader& section, std::vector<std::string>& hubs) {
  std::optional<std::vector<ScalarValue>> items = section.list("hubs");
  if (!items) return;
  std::vector<std::string> urls;
  for (const ScalarValue& item : *items) {
    std::string error = check_http_url(item.text);
    if (!error.empty()) section.error_at(item.mark, "hubs", error);
    urls.push_back(item.text);
  }
  if (urls.size() == items->size()) hubs = std::move(urls);
}

}  // namespace

void read_feeds_section(const SectionReader& top, const std::string& site_title,
                        FeedsConfig& feeds) {
  SectionReader section = top.section("feeds", {"rss_file", "atom_file", "json_file", "entry_id",
                                                "stylesheet", "hubs", "main", "sections", "tags",
                                                "max_feeds", "sitemap", "news_sitemap", "pages",
                                                "page_file"});
  read_checked(section, "rss_file", check_file_name, feeds.rss_file);
  read_checked(section, "atom_file", check_file_name, feeds.atom_file);
  read_checked(section, "json_file", check_file_name, feeds.json_file);
  read_pages(section, feeds);
  check_distinct_file_names(section, feeds);
  read_checked(section, "entry_id", check_entry_id, feeds.entry_id);
  if (auto stylesheet = section.boolean("stylesheet")) feeds.stylesheet = *stylesheet;
  if (auto sitemap = section.boolean("sitemap")) feeds.sitemap = *sitemap;
  if (auto news = section.boolean("news_sitemap")) feeds.news_sitemap = *news;
  read_hubs(section, feeds.hubs);
  if (auto max_feeds = section.integer("max_feeds", 1, 10'000'000)) {
    feeds.max_feeds = static_cast<std::size_t>(*max_feeds);
  }

  feeds.main.dir = "";
  feeds.sections.dir = "sections/{slug}/";
  feeds.tags.dir = "tags/{slug}/";
  read_family(section, "main", false, feeds.main);
  read_family(section, "sections", true, feeds.sections);
  read_family(section, "tags", true, feeds.tags);
  if (feeds.main.title.empty()) feeds.main.title = site_title;
  for (FeedFamilyConfig* family : {&feeds.sections, &feeds.tags}) {
    if (family->title.empty()) family->title = site_title + ": {name}";
  }
}

}  // namespace herald
