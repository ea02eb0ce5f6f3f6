#include "feeds/head_snippet.h"

#include <pugixml.hpp>

#include <sstream>

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

}  // namespace

std::string feed_head_links(const std::string& title, const std::vector<FeedLink>& links) {
  std::ostringstream out;
  for (const FeedLink& link : links) {
    pugi::xml_document doc;
    pugi::xml_node node = doc.append_child("link");
    node.append_attribute("rel") = "alternate";
    node.append_attribute("type") = feed_media_type(link.format);
    node.append_attribute("title") = xml_safe(title + " (" + format_label(link.format) + ")").c_str();
    node.append_attribute("href") = xml_safe(link.url).c_str();
    doc.save(out, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
    out << '\n';
  }
  return out.str();
}

std::string head_snippet(const std::map<FeedKey, std::string>& links_by_feed) {
  std::string snippet = "<!-- The site's feeds, written by herald: include this file in <head>. -->\n";
  for (const auto& [key, links] : links_by_feed) snippet += links;
  return snippet;
}

}  // namespace herald
