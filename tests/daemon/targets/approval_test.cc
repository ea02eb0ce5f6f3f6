// An editor's text against a network's limits: the refusal as a value
// (which the console phrases in its language) and the CLI's sentence.
#include "daemon/targets/approval.h"

#include <boost/test/unit_test.hpp>

#include "daemon/targets/mastodon/mastodon_limits.h"

namespace herald {
namespace {

TargetConfig mastodon() {
  TargetConfig target;
  target.name = "toot";
  target.type = TargetType::mastodon;
  target.settings = MastodonSettings{};
  return target;
}

TargetConfig bluesky() {
  TargetConfig target;
  target.name = "sky";
  target.type = TargetType::bluesky;
  target.settings = default_settings(TargetType::bluesky);
  return target;
}

using Kind = EditorTextRefusal::Kind;

}  // namespace

BOOST_AUTO_TEST_SUITE(approval)

BOOST_AUTO_TEST_CASE(a_text_over_the_networks_count_is_refused_with_its_length) {
  TextLimits limits = *editable_text_limits(mastodon());
  BOOST_TEST(!refuse_editor_text(limits, std::string(500, 'a')).has_value());
  BOOST_TEST((refuse_editor_text(limits, std::string(501, 'a')) == EditorTextRefusal{Kind::too_long, 501, 500}));
  // Every URL counts 23, as Mastodon counts it.
  BOOST_TEST(!refuse_editor_text(limits, std::string(470, 'a') + " https://example.org/" + std::string(200, 'p'))
                  .has_value());
  BOOST_TEST((refuse_editor_text(limits, "") == EditorTextRefusal{Kind::empty, 0, 500}));
  BOOST_TEST(check_editor_text(mastodon(), std::string(612, 'a')).message ==
             "the text is 612 characters as mastodon counts them; the limit is 500");
  BOOST_TEST(check_editor_text(mastodon(), "").message ==
             "the text is empty; give the text to post, or approve without --text");
}

BOOST_AUTO_TEST_CASE(mastodon_keeps_the_limit_its_server_announced) {
  MastodonLimits server;
  server.max_characters = 1000;
  server.characters_reserved_per_url = 30;
  server.fetched_ms = 1;
  const std::string saved = mastodon_limits_state(server);
  TextLimits limits = *editable_text_limits(mastodon(), saved);
  BOOST_TEST(limits.max_length == 1000u);
  BOOST_TEST(limits.count("https://example.org/" + std::string(100, 'p')) == 30u);
  BOOST_TEST(check_editor_text(mastodon(), std::string(600, 'a'), saved).ok());
  BOOST_TEST(check_editor_text(mastodon(), std::string(1001, 'a'), saved).message ==
             "the text is 1001 characters as mastodon counts them; the limit is 1000");
  BOOST_TEST(editable_text_limits(mastodon(), "not the limits")->max_length == 500u);  // unknown: 500
}

BOOST_AUTO_TEST_CASE(bluesky_also_limits_the_bytes) {
  TextLimits limits = *editable_text_limits(bluesky());
  std::string emoji_family;  // one grapheme of 25 bytes
  for (int i = 0; i < 140; ++i) emoji_family += "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466";
  BOOST_TEST((refuse_editor_text(limits, emoji_family) == EditorTextRefusal{Kind::too_many_bytes, 3500, 3000}));
  BOOST_TEST(check_editor_text(bluesky(), emoji_family).message == "the text is 3500 bytes; the limit is 3000 bytes");
}

BOOST_AUTO_TEST_CASE(approval_with_filters_holds_only_the_posts_they_match) {
  ApprovalConfig approval;
  approval.required = true;
  approval.sections = {"politica"};
  approval.flag = "revisar";
  Post politics;
  politics.section = "Política";
  politics.fields.set("revisar", "sí");  // not a true value
  Post other;
  other.section = "Deportes";
  other.fields.set("revisar", "yes");
  for (const Post* post : {&politics, &other}) {
    NewDelivery d;
    hold_for_approval(approval, *post, 1000, d);
    BOOST_TEST(!d.awaiting_approval);
  }
  politics.fields.set("revisar", "Yes");
  NewDelivery held;
  hold_for_approval(approval, politics, 1000, held);
  BOOST_TEST(held.awaiting_approval);
  approval.sections.clear();
  approval.flag.clear();
  NewDelivery any;
  hold_for_approval(approval, other, 1000, any);  // no filter: every post waits
  BOOST_TEST(any.awaiting_approval);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace herald
