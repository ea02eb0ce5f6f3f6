// RSS 2.0 writer: see feed_writers.h and shared/docs/feeds.md ("RSS 2.0 item").
// Channel: title, link, description, language, lastBuildDate, generator,
// atom:link self and hub, image; items newest first as given.
#include <string>

#include "feeds/feed_writers.h"
#include "feeds/xml_writer_util.h"

namespace herald {
namespace {

void append_category(pugi::xml_node item, const std::string& name, const std::string& domain) {
  pugi::xml_node category = append_text_element(item, "category", name);
  if (!domain.empty()) set_attribute(category, "domain", domain);
}

void append_atom_link(pugi::xml_node channel, const char* rel, const std::string& href,
                      const char* type) {
  pugi::xml_node link = channel.append_child("atom:link");
  set_attribute(link, "href", href);
  set_attribute(link, "rel", rel);
  if (type) set_attribute(link, "type", type);
}

void append_image(pugi::xml_node item, const FeedEntry& entry) {
  // RSS 2.0's enclosure needs all three attributes: only when the file's
  // size is known (readers such as sfeed and newsboat see no media:content).
  if (entry.image_length > 0 && !entry.image_type.empty()) {
    pugi::xml_node enclosure = item.append_child("enclosure");
    set_attribute(enclosure, "url", entry.image_url);
    set_attribute(enclosure, "length", std::to_string(entry.image_length));
    set_attribute(enclosure, "type", entry.image_type);
  }
  pugi::xml_node media = item.append_child("media:content");
  set_attribute(media, "url", entry.image_url);
  set_attribute(media, "medium", "image");
  if (!entry.image_type.empty()) set_attribute(media, "type", entry.image_type);
  if (entry.image_alt.empty()) return;
  pugi::xml_node alt = append_text_element(media, "media:description", entry.image_alt);
  set_attribute(alt, "type", "plain");
}

void append_item(pugi::xml_node channel, const Feed& feed, const FeedEntry& entry) {
  pugi::xml_node item = channel.append_child("item");
  append_text_element(item, "title", entry.title);
  append_text_element(item, "link", entry.url);
  if (!entry.summary.empty()) append_text_element(item, "description", entry.summary);
  if (feed.full_content && !entry.content_html.empty()) {
    // pugixml splits "]]>" across two CDATA sections when it writes them.
    set_node_value(item.append_child("content:encoded").append_child(pugi::node_cdata),
                   entry.content_html);
  }
  append_text_element(item, "dc:creator", entry_author(feed, entry));
  if (!entry.section.empty()) append_category(item, entry.section, feed.section_scheme);
  for (const std::string& tag : entry.tags) append_category(item, tag, feed.tag_scheme);
  pugi::xml_node guid = append_text_element(item, "guid", entry.id);
  if (!entry.id_is_permalink) set_attribute(guid, "isPermaLink", "false");
  append_text_element(item, "pubDate", entry.published.rfc822());
  if (!entry.image_url.empty()) append_image(item, entry);
}

void append_channel_image(pugi::xml_node channel, const Feed& feed) {
  const std::string& url = feed.logo_url.empty() ? feed.icon_url : feed.logo_url;
  if (url.empty()) return;
  pugi::xml_node image = channel.append_child("image");
  append_text_element(image, "url", url);
  append_text_element(image, "title", feed.title);
  append_text_element(image, "link", feed.home_url);
}

void append_channel(pugi::xml_node rss, const Feed& feed) {
  pugi::xml_node channel = rss.append_child("channel");
  append_text_element(channel, "title", feed.title);
  append_text_element(channel, "link", feed.home_url);
  // RSS requires a non-empty description.
  append_text_element(channel, "description",
                      feed.description.empty() ? feed.title : feed.description);
  if (!feed.language.empty()) append_text_element(channel, "language", feed.language);
  append_text_element(channel, "lastBuildDate", feed.updated().rfc822());
  std::string generator = feed.generator_name;
  if (!feed.generator_version.empty()) generator += " " + feed.generator_version;
  if (!generator.empty()) append_text_element(channel, "generator", generator);
  std::string self = feed.url_of(FeedFormat::rss);
  if (!self.empty()) append_atom_link(channel, "self", self, feed_media_type(FeedFormat::rss));
  for (const std::string& hub : feed.hubs) append_atom_link(channel, "hub", hub, nullptr);
  append_channel_image(channel, feed);
  for (const FeedEntry& entry : feed.entries) append_item(channel, feed, entry);
}

}  // namespace

std::string write_rss(const Feed& feed) {
  pugi::xml_document doc;
  start_xml_document(doc, feed.stylesheet_url);
  pugi::xml_node rss = doc.append_child("rss");
  rss.append_attribute("version") = "2.0";
  rss.append_attribute("xmlns:content") = "http://purl.org/rss/1.0/modules/content/";
  rss.append_attribute("xmlns:dc") = "http://purl.org/dc/elements/1.1/";
  rss.append_attribute("xmlns:atom") = "http://www.w3.org/2005/Atom";
  rss.append_attribute("xmlns:media") = "http://search.yahoo.com/mrss/";
  append_channel(rss, feed);
  return serialize_xml(doc);
}

}  // namespace herald
