// Private helpers shared by the feed writers (rss_writer.cc, atom_writer.cc,
// json_feed_writer.cc, stylesheet.cc); not part of the public API.
//
// The writers are defensive: Feed strings are meant to be valid UTF-8 with
// the characters XML forbids already removed, but whatever they hold, the
// output is well-formed. Every string that reaches a document goes through
// safe_utf8 (JSON) or xml_safe (XML) first.
#pragma once

#include <string>
#include <string_view>

#include <pugixml.hpp>

#include "feeds/feed.h"

namespace herald {

// `text` as valid UTF-8: every invalid sequence becomes U+FFFD (ICU).
std::string safe_utf8(std::string_view text);

// safe_utf8, then without the code points outside the XML 1.0 Char range.
std::string xml_safe(std::string_view text);

// A document holding the XML declaration (version 1.0, encoding utf-8) and,
// when `stylesheet_url` is a valid URI reference, an
// <?xml-stylesheet href="..." type="text/xsl"?> processing instruction.
void start_xml_document(pugi::xml_document& doc, const std::string& stylesheet_url);

// Appends <name>text</name> to `parent` and returns the new element.
pugi::xml_node append_text_element(pugi::xml_node parent, const char* name,
                                   std::string_view text);

// Sets the value of `node` (e.g. a CDATA section) to xml_safe(text).
void set_node_value(pugi::xml_node node, std::string_view text);

// Sets attribute `name` of `node` to xml_safe(value).
void set_attribute(pugi::xml_node node, const char* name, std::string_view value);

// The document indented with two spaces, ending with exactly one "\n".
std::string serialize_xml(const pugi::xml_document& doc);

// `node` as serialize_xml writes it inside its document when it is a child
// of the root element: indented one level, followed by one "\n".
std::string serialize_xml_child(pugi::xml_node node);

// The entry's author, never empty: the entry's, else the feed's, else the
// feed title (Atom requires a name on every entry).
const std::string& entry_author(const Feed& feed, const FeedEntry& entry);

// The IANA media type of each feed format.
const char* feed_media_type(FeedFormat format);

}  // namespace herald
