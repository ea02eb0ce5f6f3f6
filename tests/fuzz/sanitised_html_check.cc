#include "tests/fuzz/sanitised_html_check.h"

#include <gumbo.h>

#include <array>
#include <string>
#include <vector>

#include "tests/fuzz/fuzz_check.h"

namespace herald::fuzz {
namespace {

constexpr std::array<std::string_view, 13> kUrlAttributes = {
    "href",     "src",    "action", "formaction", "poster",   "cite",      "background",
    "longdesc", "usemap", "data",   "codebase",   "xlink:href", "dynsrc"};

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_nocase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (lower(text[i]) != prefix[i]) return false;
  }
  return true;
}

// The URL a browser would parse: C0 controls and spaces trimmed at both
// ends, tabs and newlines removed everywhere (WHATWG URL, "basic URL parser").
std::string as_browser_reads(std::string_view value) {
  std::size_t begin = 0, end = value.size();
  while (begin < end && static_cast<unsigned char>(value[begin]) <= 0x20) ++begin;
  while (end > begin && static_cast<unsigned char>(value[end - 1]) <= 0x20) --end;
  std::string url;
  for (char c : value.substr(begin, end - begin)) {
    if (c != '\t' && c != '\n' && c != '\r') url += c;
  }
  return url;
}

bool is_script_url(std::string_view value) {
  std::string url = as_browser_reads(value);
  return starts_with_nocase(url, "javascript:") || starts_with_nocase(url, "vbscript:");
}

// srcset: candidates separated by commas, each a URL and a descriptor.
bool srcset_has_script_url(std::string_view value) {
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t comma = value.find(',', start);
    std::string_view candidate = value.substr(start, comma == std::string_view::npos
                                                         ? std::string_view::npos
                                                         : comma - start);
    if (is_script_url(candidate)) return true;
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return false;
}

bool is_url_attribute(std::string_view name) {
  for (std::string_view known : kUrlAttributes) {
    if (name.size() == known.size() && starts_with_nocase(name, known)) return true;
  }
  return false;
}

void check_attribute(const GumboAttribute& attribute, std::string_view html) {
  std::string_view name = attribute.name, value = attribute.value;
  if (starts_with_nocase(name, "on")) violation("an on* attribute survived sanitising", html);
  if (is_url_attribute(name) && is_script_url(value)) {
    violation("a javascript: URL survived sanitising", html);
  }
  if (starts_with_nocase(name, "srcset") && srcset_has_script_url(value)) {
    violation("a javascript: URL in srcset survived sanitising", html);
  }
}

// The element's tag name in lower case, also for tags gumbo does not know.
std::string tag_name(const GumboElement& element) {
  if (element.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(element.tag);
  GumboStringPiece original = element.original_tag;
  gumbo_tag_from_original_text(&original);
  std::string name(original.data ? original.data : "", original.length);
  for (char& c : name) c = lower(c);
  return name;
}

void check_element(const GumboElement& element, std::string_view html) {
  if (tag_name(element) == "script") violation("a script element survived sanitising", html);
  for (unsigned i = 0; i < element.attributes.length; ++i) {
    check_attribute(*static_cast<const GumboAttribute*>(element.attributes.data[i]), html);
  }
}

}  // namespace

void check_sanitised_html(std::string_view html) {
  GumboOutput* output = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  // An explicit stack: the markup may nest deeper than the call stack allows.
  std::vector<const GumboNode*> pending = {output->root};
  while (!pending.empty()) {
    const GumboNode* node = pending.back();
    pending.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) continue;
    check_element(node->v.element, html);
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      pending.push_back(static_cast<const GumboNode*>(children.data[i]));
    }
  }
  gumbo_destroy_output(&kGumboDefaultOptions, output);
}

}  // namespace herald::fuzz
