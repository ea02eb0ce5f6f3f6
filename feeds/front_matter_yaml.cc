#include "feeds/front_matter_yaml.h"

#include <yaml.h>

#include <cstring>
#include <unordered_map>
#include <utility>

#include "feeds/text.h"

namespace herald {
namespace {

std::string too_deep_message(int max_depth) {
  return "front matter nests deeper than " + std::to_string(max_depth) +
         " levels; flatten the fields";
}

constexpr const char* kSyntaxAdvice =
    "; check the quotes, colons and indentation on this line and the one before";

Diagnostic at(const FrontMatter& fm, std::size_t mark, std::string message) {
  TextPosition pos = mark_position(fm, mark);
  return Diagnostic{"", pos.line, pos.column, std::move(message)};
}

// --- Characters libyaml's reader refuses -----------------------------------
// YAML forbids most control characters anywhere in a document; yaml-cpp
// never checked, and strip_xml_forbidden already drops them from values.
// So that such a post still reads as before, each one is swapped for a
// private-use character of plane 15 (one character for one: columns stay
// right) and swapped back in the scalars afterwards.

constexpr char32_t kSwapBase = 0xF0000;

bool refused_by_libyaml(char32_t c) {
  bool allowed = c == 0x09 || c == 0x0A || c == 0x0D || (c >= 0x20 && c <= 0x7E) || c == 0x85 ||
                 (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
                 (c >= 0x10000 && c <= 0x10FFFF);
  return !allowed;
}

void append_utf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

std::string swap_refused(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size();) {
    char32_t c = static_cast<char32_t>(next_code_point(text, i));  // validated UTF-8
    append_utf8(refused_by_libyaml(c) ? kSwapBase + c : c, &out);
  }
  return out;
}

void unswap_refused(std::string* text) {
  if (text->find('\xF3') == std::string::npos) return;  // every swapped character starts so
  std::string out;
  out.reserve(text->size());
  for (std::size_t i = 0; i < text->size();) {
    char32_t c = static_cast<char32_t>(next_code_point(*text, i));
    bool swapped = c >= kSwapBase && c <= kSwapBase + 0xFFFF && refused_by_libyaml(c - kSwapBase);
    append_utf8(swapped ? c - kSwapBase : c, &out);
  }
  *text = std::move(out);
}

// --- Building the tree from libyaml's events --------------------------------

// Owns a libyaml parser and the event being looked at.
class EventReader {
 public:
  explicit EventReader(std::string_view yaml) {
    ok_ = yaml_parser_initialize(&parser_) != 0;
    if (ok_) {
      yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(yaml.data()),
                                   yaml.size());
      yaml_parser_set_encoding(&parser_, YAML_UTF8_ENCODING);
    }
  }
  ~EventReader() {
    if (has_event_) yaml_event_delete(&event_);
    if (ok_) yaml_parser_delete(&parser_);
  }
  EventReader(const EventReader&) = delete;
  EventReader& operator=(const EventReader&) = delete;

  // The next event, or nullptr on a parse error (see parser()).
  const yaml_event_t* next() {
    if (has_event_) yaml_event_delete(&event_);
    has_event_ = ok_ && yaml_parser_parse(&parser_, &event_) != 0;
    return has_event_ ? &event_ : nullptr;
  }
  bool initialised() const { return ok_; }
  const yaml_parser_t& parser() const { return parser_; }

 private:
  yaml_parser_t parser_{};
  yaml_event_t event_{};
  bool ok_ = false;
  bool has_event_ = false;
};

bool is_null_scalar(const yaml_event_t& event) {
  const auto& s = event.data.scalar;
  if (s.tag != nullptr || s.style != YAML_PLAIN_SCALAR_STYLE) return false;
  std::string_view v(reinterpret_cast<const char*>(s.value), s.length);
  return v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL";
}

std::string_view anchor_of(const yaml_event_t& event) {
  const yaml_char_t* anchor = nullptr;
  if (event.type == YAML_SCALAR_EVENT) anchor = event.data.scalar.anchor;
  if (event.type == YAML_SEQUENCE_START_EVENT) anchor = event.data.sequence_start.anchor;
  if (event.type == YAML_MAPPING_START_EVENT) anchor = event.data.mapping_start.anchor;
  if (event.type == YAML_ALIAS_EVENT) anchor = event.data.alias.anchor;
  return anchor ? std::string_view(reinterpret_cast<const char*>(anchor)) : std::string_view();
}

enum class BuildStatus { done, capped, failed, refused_characters };

// Turns the events of the first document into tree.nodes (root first).
// Stops creating nodes once there are max_nodes + 1 of them: the budget walk
// then fails exactly where it would have on the whole tree, because it meets
// new nodes in the order they were created.
class TreeBuilder {
 public:
  TreeBuilder(const FrontMatter& fm, std::string_view yaml, std::size_t max_nodes)
      : fm_(fm), reader_(yaml), max_nodes_(max_nodes) {}

