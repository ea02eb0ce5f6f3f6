// Maps the top-level front-matter map onto a Post following
// PostRules::fields: absent values (rules.absent_values, YAML null) are
// skipped, text is cleaned (XML-forbidden characters removed, trimmed),
// dates are parsed in the site's zone, and the file name supplies the date,
// slug and identity the front matter lacks. See post_parser.h.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "feeds/diagnostic.h"
#include "feeds/front_matter.h"
#include "feeds/front_matter_yaml.h"
#include "feeds/post.h"
#include "feeds/post_rules.h"
#include "feeds/time_zone.h"

namespace herald {

// Fills every front-matter field of *post (not body, body_line or
// source_path). Returns the first problem found (path left empty); adds to
// *warnings what is left out of the post (an image that is not http(s)).
std::optional<Diagnostic> read_post_fields(const YamlTree& tree, const FrontMatter& fm,
                                           std::string_view path, const PostRules& rules,
                                           const TimeZone& zone, Post* post,
                                           std::vector<Diagnostic>* warnings);

}  // namespace herald
