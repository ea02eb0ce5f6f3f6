#include "feeds/head_snippet.h"

#include <pugixml.hpp>

#include <sstream>

#include "feeds/text.h"
#include "feeds/xml_writer_util.h"

namespace herald {
namespace {

const char* format_label(FeedFormat format) {
  switch (format) {
    case FeedFormat::rss:
      return "RSS";
    case FeedFormat::atom:
      return "Atom";
    case FeedFormat::json:
      return "JSON Feed";
  }
  return "";
}


std::string serialize(const pugi::xml_node& node, unsigned flags) {
  std::ostringstream out;
  node.print(out, "  ", flags | pugi::format_no_declaration, pugi::encoding_utf8);
  return out.str();
}

// Appends to `parent` a <link rel="alternate"> per format of every feed.
void append_alternate_links(pugi::xml_node parent, const FeedCards& feeds) {
  for (const auto& [key, card] : feeds) {
    for (const FeedLink& link : card.links) {
      pugi::xml_node node = parent.append_child("link");
      node.append_attribute("rel") = "alternate";
      node.append_attribute("type") = feed_media_type(link.format);
      set_attribute(node, "title", card.title + " (" + format_label(link.format) + ")");
      set_attribute(node, "href", link.url);
    }
  }
}

}  // namespace

std::string head_snippet(const FeedCards& feeds) {
  std::string snippet = "<!-- The site's feeds, written by herald: include this file in <head>. -->\n";
  pugi::xml_document doc;
  append_alternate_links(doc, feeds);
  for (pugi::xml_node link : doc.children()) {
    snippet += serialize(link, pugi::format_raw);
    snippet += '\n';
  }
  return snippet;
}

// HTML5 written through pugixml: every element has content or is void
// (meta, link), so the XML form is also valid HTML.
std::string feeds_index_page(const FeedCards& feeds, const SiteConfig& site) {
  bool spanish = is_spanish_language(site.language);
  pugi::xml_document doc;
  pugi::xml_node html = doc.append_child("html");
  set_attribute(html, "lang", site.language.empty() ? "en" : site.language);
  pugi::xml_node head = html.append_child("head");
  set_attribute(head.append_child("meta"), "charset", "utf-8");
  pugi::xml_node viewport = head.append_child("meta");
  set_attribute(viewport, "name", "viewport");
  set_attribute(viewport, "content", "width=device-width, initial-scale=1");
  std::string heading = spanish ? "Canales de noticias de " + site.title : "News feeds of " + site.title;
  append_text_element(head, "title", heading);
  append_alternate_links(head, feeds);
  pugi::xml_node body = html.append_child("body");
  append_text_element(body, "h1", heading);
  append_text_element(body, "p",
           spanish ? "Para suscribirse, copie la dirección de un canal en su lector de noticias: recibirá "
                     "cada nota nueva sin tener que visitar el sitio."
                   : "To subscribe, copy a feed's address into your feed reader: it will bring you every "
                     "new item without visiting the website.");
  pugi::xml_node home =
      append_text_element(body.append_child("p"), "a", spanish ? "Visitar el sitio" : "Visit the website");
  set_attribute(home, "href", site.url);
  if (feeds.empty()) return "<!DOCTYPE html>\n" + serialize(html, pugi::format_indent);
  pugi::xml_node list = body.append_child("ul");
  list.append_attribute("class") = "feeds";
  for (const auto& [key, card] : feeds) {
    pugi::xml_node item = list.append_child("li");
    append_text_element(item, "span", card.title);
    for (const FeedLink& link : card.links) {
      item.append_child(pugi::node_pcdata).set_value(" ");
      pugi::xml_node a = append_text_element(item, "a", format_label(link.format));
      set_attribute(a, "href", link.url);
      set_attribute(a, "type", feed_media_type(link.format));
    }
  }
  return "<!DOCTYPE html>\n" + serialize(html, pugi::format_indent);
}

}  // namespace herald
