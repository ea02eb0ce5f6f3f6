// Parses front matter with libyaml (event by event) into a small tree of
// our own, safely: the tree is built without recursion, at most
// rules.max_nodes + 1 nodes are ever created, and it is walked with a node
// budget (alias bombs) and a depth limit before anyone reads it. An alias is
// not copied: it is one more reference to its anchor's node (the tree is a
// DAG), and the walk counts it each time it is used. Only the first document
// is read. Errors carry the file's line and column.
//
// Scalars keep their text as written (no YAML 1.1/1.2 typing); a node is
// null when it is an untagged plain `~`, `null`, `Null`, `NULL` or empty.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "feeds/diagnostic.h"
#include "feeds/front_matter.h"
#include "feeds/post_rules.h"
#include "feeds/source_text.h"

namespace herald {

struct YamlNode {
  enum class Kind : std::uint8_t { null, scalar, sequence, map };
  Kind kind = Kind::null;
  std::uint32_t mark = 0;             // character offset of the node in FrontMatter::yaml
  std::string scalar;                 // the text of a scalar
  std::vector<std::uint32_t> items;   // sequence items, or map keys and values alternating

  bool is_null() const { return kind == Kind::null; }
  bool is_scalar() const { return kind == Kind::scalar; }
  bool is_sequence() const { return kind == Kind::sequence; }
  bool is_map() const { return kind == Kind::map; }
};

struct YamlTree {
  std::vector<YamlNode> nodes;  // nodes[0] is the root

  const YamlNode& root() const { return nodes.front(); }
  const YamlNode& at(std::uint32_t index) const { return nodes[index]; }
  // The value of the first pair of `map` whose key is the scalar `key`, or nullptr.
  const YamlNode* find(const YamlNode& map, std::string_view key) const;
};

// The top-level map of `fm` (a null document gives an empty map). On failure
// returns nullopt and fills *error (path left empty). Never throws.
std::optional<YamlTree> load_front_matter(const FrontMatter& fm, const PostRules& rules,
                                          Diagnostic* error);

// File position of the character offset `mark` inside `fm.yaml`.
TextPosition mark_position(const FrontMatter& fm, std::size_t mark);

}  // namespace herald