  BuildStatus build(YamlTree* tree, Diagnostic* error) {
    tree_ = tree;
    error_ = error;
    if (!reader_.initialised()) return fail_memory();
    for (;;) {
      const yaml_event_t* event = reader_.next();
      if (event == nullptr) return parse_error();
      switch (event->type) {
        case YAML_SCALAR_EVENT:
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
          if (tree_->nodes.size() > max_nodes_) return BuildStatus::capped;
          add(*event);
          break;
        case YAML_ALIAS_EVENT:
          if (!add_alias(*event)) return BuildStatus::failed;
          break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
          open_.pop_back();
          break;
        case YAML_DOCUMENT_END_EVENT:
        case YAML_STREAM_END_EVENT:
          return BuildStatus::done;
        default:
          break;
      }
    }
  }

 private:
  void attach(std::uint32_t index) {
    if (!open_.empty()) tree_->nodes[open_.back()].items.push_back(index);
  }

  void add(const yaml_event_t& event) {
    auto index = static_cast<std::uint32_t>(tree_->nodes.size());
    YamlNode& node = tree_->nodes.emplace_back();
    node.mark = static_cast<std::uint32_t>(event.start_mark.index);
    if (event.type == YAML_SCALAR_EVENT) {
      if (!is_null_scalar(event)) {
        node.kind = YamlNode::Kind::scalar;
        node.scalar.assign(reinterpret_cast<const char*>(event.data.scalar.value),
                           event.data.scalar.length);
      }
    } else {
      node.kind = event.type == YAML_SEQUENCE_START_EVENT ? YamlNode::Kind::sequence
                                                          : YamlNode::Kind::map;
    }
    std::string_view anchor = anchor_of(event);
    if (!anchor.empty()) anchors_.insert_or_assign(std::string(anchor), index);  // the latest wins
    attach(index);
    if (node.kind == YamlNode::Kind::sequence || node.kind == YamlNode::Kind::map) {
      open_.push_back(index);
    }
  }

  bool add_alias(const yaml_event_t& event) {
    std::string_view name = anchor_of(event);
    if (auto it = anchors_.find(std::string(name)); it != anchors_.end()) {
      attach(it->second);
      return true;
    }
    *error_ = at(fm_, event.start_mark.index,
                 "invalid YAML: the alias '*" + std::string(name) +
                     "' names no anchor defined before it; define '&" + std::string(name) +
                     "' first or write the value out");
    return false;
  }

  BuildStatus parse_error() {
    const yaml_parser_t& p = reader_.parser();
    if (p.error == YAML_MEMORY_ERROR) return fail_memory();
    std::string problem = p.problem ? p.problem : "malformed document";
    if (p.error == YAML_READER_ERROR) {
      if (problem == "control characters are not allowed") return BuildStatus::refused_characters;
      TextPosition pos = position_at(fm_.yaml, p.problem_offset);
      *error_ = Diagnostic{"", pos.line + fm_.yaml_line - 1, pos.column,
                           "invalid YAML: " + problem + kSyntaxAdvice};
      return BuildStatus::failed;
    }
    std::string message = "invalid YAML: " + problem;
    if (p.context != nullptr && p.context_mark.index != p.problem_mark.index) {
      TextPosition start = mark_position(fm_, p.context_mark.index);
      message += std::string(" (") + p.context + " started at line " +
                 std::to_string(start.line) + ", column " + std::to_string(start.column) + ")";
    }
    *error_ = at(fm_, p.problem_mark.index, message + kSyntaxAdvice);
    return BuildStatus::failed;
  }

