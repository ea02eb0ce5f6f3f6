#include "feeds/xml_writer_util.h"

#include <boost/url/parse.hpp>
#include <unicode/unistr.h>
#include <vector>

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

// Keeps pugixml's output as the pieces it writes (a few KiB each) and
// joins them once: a string grown by appending copies a large document
// about twice over and touches twice its size in fresh pages (an archive
// month is megabytes).
class PiecesWriter : public pugi::xml_writer {
 public:
  void write(const void* data, std::size_t size) override {
    pieces_.emplace_back(static_cast<const char*>(data), size);
    size_ += size;
  }
  // The whole output, followed by exactly one newline.
  std::string joined() {
    while (!pieces_.empty()) {  // pugixml ends with one; keep none for now
      std::string& last = pieces_.back();
      std::size_t kept = last.find_last_not_of('\n') + 1;  // 0 when only newlines
      size_ -= last.size() - kept;
      last.resize(kept);
      if (kept > 0) break;
      pieces_.pop_back();
    }
    std::string bytes;
    bytes.reserve(size_ + 1);
    for (const std::string& piece : pieces_) bytes += piece;
    bytes += '\n';
    return bytes;
  }

 private:
  std::vector<std::string> pieces_;
  std::size_t size_ = 0;
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
  PiecesWriter writer;
  doc.save(writer, "  ", pugi::format_indent, pugi::encoding_utf8);
  return writer.joined();
}

std::string serialize_xml_child(pugi::xml_node node) {
  struct StringWriter : pugi::xml_writer {
    std::string bytes;
    void write(const void* data, std::size_t size) override {
      bytes.append(static_cast<const char*>(data), size);
    }
  } writer;
  // The same indentation serialize_xml gives a child of the root: pugixml
  // prints a node at a depth as it prints it inside its document.
  node.print(writer, "  ", pugi::format_indent, pugi::encoding_utf8, 1);
  return std::move(writer.bytes);
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
