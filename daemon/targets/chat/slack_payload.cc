#include "daemon/targets/chat/slack_payload.h"

#include <boost/json.hpp>

#include "daemon/text/text_length.h"

namespace herald {

Result<std::string> slack_body(const SnapshotFields& post, const PostText& text,
                               const TargetConfig& target) {
  TextLimits limits;
  limits.max_length = kSlackTextMax;
  limits.count = count_utf16_units;
  Result<std::string> mrkdwn = text.fit(post, limits, escape_slack);
  if (!mrkdwn.ok()) return mrkdwn.status();

  boost::json::array blocks;
  blocks.push_back({{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", *mrkdwn}}}});
  bool image = target.as<SlackSettings>().text.attach_image && !post.image.empty();
  if (image) {
    const std::string& alt = post.image_alt.empty() ? post.title : post.image_alt;
    std::string alt_text = shorten_value(alt, kSlackAltTextMax, count_utf16_units);
    blocks.push_back({{"type", "image"},
                      {"image_url", post.image},
                      {"alt_text", alt_text.empty() ? std::string("imagen") : alt_text}});
  }
  boost::json::object body;
  body["text"] = *mrkdwn;
  body["blocks"] = std::move(blocks);
  body["unfurl_links"] = !image;
  return boost::json::serialize(body);
}

}  // namespace herald
