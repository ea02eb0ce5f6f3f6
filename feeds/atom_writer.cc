// Atom 1.0 writer (RFC 4287): see feed_writers.h and shared/docs/feeds.md
// ("Atom 1.0 entry"). Every entry names an author; sections and tags are
// categories told apart by their scheme; the image is an enclosure link plus
// a media:thumbnail so that readers show it.
#include <stdexcept>
#include <string>

#include "feeds/feed_writers.h"
#include "feeds/xml_writer_util.h"

namespace herald {
namespace {

pugi::xml_node append_link(pugi::xml_node parent, const char* rel, const std::string& href,
                           const char* type) {
  pugi::xml_node link = parent.append_child("link");
  set_attribute(link, "rel", rel);
  if (type && *type) set_attribute(link, "type", type);
  set_attribute(link, "href", href);
  return link;
}

void append_category(pugi::xml_node entry, const std::string& name, const std::string& scheme) {
  pugi::xml_node category = entry.append_child("category");
  set_attribute(category, "term", name);
  if (!scheme.empty()) set_attribute(category, "scheme", scheme);
  set_attribute(category, "label", name);
}

void append_author(pugi::xml_node parent, const std::string& name) {
  append_text_element(parent.append_child("author"), "name", name);
}

void append_image(pugi::xml_node node, const FeedEntry& entry) {
  pugi::xml_node link = append_link(node, "enclosure", entry.image_url, entry.image_type.c_str());
  if (entry.image_length > 0) set_attribute(link, "length", std::to_string(entry.image_length));
  if (!entry.image_alt.empty()) set_attribute(link, "title", entry.image_alt);
}

void append_entry(pugi::xml_node root, const Feed& feed, const FeedEntry& entry) {
  pugi::xml_node node = root.append_child("entry");
  append_text_element(node, "id", entry.id);
  set_attribute(append_text_element(node, "title", entry.title), "type", "text");
  append_link(node, "alternate", entry.url, "text/html");
  if (!entry.image_url.empty()) append_image(node, entry);
  append_text_element(node, "published", entry.published.rfc3339());
  append_text_element(node, "updated", entry.updated.rfc3339());
  append_author(node, entry_author(feed, entry));
  if (!entry.section.empty()) append_category(node, entry.section, feed.section_scheme);
  for (const std::string& tag : entry.tags) append_category(node, tag, feed.tag_scheme);
  if (!entry.summary.empty()) {
    set_attribute(append_text_element(node, "summary", entry.summary), "type", "text");
  }
  if (feed.full_content && !entry.content_html.empty()) {
    set_attribute(append_text_element(node, "content", entry.content_html), "type", "html");
  }
  if (!entry.image_url.empty()) {
    set_attribute(node.append_child("media:thumbnail"), "url", entry.image_url);
  }
}

void append_feed_links(pugi::xml_node root, const Feed& feed) {
  std::string self = feed.url_of(FeedFormat::atom);
  if (!self.empty()) append_link(root, "self", self, feed_media_type(FeedFormat::atom));
  for (const FeedLink& link : feed.links) {
    if (link.format == FeedFormat::atom) continue;
    append_link(root, "alternate", link.url, feed_media_type(link.format));
  }
  // The site's page last: readers that open the last alternate (newsboat)
  // open the site, not feed.json.
  append_link(root, "alternate", feed.home_url, "text/html");
  for (const std::string& hub : feed.hubs) append_link(root, "hub", hub, nullptr);
  if (!feed.current_url.empty()) {
    append_link(root, "current", feed.current_url, feed_media_type(FeedFormat::atom));
  }
  if (!feed.prev_archive_url.empty()) {
    append_link(root, "prev-archive", feed.prev_archive_url, feed_media_type(FeedFormat::atom));
  }
  if (!feed.next_archive_url.empty()) {
    append_link(root, "next-archive", feed.next_archive_url, feed_media_type(FeedFormat::atom));
  }
}

void append_generator(pugi::xml_node root, const Feed& feed) {
  if (feed.generator_name.empty()) return;
  pugi::xml_node generator = append_text_element(root, "generator", feed.generator_name);
  if (!feed.generator_uri.empty()) set_attribute(generator, "uri", feed.generator_uri);
  if (!feed.generator_version.empty()) set_attribute(generator, "version", feed.generator_version);
}

void append_head(pugi::xml_node root, const Feed& feed) {
  append_text_element(root, "id", feed.id);
  set_attribute(append_text_element(root, "title", feed.title), "type", "text");
  if (!feed.description.empty()) {
    set_attribute(append_text_element(root, "subtitle", feed.description), "type", "text");
  }
  append_text_element(root, "updated", feed.updated().rfc3339());
  append_feed_links(root, feed);
  if (!feed.author.empty()) append_author(root, feed.author);
  append_generator(root, feed);
  if (!feed.icon_url.empty()) append_text_element(root, "icon", feed.icon_url);
  if (!feed.logo_url.empty()) append_text_element(root, "logo", feed.logo_url);
}

}  // namespace

std::string write_atom(const Feed& feed) {
  pugi::xml_document doc;
  start_xml_document(doc, feed.stylesheet_url);
  pugi::xml_node root = doc.append_child("feed");
  root.append_attribute("xmlns") = "http://www.w3.org/2005/Atom";
  root.append_attribute("xmlns:media") = "http://search.yahoo.com/mrss/";
  if (feed.archive) root.append_attribute("xmlns:fh") = "http://purl.org/syndication/history/1.0";
  if (!feed.language.empty()) set_attribute(root, "xml:lang", feed.language);
  if (feed.archive) root.append_child("fh:archive");
  append_head(root, feed);
  for (const FeedEntry& entry : feed.entries) append_entry(root, feed, entry);
  return serialize_xml(doc);
}

std::string write_atom_entry(const Feed& feed, const FeedEntry& entry) {
  pugi::xml_document doc;
  pugi::xml_node root = doc.append_child("feed");
  append_entry(root, feed, entry);
  return serialize_xml_child(root.first_child());
}

std::string write_atom_with_entries(const Feed& head, const std::vector<std::string_view>& entries) {
  // The head alone ends with the root's end tag on a line of its own (it
  // always has children: id, title, updated); the entries go before it, as
  // its last children.
  constexpr std::string_view kEnd = "</feed>\n";
  std::string document = write_atom(head);
  if (!head.entries.empty() || !document.ends_with(kEnd)) {
    throw std::logic_error("write_atom_with_entries: the head must hold no entries");
  }
  std::size_t size = document.size();
  for (std::string_view entry : entries) size += entry.size();
  std::string bytes;
  bytes.reserve(size);
  bytes.append(document, 0, document.size() - kEnd.size());
  for (std::string_view entry : entries) bytes += entry;
  bytes += kEnd;
  return bytes;
}

}  // namespace herald
