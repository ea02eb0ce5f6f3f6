#include "feeds/html_page.h"

#include <sstream>

#include "feeds/xml_writer_util.h"

namespace herald {
namespace {

// The one style of herald's pages. No '<', '>' or '&': pugixml would escape
// them, and <style> is raw text in HTML.
constexpr const char* kStyle =
    "body{font-family:system-ui,sans-serif;max-width:46em;margin:1.5em auto;padding:0 1em;"
    "line-height:1.5;color:#222;background:#fff}"
    "a{color:#0b57d0}h1{line-height:1.2}"
    ".note,.subscribe{background:#fff6d6;padding:.5em 1em;border-radius:6px}"
    ".copy{display:flex;gap:.5em}.copy input{flex:1;min-width:0;font:inherit;padding:.3em}"
    ".copy button{font:inherit}"
    ".entry{border-top:1px solid #ddd;padding:.5em 0}.entry h3{margin:.3em 0}"
    ".entry img{max-width:100%;height:auto}"
    ".meta,.tags{color:#555;font-size:.9em}.tags{list-style:none;padding:0}"
    ".tags li{display:inline;margin-right:.5em}"
    "ul.feeds li{margin:.3em 0}";

}  // namespace

HtmlPage::HtmlPage(std::string_view language, std::string_view title) {
  pugi::xml_node html = doc_.append_child("html");
  set_attribute(html, "lang", language.empty() ? "en" : language);
  head_ = html.append_child("head");
  set_attribute(head_.append_child("meta"), "charset", "utf-8");
  pugi::xml_node viewport = head_.append_child("meta");
  set_attribute(viewport, "name", "viewport");
  set_attribute(viewport, "content", "width=device-width, initial-scale=1");
  append_text_element(head_, "title", title);
  append_text_element(head_, "style", kStyle);
  body_ = html.append_child("body");
}

std::string HtmlPage::str() const {
  std::ostringstream out;
  doc_.document_element().print(out, "  ", pugi::format_indent | pugi::format_no_declaration,
                                pugi::encoding_utf8);
  return "<!DOCTYPE html>\n" + out.str();
}

const char* feed_format_label(FeedFormat format) {
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

void append_alternate_link(pugi::xml_node parent, std::string_view title, const FeedLink& link) {
  pugi::xml_node node = parent.append_child("link");
  node.append_attribute("rel") = "alternate";
  node.append_attribute("type") = feed_media_type(link.format);
  set_attribute(node, "title", std::string(title) + " (" + feed_format_label(link.format) + ")");
  set_attribute(node, "href", link.url);
}

void append_format_links(pugi::xml_node parent, const std::vector<FeedLink>& links) {
  for (const FeedLink& link : links) {
    parent.append_child(pugi::node_pcdata).set_value(" ");
    pugi::xml_node a = append_text_element(parent, "a", feed_format_label(link.format));
    set_attribute(a, "href", link.url);
    set_attribute(a, "type", feed_media_type(link.format));
  }
}

const char* visit_site_label(bool spanish) {
  return spanish ? "Visitar el sitio" : "Visit the website";
}

}  // namespace herald
