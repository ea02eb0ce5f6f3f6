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

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cstdlib>
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

}  // namespace

std::string markdown_to_html(std::string_view markdown) {
  ParserPtr parser = make_parser();
  NodePtr document;
  {
    std::lock_guard<std::mutex> lock(parse_mutex());
    cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
    document.reset(cmark_parser_finish(parser.get()));
  }
  char* html = cmark_render_html(document.get(), kOptions,
                                 cmark_parser_get_syntax_extensions(parser.get()));
  std::string result(html);
  std::free(html);
  return result;
}

}  // namespace herald
