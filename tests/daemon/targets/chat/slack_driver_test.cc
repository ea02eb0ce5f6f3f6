#include "daemon/targets/chat/slack_driver.h"

#include <boost/test/unit_test.hpp>

#include "daemon/targets/chat/slack_payload.h"
#include "daemon/targets/chat/slack_response.h"
#include "tests/daemon/targets/chat/chat_seed.h"

namespace herald {
namespace {

using test::kSeedImage;
using test::kSeedSummary;
using test::kSeedTitle;
using test::kSeedUrl;
using test::response;

const std::string kHook = "https://hooks.slack.com/services/T000/B000/XXXXsecretXXXX";

std::optional<std::string> body_for(const SnapshotFields& post, const TargetConfig& target) {
  Result<std::string> body = slack_body(post, test::chat_text(target, kSlackLinkTemplate), target);
  BOOST_TEST(body.ok(), body.error());
  if (!body.ok()) return std::nullopt;
  return *body;
}

BOOST_AUTO_TEST_SUITE(slack_driver)

BOOST_AUTO_TEST_CASE(seed_post_body_golden) {
  std::optional<std::string> body = body_for(test::seed_snapshot(), test::chat_target(TargetType::slack, kHook));
  BOOST_TEST_REQUIRE(body.has_value());
  const std::string text = "*<" + kSeedUrl + "|" + kSeedTitle + ">*\\n\\n" + kSeedSummary;
  BOOST_TEST(*body == R"({"text":")" + text + R"(","blocks":[{"type":"section","text":{"type":"mrkdwn","text":")" +
                          text + R"("}},{"type":"image","image_url":")" + kSeedImage +
                          R"(","alt_text":")" + kSeedTitle + R"("}],"unfurl_links":false})");
}

BOOST_AUTO_TEST_CASE(values_escape_only_amp_lt_gt) {
  SnapshotFields post = test::seed_snapshot();
  post.title = "Obras <urgentes> & \"rápidas\" *ya*";
  post.summary = "<!channel> avisos";
  TargetConfig target = test::chat_target(TargetType::slack, kHook);
  target.as<SlackSettings>().text.attach_image = false;
  std::optional<std::string> body = body_for(post, target);
  BOOST_TEST_REQUIRE(body.has_value());
  boost::json::object parsed = boost::json::parse(*body).as_object();
  BOOST_TEST(parsed.at("text").as_string() ==
             "*<" + kSeedUrl + "|Obras &lt;urgentes&gt; &amp; \"rápidas\" *ya*>*\n\n&lt;!channel&gt; avisos");
  BOOST_TEST(parsed.at("blocks").as_array().size() == 1u);
  BOOST_TEST(parsed.at("unfurl_links").as_bool() == true);
}

BOOST_AUTO_TEST_CASE(ok_is_sent) {
  ChatReply reply = read_slack_response(response(200, "ok"));
  BOOST_TEST(reply.posted);
  BOOST_TEST(reply.remote_id == "");
}

BOOST_AUTO_TEST_CASE(plain_text_errors_are_dead) {
  BOOST_TEST(read_slack_response(response(400, "invalid_payload")).dead_reason ==
             "HTTP 400: Slack refused the message: invalid_payload (fix the template or the target's settings)");
  BOOST_TEST(read_slack_response(response(403, "action_prohibited")).dead_reason ==
             "HTTP 403: Slack refused the message: action_prohibited (an admin restricted this webhook)");
  BOOST_TEST(read_slack_response(response(404, "channel_not_found\n")).dead_reason ==
             "HTTP 404: Slack refused the message: channel_not_found (the channel or the webhook is gone: "
             "create a new webhook and update url)");
  BOOST_TEST(read_slack_response(response(410, "channel_is_archived")).dead_reason ==
             "HTTP 410: Slack refused the message: channel_is_archived (the channel is archived: unarchive it "
             "or create a webhook for another channel)");
}

BOOST_AUTO_TEST_CASE(rate_limits_and_server_errors_retry) {
  BOOST_TEST(read_slack_response(response(429, "rate_limited", {{"retry-after", "30"}})).dead_reason == "");
  BOOST_TEST(read_slack_response(response(500, "internal_error")).dead_reason == "");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace herald