  BuildStatus fail_memory() {
    *error_ = Diagnostic{"", fm_.yaml_line, 1,
                         "front matter could not be read: out of memory; simplify the fields"};
    return BuildStatus::failed;
  }

  const FrontMatter& fm_;
  EventReader reader_;
  std::size_t max_nodes_;
  YamlTree* tree_ = nullptr;
  Diagnostic* error_ = nullptr;
  std::vector<std::uint32_t> open_;  // the collections being filled, innermost last
  std::unordered_map<std::string, std::uint32_t> anchors_;  // anchor -> node: O(1) look-up
};

// Walks every node reachable from the root, aliases included (an alias is
// visited each time it is used, which is exactly what a bomb multiplies).
class TreeBudget {
 public:
  TreeBudget(const YamlTree& tree, const PostRules& rules) : tree_(tree), rules_(rules) {}

  // Returns the node where a limit was crossed, or nullptr.
  const YamlNode* walk(const YamlNode& node, int depth) {
    if (++visited_ > rules_.max_nodes) {
      over_budget_ = true;
      return &node;
    }
    if (node.is_sequence() || node.is_map()) {
      if (depth > rules_.max_depth) return &node;  // the root map is depth 0
      for (std::uint32_t child : node.items) {
        if (const YamlNode* bad = walk(tree_.at(child), depth + 1)) return bad;
      }
    }
    return nullptr;
  }
  bool over_budget() const { return over_budget_; }

 private:
  const YamlTree& tree_;
  const PostRules& rules_;
  std::size_t visited_ = 0;
  bool over_budget_ = false;
};

}  // namespace

const YamlNode* YamlTree::find(const YamlNode& map, std::string_view key) const {
  for (std::size_t i = 0; i + 1 < map.items.size(); i += 2) {
    const YamlNode& k = at(map.items[i]);
    if (k.is_scalar() && k.scalar == key) return &at(map.items[i + 1]);
  }
  return nullptr;
}

TextPosition mark_position(const FrontMatter& fm, std::size_t mark) {
  // libyaml counts characters; position_at wants a byte offset.
  std::size_t byte = 0;
  for (std::size_t chars = 0; byte < fm.yaml.size() && chars < mark; ++byte) {
    if ((static_cast<unsigned char>(fm.yaml[byte]) & 0xC0) != 0x80) ++chars;
  }
  while (byte < fm.yaml.size() && (static_cast<unsigned char>(fm.yaml[byte]) & 0xC0) == 0x80) {
    ++byte;
  }
  TextPosition pos = position_at(fm.yaml, byte);
  pos.line += fm.yaml_line - 1;
  return pos;
}

std::optional<YamlTree> load_front_matter(const FrontMatter& fm, const PostRules& rules,
                                          Diagnostic* error) {
  YamlTree tree;
  tree.nodes.reserve(32);
  BuildStatus status = TreeBuilder(fm, fm.yaml, rules.max_nodes).build(&tree, error);
  if (status == BuildStatus::refused_characters) {
    tree = YamlTree{};
    std::string swapped = swap_refused(fm.yaml);
    status = TreeBuilder(fm, swapped, rules.max_nodes).build(&tree, error);
    for (YamlNode& node : tree.nodes) unswap_refused(&node.scalar);
  }
  if (status == BuildStatus::failed) return std::nullopt;
  if (tree.nodes.empty() || tree.root().is_null()) {
    YamlTree empty;
    empty.nodes.emplace_back().kind = YamlNode::Kind::map;
    return empty;
  }
  if (!tree.root().is_map()) {
    *error = at(fm, tree.root().mark,
                "front matter is not a set of fields; write one 'key: value' per line");
    return std::nullopt;
  }
  TreeBudget budget(tree, rules);
  if (const YamlNode* bad = budget.walk(tree.root(), 0)) {
    std::string message = budget.over_budget()
        ? "front matter expands to more than " + std::to_string(rules.max_nodes) +
              " values (repeated aliases?); write the fields out without '*' aliases or raise "
              "content.max_front_matter_nodes"
        : too_deep_message(rules.max_depth);
    *error = at(fm, bad->mark, std::move(message));
    return std::nullopt;
  }
  return tree;
}

}  // namespace herald
