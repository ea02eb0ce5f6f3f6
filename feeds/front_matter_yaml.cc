#include "feeds/front_matter_yaml.h"

namespace herald {
namespace {

std::string too_deep_message(int max_depth) {
  return "front matter nests deeper than " + std::to_string(max_depth) +
         " levels; flatten the fields";
}

// Why a pre-scan: yaml-cpp 0.7 parses nested collections by recursion, so
// thousands of `[[[[` or `{{{{` cost a deep stack before we ever see a tree
// (its own DepthGuard only stops at depth 2000, far too deep for small
// thread stacks and sanitizer builds). This is a guard, not a YAML parser:
// it counts flow brackets outside comments and quoted scalars and refuses
// when they open deeper than max_depth. Brackets inside block scalars count
// too, so it can only over-estimate for ordinary posts.
// Returns the offset of the first bracket too deep, or npos.
std::size_t find_too_deep_flow(std::string_view yaml, int max_depth) {
  int depth = 0;
  char quote = '\0';
  for (std::size_t i = 0; i < yaml.size(); ++i) {
    char c = yaml[i];
    if (quote != '\0') {
      if (quote == '"' && c == '\\') {
        ++i;
      } else if (c == quote) {
        bool doubled = quote == '\'' && i + 1 < yaml.size() && yaml[i + 1] == '\'';
        if (doubled) ++i; else quote = '\0';
      }
      continue;
    }
    char prev = i == 0 ? '\n' : yaml[i - 1];
    bool token_start = prev == ' ' || prev == '\t' || prev == '\n' || prev == '[' ||
                       prev == '{' || prev == ',';
    if ((c == '"' || c == '\'') && token_start) {
      quote = c;
    } else if (c == '#' && (prev == ' ' || prev == '\t' || prev == '\n')) {
      std::size_t end = yaml.find('\n', i);
      i = end == std::string_view::npos ? yaml.size() : end;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::string_view::npos;
}

// Walks every node reachable from `node`, aliases included (an alias is
// visited each time it is used, which is exactly what a bomb multiplies).
class TreeBudget {
 public:
  explicit TreeBudget(const PostRules& rules) : rules_(rules) {}

  // Returns the node where a limit was crossed, or nullopt.
  std::optional<YAML::Node> walk(const YAML::Node& node, int depth) {
    if (++visited_ > rules_.max_nodes) {
      over_budget_ = true;
      return node;
    }
    if (node.IsSequence() || node.IsMap()) {
      if (depth > rules_.max_depth) return node;  // the root map is depth 0
    }
    if (node.IsSequence()) {
      for (const YAML::Node& child : node) {
        if (auto bad = walk(child, depth + 1)) return bad;
      }
    } else if (node.IsMap()) {
      for (const auto& pair : node) {
        if (auto bad = walk(pair.first, depth + 1)) return bad;
        if (auto bad = walk(pair.second, depth + 1)) return bad;
      }
    }
    return std::nullopt;
  }
  bool over_budget() const { return over_budget_; }

 private:
  const PostRules& rules_;
  std::size_t visited_ = 0;
  bool over_budget_ = false;
};

Diagnostic at(const FrontMatter& fm, const YAML::Mark& mark, std::string message) {
  TextPosition pos = mark_position(fm, mark);
  return Diagnostic{"", pos.line, pos.column, std::move(message)};
}

std::optional<YAML::Node> parse(const FrontMatter& fm, Diagnostic* error) {
  try {
    return YAML::Load(std::string(fm.yaml));
  } catch (const YAML::Exception& e) {
    *error = at(fm, e.mark,
                "invalid YAML: " + e.msg +
                    "; check the quotes, colons and indentation on this line and the one before");
  } catch (const std::exception& e) {
    *error = Diagnostic{"", fm.yaml_line, 1,
                        std::string("front matter could not be read: ") + e.what() +
                            "; simplify the fields"};
  }
  return std::nullopt;
}

}  // namespace

TextPosition mark_position(const FrontMatter& fm, const YAML::Mark& mark) {
  if (mark.is_null() || mark.pos < 0 || mark.line < 0) return TextPosition{fm.yaml_line, 1};
  TextPosition pos = position_at(fm.yaml, static_cast<std::size_t>(mark.pos));
  pos.line += fm.yaml_line - 1;
  return pos;
}

std::optional<YAML::Node> load_front_matter(const FrontMatter& fm, const PostRules& rules,
                                            Diagnostic* error) {
  std::size_t too_deep = find_too_deep_flow(fm.yaml, rules.max_depth);
  if (too_deep != std::string_view::npos) {
    TextPosition pos = position_at(fm.yaml, too_deep);
    *error = Diagnostic{"", pos.line + fm.yaml_line - 1, pos.column,
                        too_deep_message(rules.max_depth)};
    return std::nullopt;
  }
  std::optional<YAML::Node> root = parse(fm, error);
  if (!root) return std::nullopt;
  if (root->IsNull()) return YAML::Node(YAML::NodeType::Map);
  if (!root->IsMap()) {
    *error = at(fm, root->Mark(),
                "front matter is not a set of fields; write one 'key: value' per line");
    return std::nullopt;
  }
  TreeBudget budget(rules);
  if (auto bad = budget.walk(*root, 0)) {
    std::string message = budget.over_budget()
        ? "front matter expands to more than " + std::to_string(rules.max_nodes) +
              " values (repeated aliases?); write the fields out without '*' aliases"
        : too_deep_message(rules.max_depth);
    *error = at(fm, bad->Mark(), std::move(message));
    return std::nullopt;
  }
  return root;
}

}  // namespace herald
