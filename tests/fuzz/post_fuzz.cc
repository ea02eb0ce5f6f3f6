// Fuzzes a post file through the whole pure path: bytes -> parse_post (front
// matter, Markdown) with the default rules -> a one-post site rendered with
// the default feeds (RSS, Atom, JSON Feed, every family, the stylesheet).
// Aborts when an XML file is not well-formed (pugixml), a JSON Feed is not
// JSON (Boost.JSON), or the sanitised HTML of the entry, read back as a
// browser would (gumbo), holds a script element, an on* attribute or a
// javascript:/vbscript: URL (sanitised_html_check.h).
#include <boost/json/parse.hpp>
#include <cstddef>
#include <cstdint>
#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "feeds/catalog.h"
#include "feeds/post_parser.h"
#include "feeds/site_renderer.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/sanitised_html_check.h"

namespace herald {
namespace {

void check_xml(const OutputFile& file) {
  pugi::xml_document document;
  pugi::xml_parse_result parsed =
      document.load_buffer(file.bytes.data(), file.bytes.size(),
                           pugi::parse_default | pugi::parse_declaration, pugi::encoding_utf8);
  fuzz::require(parsed && document.document_element(),
                file.path + " is not well-formed XML: " + parsed.description(), file.bytes);
}

// The feed parses as JSON and every item's content_html is safe.
void check_json_feed(const OutputFile& file) {
  boost::system::error_code ec;
  boost::json::value feed = boost::json::parse(file.bytes, ec);
  fuzz::require(!ec && feed.is_object(), file.path + " is not a JSON object", file.bytes);
  const boost::json::value* items = feed.get_object().if_contains("items");
  if (!items || !items->is_array()) return;
  for (const boost::json::value& item : items->get_array()) {
    const boost::json::value* html = item.is_object() ? item.get_object().if_contains("content_html")
                                                      : nullptr;
    if (html && html->is_string()) fuzz::check_sanitised_html(html->get_string());
  }
}

// The head snippet and the page of feeds (written through pugixml): past
// the doctype, well-formed markup, whatever the post's titles hold.
void check_html(const OutputFile& file) {
  std::string_view body = file.bytes;
  if (body.starts_with("<!DOCTYPE html>\n")) body.remove_prefix(16);
  std::string wrapped = "<root>" + std::string(body) + "</root>";
  pugi::xml_document document;
  pugi::xml_parse_result parsed = document.load_buffer(wrapped.data(), wrapped.size(), pugi::parse_default,
                                                       pugi::encoding_utf8);
  fuzz::require(static_cast<bool>(parsed), file.path + " is not well-formed markup: " + parsed.description(),
                file.bytes);
}

void check_file(const OutputFile& file) {
  std::string_view path = file.path;
  if (path.ends_with(".json")) return check_json_feed(file);
  if (path.ends_with(".xml") || path.ends_with(".xsl")) return check_xml(file);
  if (path.ends_with(".html")) return check_html(file);
  fuzz::violation("the renderer wrote a file of an unknown kind", file.path);
}

}  // namespace
}  // namespace herald

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace herald;
  static const TimeZone utc = TimeZone::utc();
  static const SiteConfig site{
      .title = "Fuzz", .url = "https://example.org/", .description = "One fuzzed post",
      .author = "Herald"};
  static const PostRules rules;
  static const FeedsConfig feeds;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // A Jekyll file name gives a date when the front matter has none.
  PostParseResult parsed = parse_post("2021-08-10-fuzz.md", bytes, rules, utc);
  if (!parsed.post) return 0;
  Post post = std::move(*parsed.post);
  post.draft = false;  // a draft would be in no feed
  Timestamp now = post.date;
  Catalog catalog;
  if (catalog.upsert(std::move(post))) fuzz::violation("one post refused by an empty catalog", "");
  for (const OutputFile& file : render_site(catalog, site, rules, feeds, now)) check_file(file);
  return 0;
}
