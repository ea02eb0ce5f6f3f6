#include "feeds/head_snippet.h"

#include <pugixml.hpp>

#include <sstream>

#include "feeds/html_page.h"
#include "feeds/text.h"
#include "feeds/xml_writer_util.h"

namespace herald {
namespace {

std::string serialize(const pugi::xml_node& node, unsigned flags) {
  std::ostringstream out;
  node.print(out, "  ", flags | pugi::format_no_declaration, pugi::encoding_utf8);
  return out.str();
}

// Appends to `parent` a <link rel="alternate"> per format of every feed.
void append_alternate_links(pugi::xml_node parent, const FeedCards& feeds) {
  for (const auto& [key, card] : feeds) {
    for (const FeedLink& link : card.links) append_alternate_link(parent, card.title, link);
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

std::string feeds_index_page(const FeedCards& feeds, const SiteConfig& site) {
  bool spanish = is_spanish_language(site.language);
  std::string heading = spanish ? "Canales de noticias de " + site.title : "News feeds of " + site.title;
  HtmlPage page(site.language, heading);
  append_alternate_links(page.head(), feeds);
  pugi::xml_node body = page.body();
  append_text_element(body, "h1", heading);
  append_text_element(body, "p",
           spanish ? "Para suscribirse, copie la dirección de un canal en su lector de noticias: recibirá "
                     "cada nota nueva sin tener que visitar el sitio."
                   : "To subscribe, copy a feed's address into your feed reader: it will bring you every "
                     "new item without visiting the website.");
  pugi::xml_node home = append_text_element(body.append_child("p"), "a", visit_site_label(spanish));
  set_attribute(home, "href", site.url);
  if (feeds.empty()) return page.str();
  pugi::xml_node list = body.append_child("ul");
  list.append_attribute("class") = "feeds";
  for (const auto& [key, card] : feeds) {
    pugi::xml_node item = list.append_child("li");
    append_text_element(item, "span", card.title);
    append_format_links(item, card.links);
  }
  return page.str();
}

}  // namespace herald
