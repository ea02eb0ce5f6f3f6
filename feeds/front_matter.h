// Splits a post (already BOM-free, LF line ends) into its front matter, the
// YAML between a first line `---` and the next line `---` (or `...`),
// trailing blanks allowed on both, and the Markdown body after it.
#pragma once

#include <optional>
#include <string_view>

#include "feeds/diagnostic.h"

namespace herald {

struct FrontMatter {
  std::string_view yaml;  // the lines between the delimiters
  int yaml_line = 2;      // 1-based file line of yaml's first line
  std::string_view body;  // everything after the closing delimiter line
  int body_line = 1;      // 1-based file line of body's first line
};

// On failure returns nullopt and fills *error (path left empty).
std::optional<FrontMatter> split_front_matter(std::string_view text, Diagnostic* error);

}  // namespace herald
