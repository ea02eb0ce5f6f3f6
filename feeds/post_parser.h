// Turns the bytes of one content file into a Post, or into one Diagnostic
// that says where the file is wrong and how to fix it. Never throws.
//
// Accepts: an optional UTF-8 BOM, LF or CRLF line ends, front matter between
// `---` lines (YAML, parsed by libyaml with depth and node budgets against
// alias bombs and absurd nesting), then the Markdown body. Refuses: files over
// rules.max_bytes, binary files (NUL bytes), invalid UTF-8 (with the line and
// column of the first bad byte), missing or malformed front matter, no title,
// no usable date (the date may come from a Jekyll file name
// YYYY-MM-DD-slug.ext when front matter has none), no identity, more tags
// than rules.max_tags or a longer one than rules.max_tag_bytes, a body over
// a budget of rules.markdown (markdown_limits.h). An image that is not
// http(s) or relative is left out with a warning.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "feeds/diagnostic.h"
#include "feeds/post.h"
#include "feeds/post_rules.h"
#include "feeds/time_zone.h"

namespace herald {

struct PostParseResult {
  std::optional<Post> post;           // set on success
  std::optional<Diagnostic> error;    // set on failure
  std::vector<Diagnostic> warnings;   // with a post: what was left out of it and why
};

// `path` is relative to the content directory ('/' separated); it is used in
// diagnostics, for Post::source_path, and for the file-name date and slug.
PostParseResult parse_post(std::string_view path, std::string_view bytes,
                           const PostRules& rules, const TimeZone& zone);

}  // namespace herald
