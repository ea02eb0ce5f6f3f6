// Markdown to HTML with cmark-gfm (CommonMark plus GFM tables,
// strikethrough and autolinks; a bare URL followed by a period links
// without the period). Raw HTML is passed through here: html_sanitizer.h
// removes what is dangerous and makes URLs absolute.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "feeds/markdown_limits.h"

namespace herald {

std::string markdown_to_html(std::string_view markdown);

// Jekyll's excerpt of a post as plain text: the Markdown before the first
// `separator` (Jekyll's excerpt_separator, by default a blank line: the
// first paragraph; leading blank lines skipped, unlike Jekyll, so a body
// that starts with one still has an excerpt), rendered by cmark-gfm's
// plain-text renderer (markup and raw HTML dropped), whitespace collapsed,
// at most kMaxExcerptChars code points (cut at a space, with "…").
inline constexpr std::size_t kMaxExcerptChars = 600;
std::string markdown_excerpt(std::string_view markdown, std::string_view separator);

// What parsing `markdown` gives, measured without recursion (cmark's
// iterator) against `limits`. Lines and columns are 1-based within
// `markdown`; a position is 0 while its limit is not crossed.
struct MarkdownShape {
  int depth = 0;                    // deepest nesting of containers below the document
  int depth_line = 0, depth_column = 0;   // the first node deeper than max_nesting
  std::size_t html_tags = 0;        // `<` + ASCII letter in raw HTML: start tags at most
  int html_tags_line = 0;           // the raw HTML holding start tag max_html_tags + 1
  std::size_t table_cells = 0;
  std::size_t html_bytes = 0;       // size of markdown_to_html(markdown), see below
};
// The HTML is rendered only when the text, URLs and titles of the nodes
// (which the HTML holds at least once) come to at most max_html_bytes; else
// html_bytes is their sum, a lower bound, so an amplifying post never costs
// its output's memory.
MarkdownShape measure_markdown(std::string_view markdown, const MarkdownLimits& limits);

}  // namespace herald
