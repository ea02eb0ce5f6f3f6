// Parses front matter with yaml-cpp, safely: nesting is checked before
// yaml-cpp sees the text, and the tree is walked with a node budget (alias
// bombs) and a depth limit before anyone reads it. Errors carry the file's
// line and column.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>

#include "feeds/diagnostic.h"
#include "feeds/front_matter.h"
#include "feeds/post_rules.h"
#include "feeds/source_text.h"

namespace herald {

// The top-level map of `fm` (a null document gives an empty map). On failure
// returns nullopt and fills *error (path left empty). Never throws.
std::optional<YAML::Node> load_front_matter(const FrontMatter& fm, const PostRules& rules,
                                            Diagnostic* error);

// File position of a yaml-cpp mark inside `fm` (line 1 of the front matter
// when the mark is unknown).
TextPosition mark_position(const FrontMatter& fm, const YAML::Mark& mark);

}  // namespace herald
