#include "feeds/xml_writer_util.h"

#include <sstream>

#include <boost/url/parse.hpp>
#include <unicode/unistr.h>

#include "feeds/text.h"

namespace herald {

std::string safe_utf8(std::string_view text) {
  if (find_invalid_utf8(text) == std::string_view::npos) return std::string(text);
  // ICU replaces each ill-formed sequence with U+FFFD while decoding.
  icu::UnicodeString decoded = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  std::string repaired;
  decoded.toUTF8String(repaired);
  return repaired;
}

std::string xml_safe(std::string_view text) { return strip_xml_forbidden(safe_utf8(text)); }

void start_xml_document(pugi::xml_document& doc, const std::string& stylesheet_url) {
  pugi::xml_node declaration = doc.append_child(pugi::node_declaration);
  declaration.append_attribute("version") = "1.0";
  declaration.append_attribute("encoding") = "utf-8";
  if (stylesheet_url.empty()) return;
  // A URI reference holds no '"', '<', '>' or spaces, so only '&' needs
  // escaping inside the pseudo-attribute; anything else is left out.
  std::string href = xml_safe(stylesheet_url);
  if (!boost::urls::parse_uri_reference(href)) return;
  std::string escaped;
  for (char c : href) escaped += c == '&' ? std::string("&amp;") : std::string(1, c);
  pugi::xml_node pi = doc.append_child(pugi::node_pi);
  pi.set_name("xml-stylesheet");
  pi.set_value(("href=\"" + escaped + "\" type=\"text/xsl\"").c_str());
}

pugi::xml_node append_text_element(pugi::xml_node parent, const char* name,
                                   std::string_view text) {
  pugi::xml_node element = parent.append_child(name);
  element.text().set(xml_safe(text).c_str());
  return element;
}

void set_attribute(pugi::xml_node node, const char* name, std::string_view value) {
  node.append_attribute(name).set_value(xml_safe(value).c_str());
}

std::string serialize_xml(const pugi::xml_document& doc) {
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_indent, pugi::encoding_utf8);
  std::string bytes = out.str();
  while (!bytes.empty() && bytes.back() == '\n') bytes.pop_back();
  return bytes + "\n";
}

const std::string& entry_author(const Feed& feed, const FeedEntry& entry) {
  if (!entry.author.empty()) return entry.author;
  return feed.author.empty() ? feed.title : feed.author;
}

const char* feed_media_type(FeedFormat format) {
  switch (format) {
    case FeedFormat::rss:
      return "application/rss+xml";
    case FeedFormat::atom:
      return "application/atom+xml";
    case FeedFormat::json:
      return "application/feed+json";
  }
  return "application/octet-stream";
}

}  // namespace herald
