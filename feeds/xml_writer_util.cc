#include "feeds/xml_writer_util.h"

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

std::string xml_safe(std::string_view text) {
  if (find_invalid_utf8(text) != std::string_view::npos) {
    return strip_xml_forbidden(safe_utf8(text));
  }
  return strip_xml_forbidden(text);  // one copy, none made when nothing is removed
}

namespace {

// Clean text (valid UTF-8, no forbidden code point, hence no NUL: one
// find_xml_forbidden pass tells) goes to pugixml as is; anything else
// through xml_safe. Every text and attribute of a feed passes here.
template <typename Setter>
void set_xml_safe(std::string_view text, Setter set) {
  if (find_xml_forbidden(text) == std::string_view::npos) {
    set(text.data(), text.size());
    return;
  }
  std::string safe = xml_safe(text);
  set(safe.data(), safe.size());
}

// Appends pugixml's output to a string.
class StringWriter : public pugi::xml_writer {
 public:
  explicit StringWriter(std::string& out) : out_(out) {}
  void write(const void* data, std::size_t size) override {
    out_.append(static_cast<const char*>(data), size);
  }

 private:
  std::string& out_;
};

}  // namespace

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
  set_xml_safe(text, [&](const char* data, std::size_t size) { element.text().set(data, size); });
  return element;
}

void set_node_value(pugi::xml_node node, std::string_view text) {
  set_xml_safe(text, [&](const char* data, std::size_t size) { node.set_value(data, size); });
}

void set_attribute(pugi::xml_node node, const char* name, std::string_view value) {
  pugi::xml_attribute attribute = node.append_attribute(name);
  set_xml_safe(value, [&](const char* data, std::size_t size) { attribute.set_value(data, size); });
}

std::string serialize_xml(const pugi::xml_document& doc) {
  std::string bytes;
  StringWriter writer(bytes);
  doc.save(writer, "  ", pugi::format_indent, pugi::encoding_utf8);
  while (!bytes.empty() && bytes.back() == '\n') bytes.pop_back();
  bytes += '\n';
  return bytes;
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
