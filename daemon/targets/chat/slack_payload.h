// The Slack incoming-webhook body (docs/targets.md "Slack"):
//
//   {"text": the template's text in mrkdwn (the notification and fallback),
//    "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": same}},
//               {"type": "image", "image_url", "alt_text"} when the target
//               attaches images and the post has one],
//    "unfurl_links": false with an image block (no second preview), else true}
//
// Values are escaped the mrkdwn way (only & < >, escape_slack); the default
// template links the title as <url|title>. The text is fitted to 3000
// UTF-16 units (a section block's limit), alt text to 2000.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "config/config.h"
#include "daemon/targets/post_text.h"
#include "daemon/text/post_snapshot.h"

namespace herald {

inline constexpr std::string_view kSlackLinkTemplate = "*<{url}|{title}>*\n\n{summary}";
inline constexpr std::size_t kSlackTextMax = 3000;
inline constexpr std::size_t kSlackAltTextMax = 2000;

// The body for `post`; failed when the text cannot fit.
Result<std::string> slack_body(const SnapshotFields& post, const PostText& text,
                               const TargetConfig& target);

}  // namespace herald
