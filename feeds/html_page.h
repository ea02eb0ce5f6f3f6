// The skeleton every HTML page herald writes shares (the page of feeds,
// feeds.html, and each feed's own page, feed_page.h): an HTML5 document in
// the site's language with a viewport for phones and one inline style, no
// external resource; and the pieces both pages show of a feed (its format
// names, its <link rel="alternate"> tags, links to each format). Built with
// pugixml, so every text is escaped by the library. Pure.
//
// Every element gets content or is void (meta, link, input, img): the XML
// form pugixml prints is then also valid HTML.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "feeds/feed.h"

namespace herald {

class HtmlPage {
 public:
  // <html lang> (`language`, "en" when empty) with a <head> holding the
  // charset, the viewport, <title> and the shared style, and an empty <body>.
  HtmlPage(std::string_view language, std::string_view title);
  HtmlPage(const HtmlPage&) = delete;
  HtmlPage& operator=(const HtmlPage&) = delete;

  pugi::xml_node head() const { return head_; }
  pugi::xml_node body() const { return body_; }
  // "<!DOCTYPE html>\n" and the document, indented.
  std::string str() const;

 private:
  pugi::xml_document doc_;
  pugi::xml_node head_;
  pugi::xml_node body_;
};

// "RSS", "Atom", "JSON Feed".
const char* feed_format_label(FeedFormat format);

// <link rel="alternate" type=... title="<title> (<format>)" href=...>.
void append_alternate_link(pugi::xml_node parent, std::string_view title, const FeedLink& link);

// " <a href=... type=...>RSS</a>" per link, appended to `parent`.
void append_format_links(pugi::xml_node parent, const std::vector<FeedLink>& links);

// Labels both pages show, in the site's language.
const char* visit_site_label(bool spanish);

}  // namespace herald
