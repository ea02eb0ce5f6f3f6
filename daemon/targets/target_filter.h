// Which posts a target announces: a post matches when every filter the
// target sets matches (TargetConfig: sections, tags, flag). Section and tag
// filters compare slugs (feeds/text.h feed_slug), so "Obras Públicas" in a
// post matches `obras-publicas` in the config. A flag is a front-matter
// field whose value is true, yes, on or 1 (any case).
#pragma once

#include "config/config.h"
#include "feeds/post.h"

namespace herald {

bool target_wants(const TargetConfig& target, const Post& post);
// Whether `post` matches every filter given (empty ones match anything):
// what target_wants checks, and approval filters (approval.h).
bool post_matches(const std::vector<std::string>& sections, const std::vector<std::string>& tags,
                  const std::string& flag, const Post& post);

}  // namespace herald
