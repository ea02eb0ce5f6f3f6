// Markdown rendering with cmark-gfm 0.29: CommonMark plus the GFM autolink,
// table and strikethrough extensions, raw HTML passed through (UNSAFE) for
// html_sanitizer.h to clean, no smart punctuation, always valid UTF-8 out.
//
// Thread safety: cmark-gfm 0.29.0.gfm.6 keeps the inline parser's table of
// special characters in a global that every parser with extensions writes
// while it parses (github/cmark-gfm PR #176), and registering the core
// extensions twice aborts. Registration therefore runs once
// (std::call_once) and parsing is serialised by a mutex; rendering the
// finished tree touches no shared state and runs unlocked.
#include "feeds/markdown.h"

#include "feeds/text.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>

namespace herald {
namespace {

// VALIDATE_UTF8 replaces invalid sequences with U+FFFD.
constexpr int kOptions = CMARK_OPT_UNSAFE | CMARK_OPT_VALIDATE_UTF8;
constexpr const char* kExtensions[] = {"autolink", "table", "strikethrough"};

struct ParserDeleter {
  void operator()(cmark_parser* parser) const { cmark_parser_free(parser); }
};
struct NodeDeleter {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
using ParserPtr = std::unique_ptr<cmark_parser, ParserDeleter>;
using NodePtr = std::unique_ptr<cmark_node, NodeDeleter>;

std::mutex& parse_mutex() {
  static std::mutex mutex;
  return mutex;
}

ParserPtr make_parser() {
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
  ParserPtr parser(cmark_parser_new(kOptions));
  for (const char* name : kExtensions) {
    if (cmark_syntax_extension* extension = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser.get(), extension);
    }
  }
  return parser;
}

NodePtr parse(cmark_parser* parser, std::string_view markdown) {
  std::lock_guard<std::mutex> lock(parse_mutex());
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  return NodePtr(cmark_parser_finish(parser));
}

std::string render(cmark_node* document, cmark_parser* parser) {
  char* html = cmark_render_html(document, kOptions, cmark_parser_get_syntax_extensions(parser));
  std::string result(html);
  std::free(html);
  return result;
}

std::size_t count_start_tags(const char* html) {
  std::size_t count = 0;
  for (const char* c = html; c && *c; ++c) {
    if (c[0] == '<' && ((c[1] | 0x20) >= 'a' && (c[1] | 0x20) <= 'z')) ++count;
  }
  return count;
}

// Whether cmark's iterator enters `node` without exiting it.
bool is_leaf(cmark_node* node) {
  switch (cmark_node_get_type(node)) {
    case CMARK_NODE_HTML_BLOCK: case CMARK_NODE_THEMATIC_BREAK: case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_TEXT: case CMARK_NODE_SOFTBREAK: case CMARK_NODE_LINEBREAK:
    case CMARK_NODE_CODE: case CMARK_NODE_HTML_INLINE:
      return true;
    default:
      return false;
  }
}

// A node's line and column, or its nearest ancestor's (inlines may have none).
void position_of(cmark_node* node, int* line, int* column) {
  for (; node != nullptr; node = cmark_node_parent(node)) {
    if (cmark_node_get_start_line(node) > 0) {
      *line = cmark_node_get_start_line(node);
      *column = std::max(1, cmark_node_get_start_column(node));
      return;
    }
  }
  *line = *column = 1;
}

void measure_node(cmark_node* node, int depth, const MarkdownLimits& limits,
                  MarkdownShape* shape) {
  if (depth > limits.max_nesting && shape->depth <= limits.max_nesting) {
    position_of(node, &shape->depth_line, &shape->depth_column);
  }
  shape->depth = std::max(shape->depth, depth);
  cmark_node_type type = cmark_node_get_type(node);
  if (type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE) {
    std::size_t before = shape->html_tags;
    shape->html_tags += count_start_tags(cmark_node_get_literal(node));
    if (before <= limits.max_html_tags && shape->html_tags > limits.max_html_tags) {
      int column = 0;
      position_of(node, &shape->html_tags_line, &column);
    }
  } else if (std::strcmp(cmark_node_get_type_string(node), "table_cell") == 0) {
    ++shape->table_cells;
  }
  for (const char* text : {cmark_node_get_literal(node), cmark_node_get_url(node),
                           cmark_node_get_title(node)}) {
    if (text != nullptr) shape->html_bytes += std::strlen(text);
  }
}

}  // namespace

std::string markdown_to_html(std::string_view markdown) {
  ParserPtr parser = make_parser();
  NodePtr document = parse(parser.get(), markdown);
  return render(document.get(), parser.get());
}

std::string markdown_excerpt(std::string_view markdown, std::string_view separator) {
  std::size_t start = markdown.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return "";
  markdown.remove_prefix(start);
  if (!separator.empty()) markdown = markdown.substr(0, markdown.find(separator));
  ParserPtr parser = make_parser();
  NodePtr document = parse(parser.get(), markdown);
  char* plain = cmark_render_plaintext(document.get(), kOptions, 0);
  std::string text = squash_whitespace(plain);
  std::free(plain);
  return shorten_at_space(text, kMaxExcerptChars);
}

MarkdownShape measure_markdown(std::string_view markdown, const MarkdownLimits& limits) {
  ParserPtr parser = make_parser();
  NodePtr document = parse(parser.get(), markdown);
  MarkdownShape shape;
  cmark_iter* iter = cmark_iter_new(document.get());
  int depth = 0;  // containers open around the current node, the document not counted
  for (cmark_event_type event; (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter);
    if (node == document.get()) continue;
    if (event == CMARK_EVENT_EXIT) {
      --depth;
      continue;
    }
    // A leaf (text, code, raw HTML) nests nothing: containers are counted.
    bool leaf = is_leaf(node);
    measure_node(node, leaf ? depth : depth + 1, limits, &shape);
    if (!leaf) ++depth;  // the iterator will exit it
  }
  cmark_iter_free(iter);
  if (shape.html_bytes <= limits.max_html_bytes) {
    shape.html_bytes = render(document.get(), parser.get()).size();
  }
  return shape;
}

}  // namespace herald
