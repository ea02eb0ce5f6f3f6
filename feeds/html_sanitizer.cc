// Rebuilds the gumbo tree of a post's HTML as a pugixml tree, keeping only
// what the allow-lists below name; URL policy lives in safe_url.h.
//
// Serialised with format_raw: void elements come out as `<br/>`, every other
// element always gets an explicit end tag (an empty text child), because
// HTML parsers read `<p/>` as an open `<p>`.
#include "feeds/html_sanitizer.h"

#include <gumbo.h>
#include <pugixml.hpp>

#include <algorithm>
#include <optional>
#include <span>
#include <vector>

#include "feeds/safe_url.h"
#include "feeds/text.h"

namespace herald {
namespace {

enum class Rule { kKeep, kKeepVoid, kDrop };

struct ElementRule {
  std::string_view name;
  Rule rule;
};

// Sorted by name; names are NUL-terminated literals. Elements not listed are
// unwrapped: their children stay.
constexpr ElementRule kElements[] = {
    {"a", Rule::kKeep},          {"abbr", Rule::kKeep},        {"applet", Rule::kDrop},
    {"audio", Rule::kKeep},      {"b", Rule::kKeep},           {"base", Rule::kDrop},
    {"blockquote", Rule::kKeep}, {"br", Rule::kKeepVoid},      {"button", Rule::kDrop},
    {"caption", Rule::kKeep},    {"cite", Rule::kKeep},        {"code", Rule::kKeep},
    {"dd", Rule::kKeep},         {"del", Rule::kKeep},         {"details", Rule::kKeep},
    {"dfn", Rule::kKeep},        {"div", Rule::kKeep},         {"dl", Rule::kKeep},
    {"dt", Rule::kKeep},         {"em", Rule::kKeep},          {"embed", Rule::kDrop},
    {"figcaption", Rule::kKeep}, {"figure", Rule::kKeep},      {"form", Rule::kDrop},
    {"frame", Rule::kDrop},      {"frameset", Rule::kDrop},    {"h1", Rule::kKeep},
    {"h2", Rule::kKeep},         {"h3", Rule::kKeep},          {"h4", Rule::kKeep},
    {"h5", Rule::kKeep},         {"h6", Rule::kKeep},          {"head", Rule::kDrop},
    {"hr", Rule::kKeepVoid},     {"i", Rule::kKeep},           {"iframe", Rule::kDrop},
    {"img", Rule::kKeepVoid},    {"input", Rule::kDrop},       {"ins", Rule::kKeep},
    {"kbd", Rule::kKeep},        {"li", Rule::kKeep},          {"link", Rule::kDrop},
    {"mark", Rule::kKeep},       {"math", Rule::kDrop},        {"meta", Rule::kDrop},
    {"noscript", Rule::kDrop},   {"object", Rule::kDrop},      {"ol", Rule::kKeep},
    {"p", Rule::kKeep},          {"picture", Rule::kKeep},     {"pre", Rule::kKeep},
    {"q", Rule::kKeep},          {"s", Rule::kKeep},           {"samp", Rule::kKeep},
    {"script", Rule::kDrop},     {"select", Rule::kDrop},      {"small", Rule::kKeep},
    {"source", Rule::kKeepVoid}, {"span", Rule::kKeep},        {"strong", Rule::kKeep},
    {"style", Rule::kDrop},      {"sub", Rule::kKeep},         {"summary", Rule::kKeep},
    {"sup", Rule::kKeep},        {"svg", Rule::kDrop},         {"table", Rule::kKeep},
    {"tbody", Rule::kKeep},      {"td", Rule::kKeep},          {"template", Rule::kDrop},
    {"textarea", Rule::kDrop},   {"tfoot", Rule::kKeep},       {"th", Rule::kKeep},
    {"thead", Rule::kKeep},      {"time", Rule::kKeep},        {"title", Rule::kDrop},
    {"tr", Rule::kKeep},         {"track", Rule::kKeepVoid},   {"u", Rule::kKeep},
    {"ul", Rule::kKeep},         {"video", Rule::kKeep},
};

enum class AttributeKind { kText, kUrl, kSrcset };

struct AttributeRule {
  std::string_view name;
  AttributeKind kind;
};

// Sorted by name. Every other attribute (on*, style, class, id...) is dropped.
constexpr AttributeRule kAttributes[] = {
    {"align", AttributeKind::kText},    {"alt", AttributeKind::kText},
    {"cite", AttributeKind::kUrl},      {"colspan", AttributeKind::kText},
    {"controls", AttributeKind::kText}, {"datetime", AttributeKind::kText},
    {"dir", AttributeKind::kText},      {"height", AttributeKind::kText},
    {"href", AttributeKind::kUrl},      {"lang", AttributeKind::kText},
    {"loading", AttributeKind::kText},  {"poster", AttributeKind::kUrl},
    {"reversed", AttributeKind::kText}, {"rowspan", AttributeKind::kText},
    {"src", AttributeKind::kUrl},       {"srcset", AttributeKind::kSrcset},
    {"start", AttributeKind::kText},    {"title", AttributeKind::kText},
    {"type", AttributeKind::kText},     {"width", AttributeKind::kText},
};

template <typename Entry>
constexpr bool sorted_by_name(std::span<const Entry> table) {
  return std::is_sorted(table.begin(), table.end(),
                        [](const Entry& a, const Entry& b) { return a.name < b.name; });
}
static_assert(sorted_by_name<ElementRule>(kElements));
static_assert(sorted_by_name<AttributeRule>(kAttributes));

template <typename Entry>
const Entry* find_rule(std::span<const Entry> table, std::string_view name) {
  auto it = std::lower_bound(table.begin(), table.end(), name,
                             [](const Entry& entry, std::string_view key) { return entry.name < key; });
  return (it != table.end() && it->name == name) ? &*it : nullptr;
}

// The element's lower-case name; gumbo has no enum value for some tags
// (`picture`), which then come from the source text.
std::string element_name(const GumboElement& element) {
  if (element.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(element.tag);
  GumboStringPiece piece = element.original_tag;
  gumbo_tag_from_original_text(&piece);
  std::string name(piece.data ? piece.data : "", piece.length);
  for (char& c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return name;
}

// True when `text` may hold a character strip_xml_forbidden removes: a C0
// control but TAB, LF, CR, DEL, or a lead byte of U+0080-U+00BF (0xC2: the
// C1 controls), U+D800-U+DFFF (0xED) or U+FFFE/U+FFFF (0xEF). Lets the
// common case skip strip_xml_forbidden.
bool may_hold_xml_forbidden(std::string_view text) {
  for (unsigned char c : text) {
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F || c == 0xC2 || c == 0xED || c == 0xEF) {
      return true;
    }
  }
  return false;
}

template <typename Target>  // pugi::xml_node (text) or pugi::xml_attribute
void set_xml_text(Target target, const char* text) {
  if (may_hold_xml_forbidden(text)) {
    target.set_value(strip_xml_forbidden(text).c_str());
  } else {
    target.set_value(text);
  }
}

// Walks the gumbo tree with an explicit stack (no recursion: raw HTML may
// nest as deep as its budget allows, cmark's block quotes deeper still).
class TreeBuilder {
 public:
  explicit TreeBuilder(std::string_view base_url) : base_url_(base_url) {}

  void append_children(const GumboVector& children, pugi::xml_node parent) const {
    std::vector<Frame> stack{{&children, 0, parent, nullptr}};
    while (!stack.empty()) {
      Frame& top = stack.back();
      if (top.next == top.children->length) {
        finish(top);
        stack.pop_back();
        continue;
      }
      const auto& node = *static_cast<const GumboNode*>(top.children->data[top.next++]);
      pugi::xml_node parent_node = top.parent;
      if (std::optional<Frame> inner = append_node(node, parent_node)) stack.push_back(*inner);
    }
  }

 private:
  // Children of `children` still to copy into `parent`; `rule` is the kept
  // element `parent` copies (nullptr when the children are unwrapped).
  struct Frame {
    const GumboVector* children;
    unsigned next;
    pugi::xml_node parent;
    const ElementRule* rule;
  };

  // Copies `node`; returns the frame of its children when they are to be walked.
  std::optional<Frame> append_node(const GumboNode& node, pugi::xml_node parent) const {
    switch (node.type) {
      case GUMBO_NODE_ELEMENT:
        return append_element(node.v.element, parent);
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
      case GUMBO_NODE_WHITESPACE:
        set_xml_text(parent.append_child(pugi::node_pcdata), node.v.text.text);
        return std::nullopt;
      default:  // comments, templates, the document: dropped
        return std::nullopt;
    }
  }

  std::optional<Frame> append_element(const GumboElement& element, pugi::xml_node parent) const {
    if (element.tag_namespace != GUMBO_NAMESPACE_HTML) return std::nullopt;  // inside svg/math
    const ElementRule* rule = find_rule<ElementRule>(kElements, element_name(element));
    if (rule == nullptr) return Frame{&element.children, 0, parent, nullptr};
    if (rule->rule == Rule::kDrop) return std::nullopt;
    pugi::xml_node copy = parent.append_child(rule->name.data());
    copy_attributes(element, rule->name, copy);
    return Frame{&element.children, 0, copy, rule};
  }

  // After the children of a kept element.
  static void finish(const Frame& frame) {
    if (frame.rule == nullptr) return;
    pugi::xml_node copy = frame.parent;  // a handle: copying it is cheap
    if (frame.rule->name == "pre") keep_leading_newline(copy);
    if (frame.rule->rule == Rule::kKeep && !copy.first_child()) {
      copy.append_child(pugi::node_pcdata);
    }
  }

  // HTML parsers drop a newline right after `<pre>` (gumbo did); one more
  // keeps a newline that was really part of the text when readers re-parse.
  static void keep_leading_newline(pugi::xml_node pre) {
    pugi::xml_node text = pre.first_child();
    if (text.type() == pugi::node_pcdata && text.value()[0] == '\n') {
      text.set_value(("\n" + std::string(text.value())).c_str());
    }
  }

  void copy_attributes(const GumboElement& element, std::string_view name, pugi::xml_node copy) const {
    for (unsigned i = 0; i < element.attributes.length; ++i) {
      const auto& attribute = *static_cast<const GumboAttribute*>(element.attributes.data[i]);
      const AttributeRule* rule = find_rule<AttributeRule>(kAttributes, attribute.name);
      if (rule == nullptr) continue;
      std::optional<std::string> value = attribute_value(*rule, name, attribute.value);
      if (!value) continue;
      set_xml_text(copy.append_attribute(rule->name.data()), value->c_str());
    }
  }

  std::optional<std::string> attribute_value(const AttributeRule& rule, std::string_view element,
                                             std::string_view value) const {
    switch (rule.kind) {
      case AttributeKind::kUrl: {
        bool image = element == "img" && rule.name == "src";
        return safe_url(value, base_url_, image ? UrlUse::kImageSource : UrlUse::kLink);
      }
      case AttributeKind::kSrcset:
        return safe_srcset(value, base_url_);
      case AttributeKind::kText:
        break;
    }
    return std::string(value);
  }

  std::string_view base_url_;
};

const GumboNode* find_body(const GumboOutput& output) {
  const GumboVector& children = output.root->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    const auto* node = static_cast<const GumboNode*>(children.data[i]);
    if (node->type == GUMBO_NODE_ELEMENT && node->v.element.tag == GUMBO_TAG_BODY) return node;
  }
  return nullptr;
}

struct StringWriter : pugi::xml_writer {
  std::string out;
  void write(const void* data, std::size_t size) override {
    out.append(static_cast<const char*>(data), size);
  }
};

}  // namespace

std::string sanitize_html(std::string_view html, std::string_view base_url) {
  // Gumbo turns raw control characters into U+FFFD; removing them first
  // keeps the text as written. Invalid UTF-8 is left to gumbo, which
  // replaces it. Character references (`&#x1d;`) are stripped after parsing.
  std::string stripped;
  if (may_hold_xml_forbidden(html) && find_invalid_utf8(html) == std::string_view::npos) {
    stripped = strip_xml_forbidden(html);
    html = stripped;
  }
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // errors are not reported; do not record them
  GumboOutput* output = gumbo_parse_with_options(&options, html.data(), html.size());
  pugi::xml_document document;
  if (const GumboNode* body = find_body(*output)) {
    TreeBuilder(base_url).append_children(body->v.element.children, document);
  }
  gumbo_destroy_output(&options, output);
  StringWriter writer;
  document.save(writer, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
  return writer.out;
}

}  // namespace herald
