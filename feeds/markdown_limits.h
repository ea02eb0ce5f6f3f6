// The budgets a post's Markdown body must stay within, so that no post costs
// more than a bounded multiple of its size to parse, render and sanitise
// (docs/posts.md, "Limits and hostile posts"). check_markdown_limits() looks
// at the text first (counts that bound the work cmark-gfm 0.29.0.gfm.6 would
// do on its known quadratic or amplifying inputs), then parses it and walks
// the tree without recursion. Each refusal names the budget and its key.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "feeds/diagnostic.h"

namespace herald {

struct MarkdownLimits {
  int max_nesting = 64;                      // nested block quotes, lists, emphasis, links
  std::size_t max_html_tags = 2000;          // start tags in raw HTML (each may nest)
  std::size_t max_table_cells = 10000;       // cells of every table together
  std::size_t max_images = 1000;             // `![` image openers
  std::size_t max_html_bytes = 1024 * 1024;  // the rendered HTML of the entry
};

// `body_line` is the file line of the body's first line (diagnostic lines
// are file lines; path left empty). Cost: linear in body.size().
std::optional<Diagnostic> check_markdown_limits(std::string_view body, int body_line,
                                                const MarkdownLimits& limits);

}  // namespace herald
