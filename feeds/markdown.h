// Markdown to HTML with cmark-gfm (CommonMark plus GFM tables,
// strikethrough and autolinks; a bare URL followed by a period links
// without the period). Raw HTML is passed through here: html_sanitizer.h
// removes what is dangerous and makes URLs absolute.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace herald {

std::string markdown_to_html(std::string_view markdown);

// What parsing `markdown` gives, measured without recursion (cmark's
// iterator). Lines and columns are 1-based within `markdown`.
struct MarkdownShape {
  int depth = 0;                    // deepest nesting of nodes below the document
  int depth_line = 0, depth_column = 0;   // where it is first reached
  std::size_t html_tags = 0;        // `<` + ASCII letter in raw HTML: start tags at most
  int html_tags_line = 0;           // where the count passes `tags_mark`
  std::size_t table_cells = 0;
  std::size_t html_bytes = 0;       // size of markdown_to_html(markdown)
};
// `tags_mark`: html_tags_line is the line of the raw HTML holding start tag
// number tags_mark + 1 (0 when there are no more).
MarkdownShape measure_markdown(std::string_view markdown, std::size_t tags_mark);

}  // namespace herald
