// The text is looked at before cmark-gfm parses it, for the inputs on which
// Debian 12's cmark-gfm 0.29.0.gfm.6 is not linear (measured in
// tests/feeds/markdown_pathological_test.cc):
//  - tables: every row gets as many cells as the header, so a wide header
//    over many one-character lines multiplies the input (77 MB of feeds from
//    8.4 KB); the cells a table can have are bounded here line by line;
//  - `![` openers: an image opener is never deactivated, and every link
//    closed after it walks back over all of them (CVE-2023-22486's
//    `![[]()` pattern): their count is bounded.
// The rest (nesting, raw HTML start tags, cells, rendered size) is measured
// on the parsed tree (markdown.h measure_markdown): a parse and a render,
// as much again as the post's entry costs. A linear look at the text first
// proves most posts within those budgets, and they skip it (within_shape).
#include "feeds/markdown_limits.h"

#include <algorithm>
#include <array>
#include <string>

#include "feeds/markdown.h"

namespace herald {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r'; }

// A line that may be a table's delimiter row (`| --- | :-: |`, `-`), block
// quote markers before it allowed; returns its column count, or 0.
std::size_t delimiter_columns(std::string_view line) {
  std::size_t start = 0;
  while (start < line.size() && (is_blank(line[start]) || line[start] == '>')) ++start;
  line.remove_prefix(start);
  if (line.find('-') == std::string_view::npos) return 0;
  std::size_t pipes = 0;
  for (char c : line) {
    if (c == '|') {
      ++pipes;
    } else if (c != '-' && c != ':' && !is_blank(c)) {
      return 0;
    }
  }
  return pipes + 1;
}

bool is_blank_line(std::string_view line) {
  return std::all_of(line.begin(), line.end(), [](char c) { return is_blank(c) || c == '>'; });
}

std::string raise(const char* key) {
  return "; simplify the post or raise content.markdown." + std::string(key);
}

Diagnostic at_line(int body_line, int line, int column, std::string message) {
  return Diagnostic{"", body_line + line - 1, column, std::move(message)};
}

// Cells every table could have: for each possible delimiter row, its
// columns times the header line and every line up to the next blank one.
std::optional<Diagnostic> check_table_cells(std::string_view body, int body_line,
                                            const MarkdownLimits& limits) {
  // A GFM table's header row has a pipe: without one there is no table.
  if (body.find('|') == std::string_view::npos) return std::nullopt;
  std::size_t cells = 0, columns = 0;
  int line_number = 0;
  for (std::size_t start = 0; start < body.size();) {
    std::size_t end = std::min(body.find_first_of("\n\r", start), body.size());
    std::string_view line = body.substr(start, end - start);
    ++line_number;
    if (is_blank_line(line)) {
      columns = 0;
    } else if (std::size_t found = delimiter_columns(line)) {
      columns = std::max(columns, found);
      cells += 2 * columns;  // the header line and this one
    } else {
      cells += columns;
    }
    if (cells > limits.max_table_cells) {
      return at_line(body_line, line_number, 1,
                     "tables have more than " + std::to_string(limits.max_table_cells) +
                         " cells" + raise("max_table_cells"));
    }
    start = end + 1;
  }
  return std::nullopt;
}

std::optional<Diagnostic> check_images(std::string_view body, int body_line,
                                       const MarkdownLimits& limits) {
  std::size_t images = 0;
  for (std::size_t i = body.find("!["); i != std::string_view::npos; i = body.find("![", i + 2)) {
    if (++images > limits.max_images) {
      int line = 1 + static_cast<int>(std::count(body.begin(), body.begin() + static_cast<std::ptrdiff_t>(i), '\n'));
      return at_line(body_line, line, 1,
                     "more than " + std::to_string(limits.max_images) + " images ('![')" +
                         raise("max_images"));
    }
  }
  return std::nullopt;
}

std::optional<Diagnostic> check_shape(std::string_view body, int body_line,
                                      const MarkdownLimits& limits) {
  MarkdownShape shape = measure_markdown(body, limits);
  if (shape.depth > limits.max_nesting) {
    return at_line(body_line, shape.depth_line, shape.depth_column,
                   "Markdown nests deeper than " + std::to_string(limits.max_nesting) +
                       " levels (block quotes, lists, emphasis)" + raise("max_nesting"));
  }
  if (shape.html_tags > limits.max_html_tags) {
    return at_line(body_line, shape.html_tags_line, 1,
                   "raw HTML has more than " + std::to_string(limits.max_html_tags) + " tags" +
                       raise("max_html_tags"));
  }
  if (shape.table_cells > limits.max_table_cells) {
    return at_line(body_line, 1, 1,
                   "tables have more than " + std::to_string(limits.max_table_cells) + " cells" +
                       raise("max_table_cells"));
  }
  if (shape.html_bytes > limits.max_html_bytes) {
    return at_line(body_line, 1, 1,
                   "the post's HTML would be more than " +
                       std::to_string(limits.max_html_bytes) +
                       " bytes (links written out many times?)" + raise("max_html_bytes"));
  }
  return std::nullopt;
}

// True when the text alone proves the parsed tree within the budgets that
// check_shape measures, so the parse can be skipped:
//  - nesting: every container level opens with a marker character of its
//    own (`>`, a list marker, `*` `_` `~` emphasis, `[` a link, a digit with
//    `.` or `)` an ordered item) except a table's three and an autolink's
//    one, so the count of those characters plus 4 bounds the depth;
//  - raw HTML start tags: each needs a `<`;
//  - rendered size: without link reference definitions (one URL copied to
//    every use), cmark writes at most a few bytes per input byte (`<` as
//    `&lt;`, `-a` as `<li>a</li>`; table padding is bounded by
//    check_table_cells), so 16 times the text bounds the HTML. Any "]:"
//    (a definition may sit in any container) sends the post to be measured.
bool within_shape(std::string_view body, const MarkdownLimits& limits) {
  // "]:" may define a link reference (inside any container): measure.
  if (body.size() > limits.max_html_bytes / 16 || body.find("]:") != std::string_view::npos) {
    return false;
  }
  static constexpr auto kMarker = [] {
    std::array<bool, 256> table{};
    for (unsigned char c : std::string_view(">-+*_[~|")) table[c] = true;
    return table;
  }();
  std::size_t markers = 4;
  std::size_t opens = 0;
  char previous = '\0';
  for (char c : body) {
    auto byte = static_cast<unsigned char>(c);
    opens += c == '<';
    markers += kMarker[byte] || ((c == '.' || c == ')') && previous >= '0' && previous <= '9');
    previous = c;
  }
  return markers <= static_cast<std::size_t>(limits.max_nesting) && opens <= limits.max_html_tags;
}

}  // namespace

std::optional<Diagnostic> check_markdown_limits(std::string_view body, int body_line,
                                                const MarkdownLimits& limits) {
  if (auto error = check_table_cells(body, body_line, limits)) return error;
  if (auto error = check_images(body, body_line, limits)) return error;
  if (within_shape(body, limits)) return std::nullopt;
  return check_shape(body, body_line, limits);
}

}  // namespace herald
